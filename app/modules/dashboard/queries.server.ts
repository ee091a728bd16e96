// Figures for the dashboard. Every figure that links to the list is counted from the link's own
// query string through the list's parser and WHERE builder (links.ts), so a number and the
// list it opens always agree. The aggregates the list has no view for (progress, months) are
// raw SQL kept to what SQLite and PostgreSQL share, with the one SQLite spelling in the dialect.
import { sql, join, type Sql } from "~/lib/sql.server";
import { readDb } from "~/db.server";
import { dialect } from "~/lib/sql-dialect.server";
import { column, rowParser } from "~/lib/sql-rows.server";
import { daysOverdue } from "~/modules/milestones/progress";
import { proposalWhere } from "~/modules/proposals/filter-sql.server";
import { CLOSED_STATUSES, filterCutoffs } from "~/modules/proposals/filter-types";
import { parseProposalFilters } from "~/modules/proposals/filters.server";
import { countProposals, listProposals } from "~/modules/proposals/queries.server";
import { dashboardQueries } from "./links";

/** The list's filters for a list URL's query string, exactly as the list page reads them. */
const filtersOf = (query: string) => parseProposalFilters(new URLSearchParams(query));

/** How many proposals the list shows for `query` (a list URL's query string). */
export function listCount(query: string, now = new Date()): Promise<number> {
  return countProposals(filtersOf(query), now);
}

const GROUPABLE = { status: sql`p."status"`, area: sql`p."area"`, health: sql`p."health"` } as const;
const groupCountRow = rowParser("dashboard count", { key: column.text, n: column.int });

/**
 * Counts for the links `<base>&<column>=<value>`, every value at once: the list's filters for
 * `base`, grouped by the column instead of choosing one value of it.
 */
export async function countsBy(key: keyof typeof GROUPABLE, base = ""): Promise<Record<string, number>> {
  const col = GROUPABLE[key];
  const scope = { ...filtersOf(base), [key]: [] };
  const rows = groupCountRow.rows(
    await readDb.$queryRaw`SELECT ${col} AS "key", COUNT(*) AS "n" FROM "Proposal" p WHERE ${proposalWhere(scope)} GROUP BY ${col}`,
  );
  return Object.fromEntries(rows.map((r) => [r.key, r.n]));
}

// SUM over no rows is NULL, and PostgreSQL's SUM of integers is a bigint: both decoded here.
const areaProgressRow = rowParser("progress by area", { area: column.text, done: column.intOrNull, counted: column.intOrNull });

/** Progress (done ÷ non-cancelled milestones) overall and per area, of the proposals `base` chooses. */
export async function progressByArea(base = "") {
  const rows = areaProgressRow.rows(
    await readDb.$queryRaw`
      SELECT p."area" AS "area",
             SUM(CASE WHEN m."status" = 'done' THEN 1 ELSE 0 END) AS "done",
             SUM(CASE WHEN m."status" <> 'cancelled' THEN 1 ELSE 0 END) AS "counted"
      FROM "Milestone" m JOIN "Proposal" p ON p."id" = m."proposalId"
      WHERE ${proposalWhere(filtersOf(base))}
      GROUP BY p."area"`,
  );
  const byArea = rows.map((r) => ({ area: r.area, done: r.done ?? 0, counted: r.counted ?? 0 }));
  const done = byArea.reduce((s, r) => s + r.done, 0);
  const counted = byArea.reduce((s, r) => s + r.counted, 0);
  return { overall: counted ? done / counted : null, byArea };
}

const overdueRow = rowParser("overdue milestone", {
  id: column.text,
  title: column.text,
  dueDate: column.date,
  proposalId: column.text,
  reference: column.text,
  proposalTitle: column.text,
  ownerName: column.text,
});

/** Overdue milestones of the proposals `scope` chooses, most overdue first (the list's "overdue" filter shows their proposals). */
export async function overdueMilestones(scope = "", today = new Date(), limit = 20) {
  const late = sql`m."status" = 'planned' AND m."dueDate" < ${filterCutoffs(today).overdueBefore} AND ${proposalWhere(filtersOf(scope), today)}`;
  const [rows, total] = await Promise.all([
    readDb.$queryRaw`
      SELECT m."id", m."title", m."dueDate", p."id" AS "proposalId", p."reference", p."title" AS "proposalTitle", u."name" AS "ownerName"
      FROM "Milestone" m JOIN "Proposal" p ON p."id" = m."proposalId" JOIN "User" u ON u."id" = p."ownerId"
      WHERE ${late} ORDER BY m."dueDate", m."id" LIMIT ${limit}`,
    readDb.$queryRaw`SELECT COUNT(*) AS "n" FROM "Milestone" m JOIN "Proposal" p ON p."id" = m."proposalId" WHERE ${late}`,
  ]);
  return {
    total: countRow.one(total).n,
    rows: overdueRow.rows(rows).map((m) => ({
      id: m.id,
      title: m.title,
      dueDate: m.dueDate,
      proposal: { id: m.proposalId, reference: m.reference, title: m.proposalTitle, owner: { name: m.ownerName } },
      daysOverdue: daysOverdue({ status: "planned", dueDate: m.dueDate }, today),
    })),
  };
}

const countRow = rowParser("count", { n: column.int });

/** Proposals at risk or off track, off track first: the first rows of the list the tile links to, and its total. */
export async function atRiskProposals(scope = "", limit = 20) {
  const list = await listProposals({ ...filtersOf(dashboardQueries(scope).atRisk), sort: "health", dir: "desc" });
  return {
    total: list.total,
    rows: list.rows
      .slice(0, limit)
      .map((p) => ({ id: p.id, reference: p.reference, title: p.title, health: p.health, status: p.status, owner: { name: p.ownerName } })),
  };
}

/** "YYYY-MM" for a date, in UTC. */
const monthOf = (d: Date) => d.toISOString().slice(0, 7);

const monthCountRow = rowParser("milestones by month", { month: column.text, n: column.int });

/** Milestones due and done per month of the proposals `scope` chooses, from twelve months back to eleven ahead (24 in all). */
export async function milestonesByMonth(scope = "", today = new Date()) {
  const monthStart = (offset: number) => new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() + offset, 1));
  const months: string[] = [];
  for (let i = -12; i <= 11; i++) months.push(monthOf(monthStart(i)));
  const from = monthStart(-12);
  const to = monthStart(12); // exclusive
  const inScope = proposalWhere(filtersOf(scope), today);
  const perMonth = async (date: Sql, status: Sql) => {
    const month = dialect.monthOf(date);
    const rows = monthCountRow.rows(
      await readDb.$queryRaw`
        SELECT ${month} AS "month", COUNT(*) AS "n" FROM "Milestone" m JOIN "Proposal" p ON p."id" = m."proposalId"
        WHERE ${status} AND ${date} >= ${from} AND ${date} < ${to} AND ${inScope} GROUP BY ${month}`,
    );
    return new Map(rows.map((r) => [r.month, r.n]));
  };
  const [dueBy, doneBy] = await Promise.all([
    perMonth(sql`m."dueDate"`, sql`m."status" <> 'cancelled'`),
    perMonth(sql`m."completedOn"`, sql`m."status" = 'done'`),
  ]);
  return { current: monthOf(today), months: months.map((month) => ({ month, due: dueBy.get(month) ?? 0, done: doneBy.get(month) ?? 0 })) };
}

const staleRow = rowParser("stale proposal", { id: column.text, reference: column.text, title: column.text, updatedAt: column.date, ownerName: column.text });

/** Active proposals in `scope` with no change for a while, the longest first: amber after 30 days, red after 60, and how many of each. */
export async function staleProposals(scope = "", today = new Date(), limit = 15) {
  const { amberBefore, redBefore } = filterCutoffs(today);
  const queries = dashboardQueries(scope);
  const [rows, amber, red] = await Promise.all([
    // Amber and red together; the list has a view for each, counted below through the list's own filter.
    readDb.$queryRaw`
      SELECT p."id", p."reference", p."title", p."updatedAt", u."name" AS "ownerName"
      FROM "Proposal" p JOIN "User" u ON u."id" = p."ownerId"
      WHERE p."status" NOT IN (${join(CLOSED_STATUSES)}) AND p."updatedAt" < ${amberBefore} AND ${proposalWhere(filtersOf(scope), today)}
      ORDER BY p."updatedAt", p."id" LIMIT ${limit}`,
    listCount(queries.staleAmber, today),
    listCount(queries.staleRed, today),
  ]);
  return {
    amber,
    red,
    rows: staleRow.rows(rows).map(({ ownerName, ...p }) => {
      const days = Math.floor((today.getTime() - p.updatedAt.getTime()) / 86_400_000);
      return { ...p, owner: { name: ownerName }, days, level: p.updatedAt < redBefore ? ("red" as const) : ("amber" as const) };
    }),
  };
}

/** Proposals with at least one overdue milestone: the count the "overdue" tile links to. */
export function overdueProposalCount(scope = "", today = new Date()) {
  return listCount(dashboardQueries(scope).overdue, today);
}

const scopeEventRow = rowParser("figure scope event", { id: column.text, name: column.text, n: column.int });

/**
 * What a scope covers, for the sentence the dashboard and the briefing say it in: how many
 * proposals, of which events, and how many historical records it leaves out; and the events a
 * reader may choose from.
 */
export async function scopeSummary(scope: string) {
  const filters = filtersOf(scope);
  const [events, left] = await Promise.all([
    readDb.$queryRaw`
      SELECT s."id", s."name", COUNT(p."id") AS "n" FROM "Summit" s LEFT JOIN "Proposal" p ON p."summitId" = s."id" AND ${proposalWhere(filters)}
      GROUP BY s."id", s."name", s."date" ORDER BY s."date" DESC`,
    filters.historical === "exclude" ? countProposals({ ...filters, historical: "only" }) : Promise.resolve(0),
  ]);
  const rows = scopeEventRow.rows(events);
  return {
    count: rows.reduce((sum, e) => sum + e.n, 0),
    events: rows.filter((e) => e.n > 0).map((e) => e.name),
    historicalIncluded: filters.historical !== "exclude",
    historicalLeftOut: left,
    chosen: filters.summit,
    choices: rows.map((e) => ({ id: e.id, name: e.name })),
  };
}
