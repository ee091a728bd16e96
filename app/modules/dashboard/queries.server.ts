// Figures for the dashboard. Every figure that links to the list is counted from the link's own
// query string through the list's parser and WHERE builder (links.ts), so a number and the
// list it opens always agree. The aggregates the list has no view for (progress, months) are
// raw SQL kept to what SQLite and PostgreSQL share, with the one SQLite spelling in the dialect.
import { Prisma } from "@prisma/client";
import { readDb } from "~/db.server";
import { dialect } from "~/lib/sql-dialect.server";
import { column, rowParser } from "~/lib/sql-rows.server";
import { daysOverdue } from "~/modules/milestones/progress";
import { proposalWhere } from "~/modules/proposals/filter-sql.server";
import { CLOSED_STATUSES, filterCutoffs } from "~/modules/proposals/filter-types";
import { parseProposalFilters } from "~/modules/proposals/filters.server";
import { countProposals, listProposals } from "~/modules/proposals/queries.server";
import { DASHBOARD_QUERIES } from "./links";

/** The list's filters for a list URL's query string, exactly as the list page reads them. */
const filtersOf = (query: string) => parseProposalFilters(new URLSearchParams(query));

/** How many proposals the list shows for `query` (a list URL's query string). */
export function listCount(query: string, now = new Date()): Promise<number> {
  return countProposals(filtersOf(query), now);
}

const GROUPABLE = { status: Prisma.sql`p."status"`, area: Prisma.sql`p."area"`, health: Prisma.sql`p."health"` } as const;
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

/** Progress (done ÷ non-cancelled milestones) overall and per area. */
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

/** Overdue milestones, most overdue first (the list's "overdue" filter shows their proposals). */
export async function overdueMilestones(today = new Date(), limit = 20) {
  const where: Prisma.MilestoneWhereInput = { status: "planned", dueDate: { lt: filterCutoffs(today).overdueBefore } };
  const [rows, total] = await Promise.all([
    readDb.milestone.findMany({
      where,
      orderBy: { dueDate: "asc" },
      take: limit,
      select: {
        id: true,
        title: true,
        dueDate: true,
        status: true,
        proposal: { select: { id: true, reference: true, title: true, owner: { select: { name: true } } } },
      },
    }),
    readDb.milestone.count({ where }),
  ]);
  return { total, rows: rows.map((m) => ({ ...m, daysOverdue: daysOverdue(m, today) })) };
}

/** Proposals at risk or off track, off track first: the first rows of the list the tile links to, and its total. */
export async function atRiskProposals(limit = 20) {
  const list = await listProposals({ ...filtersOf(DASHBOARD_QUERIES.atRisk), sort: "health", dir: "desc" });
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

/** Milestones due and done per month, from twelve months back to eleven ahead (24 in all). */
export async function milestonesByMonth(today = new Date()) {
  const monthStart = (offset: number) => new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() + offset, 1));
  const months: string[] = [];
  for (let i = -12; i <= 11; i++) months.push(monthOf(monthStart(i)));
  const from = monthStart(-12);
  const to = monthStart(12); // exclusive
  const perMonth = async (date: Prisma.Sql, status: Prisma.Sql) => {
    const month = dialect.monthOf(date);
    const rows = monthCountRow.rows(
      await readDb.$queryRaw`
        SELECT ${month} AS "month", COUNT(*) AS "n" FROM "Milestone" m
        WHERE ${status} AND ${date} >= ${from} AND ${date} < ${to} GROUP BY ${month}`,
    );
    return new Map(rows.map((r) => [r.month, r.n]));
  };
  const [dueBy, doneBy] = await Promise.all([
    perMonth(Prisma.sql`m."dueDate"`, Prisma.sql`m."status" <> 'cancelled'`),
    perMonth(Prisma.sql`m."completedOn"`, Prisma.sql`m."status" = 'done'`),
  ]);
  return { current: monthOf(today), months: months.map((month) => ({ month, due: dueBy.get(month) ?? 0, done: doneBy.get(month) ?? 0 })) };
}

/** Active proposals with no change for a while, the longest first: amber after 30 days, red after 60, and how many of each. */
export async function staleProposals(today = new Date(), limit = 15) {
  const { amberBefore, redBefore } = filterCutoffs(today);
  const [rows, amber, red] = await Promise.all([
    // Amber and red together; the list has a view for each, counted below through the list's own filter.
    readDb.proposal.findMany({
      where: { status: { notIn: [...CLOSED_STATUSES] }, updatedAt: { lt: amberBefore } },
      orderBy: { updatedAt: "asc" },
      take: limit,
      select: { id: true, reference: true, title: true, updatedAt: true, owner: { select: { name: true } } },
    }),
    listCount(DASHBOARD_QUERIES.staleAmber, today),
    listCount(DASHBOARD_QUERIES.staleRed, today),
  ]);
  return {
    amber,
    red,
    rows: rows.map((p) => {
      const days = Math.floor((today.getTime() - p.updatedAt.getTime()) / 86_400_000);
      return { ...p, days, level: p.updatedAt < redBefore ? ("red" as const) : ("amber" as const) };
    }),
  };
}

/** Proposals with at least one overdue milestone: the count the "overdue" tile links to. */
export function overdueProposalCount(today = new Date()) {
  return listCount(DASHBOARD_QUERIES.overdue, today);
}
