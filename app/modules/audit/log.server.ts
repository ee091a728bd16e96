// The audit log's reads: the page (keyset pagination on seq) and the streamed export
// (export.server.ts) share one WHERE builder, so an export always matches the page's filter.
// Raw SQL on the bare read connection, because the export streams a million rows in batches
// (docs/decisions/008-read-cache.md) at a pace Prisma's row mapping does not reach; the page
// shares it so the two cannot disagree. Statements are prepared once per connection; rows are
// parsed by one parser per shape.
//
// The SQL is the same on both providers (quoted identifiers, keyset on "seq", `?` placeholders
// that rawRead numbers for PostgreSQL); the one difference, a list of ids, is the dialect's.
import { rawRead, readDb } from "~/db.server";
import { dialect } from "~/lib/sql-dialect.server";
import { MAX_INT } from "~/lib/schema-fields";
import { column, rowParser } from "~/lib/sql-rows.server";
import type { AuditFilters } from "./filters";
import { parseChanges, type AuditRow } from "./queries.server";

export const AUDIT_PAGE_SIZE = 50;

/**
 * An event as the log page shows it: the history row plus its links, and what its target is
 * called today: the proposal's reference and title, and for a milestone or user target the
 * milestone's title or the user's name (null when the id names nothing, as for a failed
 * sign-in with an unknown address). Names are looked up as the page is read, never stored in
 * the event, so the hashed record stays exactly what was written.
 */
type AuditLogRow = AuditRow & { proposalRef: string | null; proposalTitle: string | null; targetName: string | null; prevHash: string; hash: string };

type Where = { sql: string; params: (string | number)[] };

const idRow = rowParser("proposal id", { id: column.text });
const seqRow = rowParser("audit seq", { seq: column.int });

/** Resolves a proposal given by reference (CAJ25-05) or id. */
async function proposalIdFor(value: string): Promise<string> {
  const [row] = idRow.rows(await rawRead('SELECT "id" FROM "Proposal" WHERE "reference" = ? OR "id" = ? LIMIT 1', [value.toUpperCase(), value]));
  return row?.id ?? value;
}

/** Date bounds become seq bounds (events are appended in time order), so every query stays on seq. */
async function seqAtOrAfter(iso: string): Promise<number> {
  // SQLite compares the stored ISO text; PostgreSQL reads the same text as a timestamp.
  const [row] = seqRow.rows(await rawRead('SELECT "seq" FROM "AuditEvent" WHERE "occurredAt" >= ? ORDER BY "occurredAt", "seq" LIMIT 1', [iso]));
  return row?.seq ?? MAX_INT;
}

export async function auditWhere(f: AuditFilters): Promise<Where> {
  const parts: string[] = [];
  const params: (string | number)[] = [];
  if (f.actor) {
    if (f.actor === "system") parts.push('e."actorId" IS NULL');
    else {
      parts.push('e."actorId" = ?');
      params.push(f.actor);
    }
  }
  if (f.action?.endsWith(".*")) {
    parts.push('e."action" >= ? AND e."action" < ?');
    const prefix = f.action.slice(0, -1);
    params.push(prefix, prefix.slice(0, -1) + String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1));
  } else if (f.action) {
    parts.push('e."action" = ?');
    params.push(f.action);
  }
  if (f.proposal) {
    parts.push('e."proposalId" = ?');
    params.push(await proposalIdFor(f.proposal));
  }
  if (f.entity) {
    parts.push('e."entityType" = ?');
    params.push(f.entity);
  }
  if (f.from) {
    parts.push('e."seq" >= ?');
    params.push(await seqAtOrAfter(`${f.from}T00:00:00.000+00:00`));
  }
  if (f.to) {
    const next = new Date(`${f.to}T00:00:00Z`);
    next.setUTCDate(next.getUTCDate() + 1);
    parts.push('e."seq" < ?');
    params.push(await seqAtOrAfter(next.toISOString().replace("Z", "+00:00")));
  }
  return { sql: parts.length ? parts.join(" AND ") : "1 = 1", params };
}

const FROM = 'FROM "AuditEvent" e LEFT JOIN "Proposal" p ON p."id" = e."proposalId"';

const PAGE_COLUMNS = `e."seq", e."occurredAt", e."actorId", e."actorName", e."actorRole", e."action", e."entityType", e."entityId",
  e."proposalId", p."reference" AS "proposalRef", p."title" AS "proposalTitle", e."changes", e."reason", e."requestId", e."prevHash", e."hash"`;

const pageRow = rowParser("audit log row", {
  seq: column.int,
  occurredAt: column.instant,
  actorId: column.textOrNull,
  actorName: column.text,
  actorRole: column.text,
  action: column.text,
  entityType: column.text,
  entityId: column.text,
  proposalId: column.textOrNull,
  proposalRef: column.textOrNull,
  proposalTitle: column.textOrNull,
  changes: column.text,
  reason: column.text,
  requestId: column.text,
  prevHash: column.text,
  hash: column.text,
});
type PageRow = ReturnType<typeof pageRow.one>;

const targetNameRow = rowParser("audit target name", { entityType: column.text, id: column.text, name: column.text });

/**
 * The names of a page's milestone and user targets, in one query whatever the page holds (ids
 * go in as two JSON arrays, so the statement is prepared once): never a lookup per row.
 */
async function targetNames(rows: PageRow[]): Promise<Map<string, string>> {
  const idsOf = (type: string) => JSON.stringify([...new Set(rows.filter((r) => r.entityType === type).map((r) => r.entityId))]);
  const sql = `SELECT 'milestone' AS "entityType", m."id", m."title" AS "name" FROM "Milestone" m WHERE m."id" IN (${dialect.jsonTextArray("?")})
     UNION ALL
     SELECT 'user' AS "entityType", u."id", u."name" AS "name" FROM "User" u WHERE u."id" IN (${dialect.jsonTextArray("?")})`;
  const found = targetNameRow.rows(await rawRead(sql, [idsOf("milestone"), idsOf("user")]));
  return new Map(found.map((t) => [`${t.entityType}:${t.id}`, t.name]));
}

async function toPageRows(rows: PageRow[]): Promise<AuditLogRow[]> {
  const names = rows.some((r) => r.entityType === "milestone" || r.entityType === "user") ? await targetNames(rows) : new Map<string, string>();
  return rows.map((r) => ({ ...r, changes: parseChanges(r.changes), targetName: names.get(`${r.entityType}:${r.entityId}`) ?? null }));
}

/**
 * One page, newest first. `before` pages to older events, `after` to newer ones; either way the
 * query is an index range scan on seq, so page 5,000 costs what page 1 does.
 */
export async function listAuditEvents(f: AuditFilters) {
  const where = await auditWhere(f);
  const take = AUDIT_PAGE_SIZE + 1;
  if (f.after !== undefined && f.before === undefined) {
    const sql = `SELECT ${PAGE_COLUMNS} ${FROM} WHERE ${where.sql} AND e."seq" > ? ORDER BY e."seq" ASC LIMIT ?`;
    let rows = pageRow.rows(await rawRead(sql, [...where.params, f.after, take])).reverse();
    const hasNewer = rows.length > AUDIT_PAGE_SIZE;
    if (hasNewer) rows = rows.slice(1);
    const hasOlder = rows.length > 0 && (await hasRowBelow(where, rows[rows.length - 1].seq));
    return { rows: await toPageRows(rows), hasOlder, hasNewer };
  }
  const before = f.before ?? MAX_INT;
  const sql = `SELECT ${PAGE_COLUMNS} ${FROM} WHERE ${where.sql} AND e."seq" < ? ORDER BY e."seq" DESC LIMIT ?`;
  let rows = pageRow.rows(await rawRead(sql, [...where.params, before, take]));
  const hasOlder = rows.length > AUDIT_PAGE_SIZE;
  if (hasOlder) rows = rows.slice(0, AUDIT_PAGE_SIZE);
  return { rows: await toPageRows(rows), hasOlder, hasNewer: f.before !== undefined };
}

async function hasRowBelow(where: Where, seq: number): Promise<boolean> {
  return (await rawRead(`SELECT 1 AS "one" FROM "AuditEvent" e WHERE ${where.sql} AND e."seq" < ? LIMIT 1`, [...where.params, seq])).length > 0;
}

/** The export's row: its stable, documented columns (README "Audit log export"), in order. */
export const auditExportRow = rowParser("audit export row", {
  seq: column.int,
  occurred_at: column.instant,
  actor_id: column.textOrNull,
  actor_name: column.text,
  actor_role: column.text,
  action: column.text,
  entity_type: column.text,
  entity_id: column.text,
  proposal_id: column.textOrNull,
  proposal_ref: column.textOrNull,
  changes: column.text,
  reason: column.text,
  request_id: column.text,
  prev_hash: column.text,
  hash: column.text,
});
export type AuditExportRow = ReturnType<typeof auditExportRow.one>;

const EXPORT_COLUMNS = `e."seq", e."occurredAt" AS "occurred_at", e."actorId" AS "actor_id", e."actorName" AS "actor_name",
  e."actorRole" AS "actor_role", e."action", e."entityType" AS "entity_type", e."entityId" AS "entity_id",
  e."proposalId" AS "proposal_id", p."reference" AS "proposal_ref", e."changes", e."reason", e."requestId" AS "request_id",
  e."prevHash" AS "prev_hash", e."hash"`;

/** Matching events, oldest first, `batchSize` at a time (keyset on seq): memory stays flat however many match. */
export async function* auditExportBatches(filters: AuditFilters, batchSize = 5000): AsyncGenerator<AuditExportRow[]> {
  const where = await auditWhere(filters);
  const sql = `SELECT ${EXPORT_COLUMNS} ${FROM} WHERE ${where.sql} AND e."seq" > ? ORDER BY e."seq" ASC LIMIT ?`;
  let after = 0;
  for (;;) {
    const rows = auditExportRow.rows(await rawRead(sql, [...where.params, after, batchSize]));
    if (!rows.length) return;
    after = rows[rows.length - 1].seq;
    yield rows;
  }
}

/** Everyone who can appear as an actor, for the page's filter. */
export function auditActors() {
  return readDb.user.findMany({ select: { id: true, name: true, role: true }, orderBy: { name: "asc" } });
}
