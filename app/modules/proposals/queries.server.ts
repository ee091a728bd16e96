// Reads for proposals, on the read connection, always with an explicit column list.
import { Prisma } from "@prisma/client";
import { readDb } from "~/db.server";
import { NotFoundError } from "~/lib/errors";
import { STALE_DAYS, type ProposalFilters } from "./filter-types";
import type { Area, Health, Status } from "./vocabulary";

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

const SORT_SQL: Record<ProposalFilters["sort"], Prisma.Sql> = {
  relevance: Prisma.sql`COALESCE(s.rank, 0)`,
  reference: Prisma.sql`p.reference`,
  title: Prisma.sql`p.title COLLATE NOCASE`,
  area: Prisma.sql`p.area`,
  status: Prisma.sql`CASE p.status WHEN 'proposed' THEN 1 WHEN 'under_review' THEN 2 WHEN 'agreed' THEN 3 WHEN 'in_progress' THEN 4 WHEN 'on_hold' THEN 5 WHEN 'completed' THEN 6 ELSE 7 END`,
  owner: Prisma.sql`ownerName COLLATE NOCASE`,
  targetDate: Prisma.sql`COALESCE(p.targetDate, '9999')`,
  progress: Prisma.sql`CASE WHEN counted = 0 THEN -1 ELSE done * 1.0 / counted END`,
  updatedAt: Prisma.sql`p.updatedAt`,
  health: Prisma.sql`CASE p.health WHEN 'on_track' THEN 1 WHEN 'at_risk' THEN 2 ELSE 3 END`,
};

/**
 * The user's words as an FTS5 query: each word a quoted prefix term, all required. Quoting
 * keeps any FTS syntax the user types from reaching the engine. Null when no word remains.
 */
export function ftsQuery(q: string): string | null {
  const words = q.normalize("NFKC").toLowerCase().match(/[\p{L}\p{N}]+/gu);
  if (!words?.length) return null;
  return words.slice(0, 12).map((w) => `"${w}"*`).join(" AND ");
}

const DAY_MS = 86_400_000;
export type ProposalScope = Omit<ProposalFilters, "sort" | "dir" | "page">;

/** The WHERE clause shared by the list, its counts, the board, the exports and the dashboard links. */
export function proposalWhere(f: ProposalScope, now = new Date()): Prisma.Sql {
  const parts: Prisma.Sql[] = [Prisma.sql`1 = 1`];
  if (f.status.length) parts.push(Prisma.sql`p.status IN (${Prisma.join(f.status)})`);
  if (f.area.length) parts.push(Prisma.sql`p.area IN (${Prisma.join(f.area)})`);
  if (f.health.length) parts.push(Prisma.sql`p.health IN (${Prisma.join(f.health)})`);
  if (f.owner) parts.push(Prisma.sql`p.ownerId = ${f.owner}`);
  if (f.country.length) {
    parts.push(Prisma.sql`p.id IN (SELECT proposalId FROM ProposalCountry WHERE country IN (${Prisma.join(f.country)}))`);
  }
  if (f.historical === "only") parts.push(Prisma.sql`p.historical = 1`);
  if (f.historical === "exclude") parts.push(Prisma.sql`p.historical = 0`);
  if (f.q) {
    const match = ftsQuery(f.q);
    parts.push(match ? Prisma.sql`p.rowid IN (SELECT rowid FROM ProposalSearch WHERE ProposalSearch MATCH ${match})` : Prisma.sql`0 = 1`);
  }
  if (f.overdue) {
    const today = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
    parts.push(Prisma.sql`EXISTS (SELECT 1 FROM Milestone m WHERE m.proposalId = p.id AND m.status = 'planned' AND m.dueDate < ${today})`);
  }
  if (f.stale) {
    const amber = new Date(now.getTime() - STALE_DAYS.amber * DAY_MS);
    const red = new Date(now.getTime() - STALE_DAYS.red * DAY_MS);
    parts.push(Prisma.sql`p.status NOT IN ('completed', 'dropped')`);
    parts.push(f.stale === "red" ? Prisma.sql`p.updatedAt < ${red}` : Prisma.sql`p.updatedAt < ${amber} AND p.updatedAt >= ${red}`);
  }
  return Prisma.join(parts, " AND ");
}

/** How many proposals each filter value would give, with the other filters kept. */
export async function facetCounts(f: ProposalScope) {
  const count = async (column: Prisma.Sql, scope: ProposalScope, from: Prisma.Sql = Prisma.sql`Proposal p`) => {
    const rows = await readDb.$queryRaw<{ key: string; n: bigint | number }[]>`
      SELECT ${column} AS key, COUNT(DISTINCT p.id) AS n FROM ${from} WHERE ${proposalWhere(scope)} GROUP BY ${column}`;
    return Object.fromEntries(rows.map((r) => [r.key, Number(r.n)])) as Record<string, number>;
  };
  const [status, area, health, owner, country] = await Promise.all([
    count(Prisma.sql`p.status`, { ...f, status: [] }),
    count(Prisma.sql`p.area`, { ...f, area: [] }),
    count(Prisma.sql`p.health`, { ...f, health: [] }),
    count(Prisma.sql`p.ownerId`, { ...f, owner: undefined }),
    count(Prisma.sql`c.country`, { ...f, country: [] }, Prisma.sql`Proposal p JOIN ProposalCountry c ON c.proposalId = p.id`),
  ]);
  return { status, area, health, owner, country };
}

type RawRow = Omit<ProposalRow, "progress" | "historical" | "done" | "counted"> & {
  historical: number | bigint | boolean;
  done: number | bigint;
  counted: number | bigint;
};

export async function listProposals(f: ProposalFilters): Promise<{ rows: ProposalRow[]; total: number; page: number; pages: number }> {
  const where = proposalWhere(f);
  const [{ total }] = await readDb.$queryRaw<{ total: bigint | number }[]>`
    SELECT COUNT(*) AS total FROM Proposal p WHERE ${where}`;
  const count = Number(total);
  const pages = Math.max(1, Math.ceil(count / PAGE_SIZE));
  const page = Math.min(f.page, pages);
  // bm25 is smaller for better matches, so relevance ascending means best first.
  const dir = f.dir === "desc" && f.sort !== "relevance" ? Prisma.sql`DESC` : Prisma.sql`ASC`;
  const match = f.q ? ftsQuery(f.q) : null;
  const rank = match
    ? Prisma.sql`LEFT JOIN (SELECT rowid AS rid, bm25(ProposalSearch, 10.0, 8.0, 3.0, 2.0, 2.0) AS rank FROM ProposalSearch WHERE ProposalSearch MATCH ${match}) s ON s.rid = p.rowid`
    : Prisma.sql`LEFT JOIN (SELECT NULL AS rid, NULL AS rank) s ON 0`;
  const raw = await readDb.$queryRaw<RawRow[]>`
    SELECT p.id, p.reference, p.title, p.area, p.status, p.health, p.ownerId, u.name AS ownerName,
           p.targetDate, p.updatedAt, p.historical,
           (SELECT COUNT(*) FROM Milestone m WHERE m.proposalId = p.id AND m.status = 'done') AS done,
           (SELECT COUNT(*) FROM Milestone m WHERE m.proposalId = p.id AND m.status <> 'cancelled') AS counted
    FROM Proposal p JOIN User u ON u.id = p.ownerId ${rank}
    WHERE ${where}
    ORDER BY ${SORT_SQL[f.sort]} ${dir}, p.reference ASC
    LIMIT ${PAGE_SIZE} OFFSET ${(page - 1) * PAGE_SIZE}`;
  return { rows: raw.map(toRow), total: count, page, pages };
}

function toRow(r: RawRow): ProposalRow {
  const done = Number(r.done);
  const counted = Number(r.counted);
  return {
    ...r,
    historical: Boolean(Number(r.historical)),
    targetDate: r.targetDate ? new Date(r.targetDate).toISOString() : null,
    updatedAt: new Date(r.updatedAt).toISOString(),
    done,
    counted,
    progress: counted === 0 ? null : done / counted,
  };
}

export async function getProposal(id: string) {
  const proposal = await readDb.proposal.findUnique({
    where: { id },
    select: {
      id: true,
      reference: true,
      title: true,
      summary: true,
      area: true,
      proposingParty: true,
      sourceQuote: true,
      status: true,
      ownerId: true,
      leadOrganisation: true,
      targetDate: true,
      priority: true,
      health: true,
      historical: true,
      version: true,
      createdAt: true,
      updatedAt: true,
      owner: { select: { id: true, name: true, email: true } },
      summit: { select: { id: true, name: true, date: true, place: true, sourceDocument: true } },
      countries: { select: { country: true }, orderBy: { country: "asc" } },
      milestones: {
        select: { id: true, title: true, dueDate: true, status: true, completedOn: true, note: true, position: true, version: true },
        orderBy: [{ position: "asc" }, { dueDate: "asc" }],
      },
      updates: {
        select: { id: true, health: true, body: true, createdAt: true, author: { select: { id: true, name: true } } },
        orderBy: { createdAt: "desc" },
      },
    },
  });
  if (!proposal) throw new NotFoundError("That proposal");
  return proposal;
}

/** People who can own proposals: active analysts, managers and admins. */
export function listOwners() {
  return readDb.user.findMany({
    where: { active: true, role: { in: ["analyst", "manager", "admin"] } },
    select: { id: true, name: true, role: true },
    orderBy: { name: "asc" },
  });
}

export function listSummits() {
  return readDb.summit.findMany({ select: { id: true, name: true, date: true }, orderBy: { date: "desc" } });
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

/** The board: proposals under the list's filters, grouped by status, at most `perColumn` each. */
export async function boardProposals(scope: ProposalScope, perColumn = 60) {
  const rows = await readDb.$queryRaw<
    (Omit<BoardCard, "progress" | "nextDue"> & { done: bigint | number; counted: bigint | number; nextDue: string | null; n: bigint | number })[]
  >`
    SELECT * FROM (
      SELECT p.id, p.reference, p.title, p.status, p.health, p.ownerId, u.name AS ownerName, p.version,
             (SELECT COUNT(*) FROM Milestone m WHERE m.proposalId = p.id AND m.status = 'done') AS done,
             (SELECT COUNT(*) FROM Milestone m WHERE m.proposalId = p.id AND m.status <> 'cancelled') AS counted,
             (SELECT m.title FROM Milestone m WHERE m.proposalId = p.id AND m.status = 'planned' ORDER BY m.dueDate LIMIT 1) AS nextTitle,
             (SELECT m.dueDate FROM Milestone m WHERE m.proposalId = p.id AND m.status = 'planned' ORDER BY m.dueDate LIMIT 1) AS nextDue,
             ROW_NUMBER() OVER (PARTITION BY p.status ORDER BY p.reference) AS n
      FROM Proposal p JOIN User u ON u.id = p.ownerId
      WHERE ${proposalWhere(scope)}
    ) WHERE n <= ${perColumn}`;
  const totals = await readDb.$queryRaw<{ status: string; n: bigint | number }[]>`
    SELECT p.status AS status, COUNT(*) AS n FROM Proposal p WHERE ${proposalWhere(scope)} GROUP BY p.status`;
  const cards: BoardCard[] = rows.map((r) => {
    const counted = Number(r.counted);
    return {
      id: r.id,
      reference: r.reference,
      title: r.title,
      status: r.status,
      health: r.health,
      ownerId: r.ownerId,
      ownerName: r.ownerName,
      version: Number(r.version),
      progress: counted ? Number(r.done) / counted : null,
      nextTitle: r.nextTitle,
      nextDue: r.nextDue ? new Date(r.nextDue).toISOString() : null,
    };
  });
  return { cards, totals: Object.fromEntries(totals.map((t) => [t.status, Number(t.n)])) as Record<string, number> };
}

// Pages and exports that need nested records (milestones, countries, updates) for every
// matching proposal query each table joined to Proposal under the list's WHERE clause. Never a
// list of matching ids: SQLite binds at most 999 parameters, and 10,000 proposals match easily.

type DateIn = Date | string | null;
const toDate = (v: DateIn) => (v === null ? null : new Date(v));
const toIso = (v: DateIn) => (v === null ? null : new Date(v).toISOString());

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

type MilestoneRaw = { proposalId: string; id: string; title: string; dueDate: DateIn; status: string; completedOn: DateIn; note: string };

/** Milestones of the proposals `where` matches (`where` is on `p`). */
function milestonesWhere(where: Prisma.Sql, order: Prisma.Sql) {
  return readDb.$queryRaw<MilestoneRaw[]>`
    SELECT m.proposalId, m.id, m.title, m.dueDate, m.status, m.completedOn, m.note
    FROM Milestone m JOIN Proposal p ON p.id = m.proposalId
    WHERE ${where} ORDER BY p.reference, ${order}`;
}
const milestoneOut = (m: MilestoneRaw) => ({ id: m.id, title: m.title, dueDate: toIso(m.dueDate)!, status: m.status, completedOn: toIso(m.completedOn) });

type ExportRaw = {
  id: string; reference: string; title: string; summary: string; area: string; proposingParty: string; sourceQuote: string;
  status: string; leadOrganisation: string; targetDate: DateIn; priority: string; health: string; historical: number | bigint | boolean;
  version: number | bigint; createdAt: DateIn; updatedAt: DateIn; ownerName: string; ownerEmail: string; summitName: string; summitDate: DateIn;
};

export type ExportProposal = {
  id: string; reference: string; title: string; summary: string; area: string; proposingParty: string; sourceQuote: string;
  status: string; leadOrganisation: string; targetDate: Date | null; priority: string; health: string; historical: boolean;
  version: number; createdAt: Date; updatedAt: Date; owner: { name: string; email: string }; summit: { name: string; date: Date };
  countries: string[]; milestones: { title: string; dueDate: Date; status: string; completedOn: Date | null; note: string }[];
};

/**
 * Everything an export needs about the matching proposals, in reference order, `batchSize` at a
 * time (keyset on reference): each batch is three queries under the filter, however many match.
 */
export async function* exportBatches(scope: ProposalScope, batchSize = 500): AsyncGenerator<ExportProposal[]> {
  const filter = proposalWhere(scope);
  let after = "";
  for (;;) {
    const rows = await readDb.$queryRaw<ExportRaw[]>`
      SELECT p.id, p.reference, p.title, p.summary, p.area, p.proposingParty, p.sourceQuote, p.status, p.leadOrganisation,
             p.targetDate, p.priority, p.health, p.historical, p.version, p.createdAt, p.updatedAt,
             u.name AS ownerName, u.email AS ownerEmail, s.name AS summitName, s.date AS summitDate
      FROM Proposal p JOIN User u ON u.id = p.ownerId JOIN Summit s ON s.id = p.summitId
      WHERE ${filter} AND p.reference > ${after}
      ORDER BY p.reference LIMIT ${batchSize}`;
    if (!rows.length) return;
    const inBatch = Prisma.sql`${filter} AND p.reference > ${after} AND p.reference <= ${rows[rows.length - 1].reference}`;
    const [countries, milestones] = await Promise.all([
      readDb.$queryRaw<{ proposalId: string; country: string }[]>`
        SELECT c.proposalId, c.country FROM ProposalCountry c JOIN Proposal p ON p.id = c.proposalId WHERE ${inBatch} ORDER BY c.country`,
      milestonesWhere(inBatch, Prisma.sql`m.position`),
    ]);
    const countriesOf = byProposal(countries, (c) => c.country);
    const milestonesOf = byProposal(milestones, (m) => ({ title: m.title, dueDate: toDate(m.dueDate)!, status: m.status, completedOn: toDate(m.completedOn), note: m.note }));
    yield rows.map((r) => ({
      id: r.id,
      reference: r.reference,
      title: r.title,
      summary: r.summary,
      area: r.area,
      proposingParty: r.proposingParty,
      sourceQuote: r.sourceQuote,
      status: r.status,
      leadOrganisation: r.leadOrganisation,
      targetDate: toDate(r.targetDate),
      priority: r.priority,
      health: r.health,
      historical: Boolean(Number(r.historical)),
      version: Number(r.version),
      createdAt: toDate(r.createdAt)!,
      updatedAt: toDate(r.updatedAt)!,
      owner: { name: r.ownerName, email: r.ownerEmail },
      summit: { name: r.summitName, date: toDate(r.summitDate)! },
      countries: countriesOf.get(r.id) ?? [],
      milestones: milestonesOf.get(r.id) ?? [],
    }));
    after = rows[rows.length - 1].reference;
  }
}

/** Proposals with their milestones for the timeline, under the list's filters. */
export async function timelineProposals(scope: ProposalScope) {
  const where = Prisma.sql`${proposalWhere(scope)} AND EXISTS (SELECT 1 FROM Milestone x WHERE x.proposalId = p.id)`;
  const [rows, milestones] = await Promise.all([
    readDb.$queryRaw<{ id: string; reference: string; title: string; area: string }[]>`
      SELECT p.id, p.reference, p.title, p.area FROM Proposal p WHERE ${where} ORDER BY p.area, p.reference`,
    milestonesWhere(where, Prisma.sql`m.dueDate`),
  ]);
  const milestonesOf = byProposal(milestones, milestoneOut);
  return rows.map((r) => ({ ...r, milestones: milestonesOf.get(r.id) ?? [] }));
}

/** Everything the printed briefing needs, one query per table. */
export async function briefingData(scope: ProposalScope) {
  const where = proposalWhere(scope);
  type Raw = { id: string; reference: string; title: string; area: string; status: string; health: string; targetDate: DateIn; leadOrganisation: string; ownerName: string };
  const [rows, milestones, updates] = await Promise.all([
    readDb.$queryRaw<Raw[]>`
      SELECT p.id, p.reference, p.title, p.area, p.status, p.health, p.targetDate, p.leadOrganisation, u.name AS ownerName
      FROM Proposal p JOIN User u ON u.id = p.ownerId WHERE ${where} ORDER BY p.area, p.reference`,
    milestonesWhere(where, Prisma.sql`m.dueDate`),
    // The latest update of each proposal.
    readDb.$queryRaw<{ proposalId: string; body: string; createdAt: DateIn; health: string }[]>`
      SELECT proposalId, body, createdAt, health FROM (
        SELECT pu.proposalId, pu.body, pu.createdAt, pu.health,
               ROW_NUMBER() OVER (PARTITION BY pu.proposalId ORDER BY pu.createdAt DESC) AS n
        FROM ProgressUpdate pu JOIN Proposal p ON p.id = pu.proposalId WHERE ${where}
      ) WHERE n = 1`,
  ]);
  const milestonesOf = byProposal(milestones, milestoneOut);
  const updatesOf = byProposal(updates, (u) => ({ body: u.body, createdAt: toIso(u.createdAt)!, health: u.health }));
  return rows.map(({ ownerName, targetDate, ...r }) => ({
    ...r,
    status: r.status as Status,
    health: r.health as Health,
    targetDate: toIso(targetDate),
    owner: { name: ownerName },
    milestones: milestonesOf.get(r.id) ?? [],
    updates: updatesOf.get(r.id) ?? [],
  }));
}
