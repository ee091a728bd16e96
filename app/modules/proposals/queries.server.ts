// Reads for proposals, on the read connection, always with an explicit column list. Prisma for
// single records and plain lists; raw SQL where the list's filters apply (full-text search,
// sorting by derived columns), always under proposalWhere, so every page, count and export
// agrees with the list. Each raw row shape is declared once and parsed (app/lib/sql-rows.server.ts).
import { sql, join, type Sql } from "~/lib/sql.server";
import { rawRead, rawReadSnapshot, readDb } from "~/db.server";
import { msg } from "~/i18n/message";
import { NotFoundError } from "~/lib/errors";
import { dialect, vocabularyOrder } from "~/lib/sql-dialect.server";
import { column, rowParser } from "~/lib/sql-rows.server";
import { proposalConditions, proposalWhere, type ProposalScope } from "./filter-sql.server";
import type { ProposalFilters } from "./filter-types";
import { relevance } from "./search.server";
import { ROLES } from "~/modules/users/roles";
import { quoteInContext } from "~/modules/events/quote";
import {
  AREAS,
  COUNTRIES,
  DATE_PRECISIONS,
  FOLLOW_UP_KINDS,
  HEALTHS,
  MILESTONE_STATUSES,
  PRIORITIES,
  STATUSES,
  type Area,
  type Health,
  type Status,
} from "./vocabulary";

export type { ProposalScope } from "./filter-sql.server";

const PAGE_SIZE = 50;

export type ProposalRow = {
  id: string;
  reference: string;
  title: string;
  area: Area;
  status: Status;
  health: Health;
  ownerId: string;
  ownerName: string;
  targetDate: string | null;
  updatedAt: string;
  historical: boolean;
  done: number;
  counted: number;
  progress: number | null;
};

const countRow = rowParser("count", { n: column.int });

/** How many proposals the list shows under `scope`: the figure behind every count that links to it. */
export async function countProposals(scope: ProposalScope, now = new Date()): Promise<number> {
  return countRow.one(await readDb.$queryRaw`SELECT COUNT(*) AS "n" FROM "Proposal" p WHERE ${proposalWhere(scope, now)}`).n;
}

/**
 * How many proposals each filter value would give, with the other filters kept. A proposal is
 * one row of "Proposal" and one row of "ProposalCountry" per country, so COUNT(*) counts
 * proposals; the (status, area, …) indexes answer the first four without reading a row.
 */
export async function facetCounts(f: ProposalScope) {
  const facetRow = rowParser("facet count", { key: column.text, n: column.int });
  const counted = async (query: Promise<unknown>) => Object.fromEntries(facetRow.rows(await query).map((r) => [r.key, r.n]));
  const count = (key: Sql, scope: ProposalScope) =>
    counted(readDb.$queryRaw`SELECT ${key} AS "key", COUNT(*) AS "n" FROM "Proposal" p WHERE ${proposalWhere(scope)} GROUP BY ${key}`);
  // Countries: without other filters, from "ProposalCountry" alone (joining every row to its
  // proposal took 13 ms on 10,000 proposals; the bare count 2 ms).
  const countryScope = { ...f, country: [] };
  const countries = proposalConditions(countryScope).length
    ? sql`"ProposalCountry" c WHERE c."proposalId" IN (SELECT p."id" FROM "Proposal" p WHERE ${proposalWhere(countryScope)})`
    : sql`"ProposalCountry" c`;
  const [status, area, health, owner, country] = await Promise.all([
    count(sql`p."status"`, { ...f, status: [] }),
    count(sql`p."area"`, { ...f, area: [] }),
    count(sql`p."health"`, { ...f, health: [] }),
    count(sql`p."ownerId"`, { ...f, owner: undefined }),
    counted(readDb.$queryRaw`SELECT c."country" AS "key", COUNT(*) AS "n" FROM ${countries} GROUP BY c."country"`),
  ]);
  return { status, area, health, owner, country };
}

// Per-proposal subqueries on "Milestone" are written so that the only indexable condition is
// m."proposalId" = p."id". Given m."status" = 'done' as well, SQLite prefers the ("status",
// "dueDate") index and reads every done milestone in the database for each proposal: on 10,000
// proposals, sorting the list by progress took about a minute and the board longer.

/** Milestones counted for progress (done ÷ non-cancelled), as columns "done" and "counted" of a query on `p`. */
const PROGRESS_COLUMNS = sql`
  (SELECT COALESCE(SUM(CASE WHEN m."status" = 'done' THEN 1 ELSE 0 END), 0) FROM "Milestone" m WHERE m."proposalId" = p."id") AS "done",
  (SELECT COUNT(*) FROM "Milestone" m WHERE m."proposalId" = p."id" AND m."status" <> 'cancelled') AS "counted"`;

const progressOf = (done: number, counted: number) => (counted === 0 ? null : done / counted);

/**
 * The list's sort keys, over the columns of its derived table "row" (PostgreSQL cannot order by
 * an expression over output aliases, so the list selects into "row" and orders outside it).
 * Vocabulary columns sort in the vocabulary's order; a missing target date sorts last.
 */
const SORT_KEYS: Record<ProposalFilters["sort"], Sql[]> = {
  relevance: [sql`"row"."rank"`],
  reference: [sql`"row"."reference"`],
  title: [dialect.caseless(sql`"row"."title"`)],
  area: [vocabularyOrder(sql`"row"."area"`, AREAS)],
  status: [vocabularyOrder(sql`"row"."status"`, STATUSES)],
  owner: [dialect.caseless(sql`"row"."ownerName"`)],
  targetDate: [sql`CASE WHEN "row"."targetDate" IS NULL THEN 1 ELSE 0 END`, sql`"row"."targetDate"`],
  progress: [sql`CASE WHEN "row"."counted" = 0 THEN -1 ELSE "row"."done" * 1.0 / "row"."counted" END`],
  updatedAt: [sql`"row"."updatedAt"`],
  health: [vocabularyOrder(sql`"row"."health"`, HEALTHS)],
};

/**
 * The columns every proposal summary row starts with (the list and the briefing), selected from
 * `p` joined to its owner `u`: one selection and one decoder shape, so the two cannot drift.
 */
const SUMMARY_SELECT = sql`p."id", p."reference", p."title", p."area", p."status", p."health", p."targetDate", u."name" AS "ownerName"`;
const SUMMARY_COLUMNS = {
  id: column.text,
  reference: column.text,
  title: column.text,
  area: column.oneOf(AREAS),
  status: column.oneOf(STATUSES),
  health: column.oneOf(HEALTHS),
  targetDate: column.dateOrNull,
  ownerName: column.text,
};

const listRow = rowParser("proposal list row", {
  ...SUMMARY_COLUMNS,
  ownerId: column.text,
  updatedAt: column.date,
  historical: column.bool,
  done: column.int,
  counted: column.int,
});

export async function listProposals(f: ProposalFilters): Promise<{ rows: ProposalRow[]; total: number; page: number; pages: number }> {
  const now = new Date();
  const where = proposalWhere(f, now);
  const total = await countProposals(f, now);
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const page = Math.min(f.page, pages);
  // bm25 is smaller for better matches, so relevance ascending means best first.
  const dir = f.dir === "desc" && f.sort !== "relevance" ? sql`DESC` : sql`ASC`;
  const order = join(
    SORT_KEYS[f.sort].map((key) => sql`${key} ${dir}`),
    ", ",
  );
  const search = relevance(f.q);
  const raw = await readDb.$queryRaw`
    SELECT * FROM (
      SELECT ${SUMMARY_SELECT}, p."ownerId", p."updatedAt", p."historical", ${PROGRESS_COLUMNS}, ${search.rank} AS "rank"
      FROM "Proposal" p JOIN "User" u ON u."id" = p."ownerId" ${search.join}
      WHERE ${where}
    ) AS "row"
    ORDER BY ${order}, "row"."reference" ASC
    LIMIT ${PAGE_SIZE} OFFSET ${(page - 1) * PAGE_SIZE}`;
  const rows = listRow.rows(raw).map((r) => ({
    ...r,
    targetDate: r.targetDate?.toISOString() ?? null,
    updatedAt: r.updatedAt.toISOString(),
    progress: progressOf(r.done, r.counted),
  }));
  return { rows, total, page, pages };
}

/** How many progress updates a proposal page shows unless asked for all (a proposal can have hundreds). */
export const UPDATES_SHOWN = 20;

/** The columns of a whole proposal record, as the proposal page and the exports read them. */
const RECORD_COLUMNS = {
  id: column.text,
  reference: column.text,
  title: column.text,
  summary: column.text,
  area: column.oneOf(AREAS),
  sourceQuote: column.text,
  status: column.oneOf(STATUSES),
  leadOrganisation: column.text,
  targetDate: column.dateOrNull,
  priority: column.oneOf(PRIORITIES),
  health: column.oneOf(HEALTHS),
  historical: column.bool,
  version: column.int,
  createdAt: column.date,
  updatedAt: column.date,
};

const proposalRow = rowParser("proposal", {
  ...RECORD_COLUMNS,
  proposingParty: column.oneOf(COUNTRIES),
  ownerId: column.text,
  ownerName: column.text,
  ownerEmail: column.text,
  summitId: column.text,
  summitName: column.text,
  summitDate: column.date,
  summitPlace: column.text,
  summitSource: column.text,
  summitPrecision: column.oneOf(DATE_PRECISIONS),
  quoteStart: column.intOrNull,
  quoteEnd: column.intOrNull,
});
const oneCountryRow = rowParser("proposal country", { country: column.oneOf(COUNTRIES) });
const oneMilestoneRow = rowParser("proposal milestone", {
  id: column.text,
  title: column.text,
  dueDate: column.date,
  status: column.oneOf(MILESTONE_STATUSES),
  completedOn: column.dateOrNull,
  note: column.text,
  position: column.int,
  version: column.int,
  assigneeId: column.textOrNull,
  assigneeName: column.textOrNull,
  evidenceRequired: column.bool,
  evidenceCount: column.int,
});
const quoteDocumentRow = rowParser("quote document", { id: column.text, title: column.text, text: column.text });
const chainRow = rowParser("follow-up chain", {
  direction: column.oneOf(["earlier", "later"] as const),
  depth: column.int,
  id: column.text,
  reference: column.text,
  title: column.text,
  status: column.oneOf(STATUSES),
  summitName: column.text,
  summitDate: column.date,
  kind: column.oneOfOrNull(FOLLOW_UP_KINDS),
  earlierId: column.textOrNull,
});
/** How far a follow-up chain is followed each way (the service refuses cycles; this bounds a bad row). */
const CHAIN_DEPTH = 20;
const followUpLinkRow = rowParser("follow-up link", { kind: column.oneOf(FOLLOW_UP_KINDS), earlierId: column.text, reference: column.text });

const updateRow = rowParser("progress update", {
  id: column.text,
  health: column.oneOf(HEALTHS),
  body: column.text,
  createdAt: column.date,
  authorId: column.text,
  authorName: column.text,
});

/**
 * A proposal with its owner, summit, countries, milestones and its latest UPDATES_SHOWN progress
 * updates (`updates: "all"` for every one); `moreUpdates` says whether older ones were left out.
 * Four statements on one snapshot, outside Prisma: the proposal page's main read, where Prisma
 * cost more than the SQL (one statement per relation, its query plan and row mapping each time).
 */
export async function getProposal(id: string, options: { updates?: "latest" | "all" } = {}) {
  const all = options.updates === "all";
  const [proposals, quoteDocuments, chain, ownLink, countries, milestones, updates] = await rawReadSnapshot([
    {
      sql: `SELECT p."id", p."reference", p."title", p."summary", p."area", p."proposingParty", p."sourceQuote", p."status", p."ownerId",
          p."leadOrganisation", p."targetDate", p."priority", p."health", p."historical", p."version", p."createdAt", p."updatedAt",
          u."name" AS "ownerName", u."email" AS "ownerEmail",
          s."id" AS "summitId", s."name" AS "summitName", s."date" AS "summitDate", s."datePrecision" AS "summitPrecision", s."place" AS "summitPlace",
          s."sourceDocument" AS "summitSource", p."quoteStart", p."quoteEnd"
        FROM "Proposal" p JOIN "User" u ON u."id" = p."ownerId" JOIN "Summit" s ON s."id" = p."summitId"
        WHERE p."id" = ?`,
      params: [id],
    },
    {
      sql: `SELECT d."id", d."title", d."text" FROM "SourceDocument" d JOIN "Proposal" p ON p."sourceDocumentId" = d."id" WHERE p."id" = ?`,
      params: [id],
    },
    // The proposals this one follows up (earlier, walking back) and those that follow it up
    // (later, walking on), each with the kind of its own link to the one before it.
    {
      sql: `WITH RECURSIVE "earlier"("id", "depth") AS (
          SELECT f."earlierId", 1 FROM "ProposalFollowUp" f WHERE f."proposalId" = ?
          UNION ALL SELECT f."earlierId", e."depth" + 1 FROM "ProposalFollowUp" f JOIN "earlier" e ON f."proposalId" = e."id" WHERE e."depth" < ${CHAIN_DEPTH}
        ), "later"("id", "depth") AS (
          SELECT f."proposalId", 1 FROM "ProposalFollowUp" f WHERE f."earlierId" = ?
          UNION ALL SELECT f."proposalId", l."depth" + 1 FROM "ProposalFollowUp" f JOIN "later" l ON f."earlierId" = l."id" WHERE l."depth" < ${CHAIN_DEPTH}
        ), "chain"("direction", "depth", "id") AS (
          SELECT 'earlier', "depth", "id" FROM "earlier" UNION ALL SELECT 'later', "depth", "id" FROM "later"
        )
        SELECT c."direction", c."depth", p."id", p."reference", p."title", p."status", s."name" AS "summitName", s."date" AS "summitDate",
          own."kind", own."earlierId"
        FROM "chain" c JOIN "Proposal" p ON p."id" = c."id" JOIN "Summit" s ON s."id" = p."summitId"
          LEFT JOIN "ProposalFollowUp" own ON own."proposalId" = p."id"
        ORDER BY c."direction", c."depth", p."reference"`,
      params: [id, id],
    },
    {
      sql: `SELECT f."kind", f."earlierId", e."reference" FROM "ProposalFollowUp" f JOIN "Proposal" e ON e."id" = f."earlierId" WHERE f."proposalId" = ?`,
      params: [id],
    },
    { sql: `SELECT "country" FROM "ProposalCountry" WHERE "proposalId" = ?`, params: [id] },
    {
      sql: `SELECT m."id", m."title", m."dueDate", m."status", m."completedOn", m."note", m."position", m."version", m."assigneeId", a."name" AS "assigneeName",
          m."evidenceRequired", (SELECT COUNT(*) FROM "Evidence" e WHERE e."milestoneId" = m."id") AS "evidenceCount"
        FROM "Milestone" m LEFT JOIN "User" a ON a."id" = m."assigneeId"
        WHERE m."proposalId" = ? ORDER BY m."position", m."dueDate", m."id"`,
      params: [id],
    },
    {
      sql: `SELECT g."id", g."health", g."body", g."createdAt", g."authorId", a."name" AS "authorName"
        FROM "ProgressUpdate" g JOIN "User" a ON a."id" = g."authorId"
        WHERE g."proposalId" = ? ORDER BY g."createdAt" DESC, g."id" DESC${all ? "" : ` LIMIT ${UPDATES_SHOWN + 1}`}`,
      params: [id],
    },
  ]);
  const [found] = proposalRow.rows(proposals);
  if (!found) throw new NotFoundError(msg("what.proposal"));
  const { ownerName, ownerEmail, summitId, summitName, summitDate, summitPrecision, summitPlace, summitSource, quoteStart, quoteEnd, ...proposal } = found;
  const [document] = quoteDocumentRow.rows(quoteDocuments);
  const quote = document && quoteStart !== null && quoteEnd !== null ? quoteInContext(document.text, quoteStart, quoteEnd) : null;
  const [link] = followUpLinkRow.rows(ownLink);
  const shown = updateRow.rows(updates);
  const moreUpdates = !all && shown.length > UPDATES_SHOWN;
  return {
    ...proposal,
    owner: { id: proposal.ownerId, name: ownerName, email: ownerEmail },
    summit: { id: summitId, name: summitName, date: summitDate, datePrecision: summitPrecision, place: summitPlace, sourceDocument: summitSource },
    /** The quote in its paragraph of the source document, when the proposal points at its span. */
    quote: quote && document ? { ...quote, documentId: document.id, documentTitle: document.title } : null,
    /** How this proposal follows up an earlier one, and the chain both ways (earlier: nearest first). */
    followsUp: link ?? null,
    chain: chainRow.rows(chain),
    // In the vocabulary's order on both databases (PostgreSQL would order its enum so, SQLite the text).
    countries: oneCountryRow.rows(countries).sort((a, b) => COUNTRIES.indexOf(a.country) - COUNTRIES.indexOf(b.country)),
    milestones: oneMilestoneRow.rows(milestones).map(({ assigneeName, evidenceCount, ...m }) => ({
      ...m,
      assignee: assigneeName === null ? null : { name: assigneeName },
      _count: { evidence: evidenceCount },
    })),
    updates: (moreUpdates ? shown.slice(0, UPDATES_SHOWN) : shown).map(({ authorId, authorName, ...u }) => ({
      ...u,
      author: { id: authorId, name: authorName },
    })),
    moreUpdates,
  };
}

/** People who can own proposals: active analysts, managers and admins. */
const ownerRow = rowParser("owner", { id: column.text, name: column.text, role: column.oneOf(ROLES) });
export async function listOwners() {
  return ownerRow.rows(
    await rawRead(`SELECT "id", "name", "role" FROM "User" WHERE "active" = TRUE AND "role" IN ('analyst', 'manager', 'admin') ORDER BY "name"`, []),
  );
}

const summitRow = rowParser("summit", { id: column.text, name: column.text, date: column.date });
export async function listSummits() {
  return summitRow.rows(await rawRead(`SELECT "id", "name", "date" FROM "Summit" ORDER BY "date" DESC`, []));
}

export type BoardCard = {
  id: string;
  reference: string;
  title: string;
  status: Status;
  health: Health;
  ownerId: string;
  ownerName: string;
  version: number;
  progress: number | null;
  nextTitle: string | null;
  nextDue: string | null;
};

const boardRow = rowParser("board card", {
  id: column.text,
  reference: column.text,
  title: column.text,
  status: column.oneOf(STATUSES),
  health: column.oneOf(HEALTHS),
  ownerId: column.text,
  ownerName: column.text,
  version: column.int,
  done: column.int,
  counted: column.int,
  nextTitle: column.textOrNull,
  nextDue: column.dateOrNull,
});
const statusCountRow = rowParser("count by status", { status: column.oneOf(STATUSES), n: column.int });

/** The board: proposals under the list's filters, grouped by status, at most `perColumn` each. */
export async function boardProposals(scope: ProposalScope, perColumn = 60) {
  const where = proposalWhere(scope);
  // The status test is a CASE so that it is not an index condition (see PROGRESS_COLUMNS).
  const nextPlanned = (field: Sql) => sql`(
    SELECT ${field} FROM "Milestone" m
    WHERE m."proposalId" = p."id" AND CASE WHEN m."status" = 'planned' THEN 1 ELSE 0 END = 1
    ORDER BY m."dueDate" LIMIT 1)`;
  const [rows, totals] = await Promise.all([
    readDb.$queryRaw`
      SELECT * FROM (
        SELECT p."id", p."reference", p."title", p."status", p."health", p."ownerId", u."name" AS "ownerName", p."version",
               ${PROGRESS_COLUMNS},
               ${nextPlanned(sql`m."title"`)} AS "nextTitle",
               ${nextPlanned(sql`m."dueDate"`)} AS "nextDue",
               ROW_NUMBER() OVER (PARTITION BY p."status" ORDER BY p."reference") AS "n"
        FROM "Proposal" p JOIN "User" u ON u."id" = p."ownerId"
        WHERE ${where}
      ) AS "ranked" WHERE "ranked"."n" <= ${perColumn}
      ORDER BY "ranked"."reference"`,
    // Each column's total: the count the list shows for the board's filters and that status.
    readDb.$queryRaw`SELECT p."status" AS "status", COUNT(*) AS "n" FROM "Proposal" p WHERE ${where} GROUP BY p."status"`,
  ]);
  const cards: BoardCard[] = boardRow.rows(rows).map(({ done, counted, nextDue, ...r }) => ({
    ...r,
    progress: progressOf(done, counted),
    nextDue: nextDue?.toISOString() ?? null,
  }));
  const byStatus: Partial<Record<Status, number>> = Object.fromEntries(statusCountRow.rows(totals).map((t) => [t.status, t.n]));
  return { cards, totals: byStatus };
}

// Pages and exports that need nested records (milestones, countries, updates) for every
// matching proposal query each table joined to Proposal under the list's WHERE clause. Never a
// list of matching ids: SQLite binds at most 999 parameters, and 10,000 proposals match easily.

/** Groups child rows by their proposal, in the order the query gave them. */
function byProposal<R extends { proposalId: string }, T>(rows: R[], map: (r: R) => T): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const r of rows) {
    const list = groups.get(r.proposalId);
    if (list) list.push(map(r));
    else groups.set(r.proposalId, [map(r)]);
  }
  return groups;
}

const milestoneRow = rowParser("milestone", {
  proposalId: column.text,
  id: column.text,
  title: column.text,
  dueDate: column.date,
  status: column.oneOf(MILESTONE_STATUSES),
  completedOn: column.dateOrNull,
  note: column.text,
});

/** Milestones of the proposals `where` matches (`where` is on `p`), by proposal reference, then `order`. */
async function milestonesWhere(where: Sql, order: Sql) {
  return milestoneRow.rows(
    await readDb.$queryRaw`
      SELECT m."proposalId", m."id", m."title", m."dueDate", m."status", m."completedOn", m."note"
      FROM "Milestone" m JOIN "Proposal" p ON p."id" = m."proposalId"
      WHERE ${where} ORDER BY p."reference", ${order}`,
  );
}
type MilestoneRow = ReturnType<typeof milestoneRow.one>;
const milestoneOut = (m: MilestoneRow) => ({
  id: m.id,
  title: m.title,
  dueDate: m.dueDate.toISOString(),
  status: m.status,
  completedOn: m.completedOn?.toISOString() ?? null,
});

const exportRow = rowParser("proposal export row", {
  ...RECORD_COLUMNS,
  proposingParty: column.text,
  ownerName: column.text,
  ownerEmail: column.text,
  summitName: column.text,
  summitDate: column.date,
});
const countryRow = rowParser("proposal country", { proposalId: column.text, country: column.oneOf(COUNTRIES) });

export type ExportProposal = Omit<ReturnType<typeof exportRow.one>, "ownerName" | "ownerEmail" | "summitName" | "summitDate"> & {
  owner: { name: string; email: string };
  summit: { name: string; date: Date };
  countries: (typeof COUNTRIES)[number][];
  milestones: Pick<MilestoneRow, "title" | "dueDate" | "status" | "completedOn" | "note">[];
};

/**
 * Everything an export needs about the matching proposals, in reference order, `batchSize` at a
 * time (keyset on reference): each batch is three queries under the filter, however many match.
 */
export async function* exportBatches(scope: ProposalScope, batchSize = 500): AsyncGenerator<ExportProposal[]> {
  const filter = proposalWhere(scope);
  let after = "";
  for (;;) {
    const rows = exportRow.rows(
      await readDb.$queryRaw`
        SELECT p."id", p."reference", p."title", p."summary", p."area", p."proposingParty", p."sourceQuote", p."status",
               p."leadOrganisation", p."targetDate", p."priority", p."health", p."historical", p."version", p."createdAt",
               p."updatedAt", u."name" AS "ownerName", u."email" AS "ownerEmail", s."name" AS "summitName", s."date" AS "summitDate"
        FROM "Proposal" p JOIN "User" u ON u."id" = p."ownerId" JOIN "Summit" s ON s."id" = p."summitId"
        WHERE ${filter} AND p."reference" > ${after}
        ORDER BY p."reference" LIMIT ${batchSize}`,
    );
    if (!rows.length) return;
    const last = rows[rows.length - 1].reference;
    const inBatch = sql`${filter} AND p."reference" > ${after} AND p."reference" <= ${last}`;
    const [countries, milestones] = await Promise.all([
      readDb.$queryRaw`
        SELECT c."proposalId", c."country" FROM "ProposalCountry" c JOIN "Proposal" p ON p."id" = c."proposalId"
        WHERE ${inBatch} ORDER BY c."country"`,
      milestonesWhere(inBatch, sql`m."position"`),
    ]);
    const countriesOf = byProposal(countryRow.rows(countries), (c) => c.country);
    const milestonesOf = byProposal(milestones, ({ title, dueDate, status, completedOn, note }) => ({ title, dueDate, status, completedOn, note }));
    yield rows.map(({ ownerName, ownerEmail, summitName, summitDate, ...r }) => ({
      ...r,
      owner: { name: ownerName, email: ownerEmail },
      summit: { name: summitName, date: summitDate },
      countries: countriesOf.get(r.id) ?? [],
      milestones: milestonesOf.get(r.id) ?? [],
    }));
    after = last;
  }
}

const timelineRow = rowParser("timeline proposal", { id: column.text, reference: column.text, title: column.text, area: column.oneOf(AREAS) });

/** The order of the timeline and the briefing: by area (the vocabulary's order), then reference. */
const BY_AREA = sql`${vocabularyOrder(sql`p."area"`, AREAS)}, p."reference"`;

/** Proposals with their milestones for the timeline, under the list's filters. */
export async function timelineProposals(scope: ProposalScope) {
  const where = sql`${proposalWhere(scope)} AND EXISTS (SELECT 1 FROM "Milestone" x WHERE x."proposalId" = p."id")`;
  const [rows, milestones] = await Promise.all([
    readDb.$queryRaw`SELECT p."id", p."reference", p."title", p."area" FROM "Proposal" p WHERE ${where} ORDER BY ${BY_AREA}`,
    milestonesWhere(where, sql`m."dueDate"`),
  ]);
  const milestonesOf = byProposal(milestones, milestoneOut);
  return timelineRow.rows(rows).map((r) => ({ ...r, milestones: milestonesOf.get(r.id) ?? [] }));
}

const briefingRow = rowParser("briefing proposal", { ...SUMMARY_COLUMNS, leadOrganisation: column.text });
const latestUpdateRow = rowParser("latest progress update", {
  proposalId: column.text,
  body: column.text,
  createdAt: column.date,
  health: column.oneOf(HEALTHS),
});

/** Everything the printed briefing needs, one query per table. */
export async function briefingData(scope: ProposalScope) {
  const where = proposalWhere(scope);
  const [rows, milestones, updates] = await Promise.all([
    readDb.$queryRaw`
      SELECT ${SUMMARY_SELECT}, p."leadOrganisation"
      FROM "Proposal" p JOIN "User" u ON u."id" = p."ownerId" WHERE ${where} ORDER BY ${BY_AREA}`,
    milestonesWhere(where, sql`m."dueDate"`),
    // The latest update of each proposal.
    readDb.$queryRaw`
      SELECT "latest"."proposalId", "latest"."body", "latest"."createdAt", "latest"."health" FROM (
        SELECT pu."proposalId", pu."body", pu."createdAt", pu."health",
               ROW_NUMBER() OVER (PARTITION BY pu."proposalId" ORDER BY pu."createdAt" DESC) AS "n"
        FROM "ProgressUpdate" pu JOIN "Proposal" p ON p."id" = pu."proposalId" WHERE ${where}
      ) AS "latest" WHERE "latest"."n" = 1`,
  ]);
  const milestonesOf = byProposal(milestones, milestoneOut);
  const updatesOf = byProposal(latestUpdateRow.rows(updates), (u) => ({ body: u.body, createdAt: u.createdAt.toISOString(), health: u.health }));
  return briefingRow.rows(rows).map(({ ownerName, targetDate, ...r }) => ({
    ...r,
    targetDate: targetDate?.toISOString() ?? null,
    owner: { name: ownerName },
    milestones: milestonesOf.get(r.id) ?? [],
    updates: updatesOf.get(r.id) ?? [],
  }));
}
