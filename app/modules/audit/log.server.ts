// The audit log's reads: the page (keyset pagination on seq) and the streamed export
// (export.server.ts) share one WHERE builder, so an export always matches the page's filter.
import type Database from "better-sqlite3";
import { rawReadConnection } from "~/db.server";
import type { AuditFilters } from "./filters";
import { parseChanges, type AuditRow } from "./queries.server";

export const AUDIT_PAGE_SIZE = 50;

/** An event as the log page shows it: the history row plus its proposal's reference and links. */
type AuditLogRow = AuditRow & { proposalRef: string | null; prevHash: string; hash: string };

type Where = { sql: string; params: (string | number)[] };

/** Resolves a proposal given by reference (CAJ25-05) or id. */
function proposalIdFor(conn: Database.Database, value: string): string {
  const row = conn.prepare("SELECT id FROM Proposal WHERE reference = ? OR id = ?").get(value.toUpperCase(), value) as { id: string } | undefined;
  return row?.id ?? value;
}

/** Date bounds become seq bounds (events are appended in time order), so every query stays on seq. */
function seqAtOrAfter(conn: Database.Database, iso: string): number {
  const row = conn.prepare("SELECT seq FROM AuditEvent WHERE occurredAt >= ? ORDER BY occurredAt, seq LIMIT 1").get(iso) as { seq: number } | undefined;
  return row ? Number(row.seq) : Number.MAX_SAFE_INTEGER;
}

export function auditWhere(conn: Database.Database, f: AuditFilters): Where {
  const parts: string[] = [];
  const params: (string | number)[] = [];
  if (f.actor) {
    if (f.actor === "system") parts.push("e.actorId IS NULL");
    else {
      parts.push("e.actorId = ?");
      params.push(f.actor);
    }
  }
  if (f.action?.endsWith(".*")) {
    parts.push("e.action >= ? AND e.action < ?");
    const prefix = f.action.slice(0, -1);
    params.push(prefix, prefix.slice(0, -1) + String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1));
  } else if (f.action) {
    parts.push("e.action = ?");
    params.push(f.action);
  }
  if (f.proposal) {
    parts.push("e.proposalId = ?");
    params.push(proposalIdFor(conn, f.proposal));
  }
  if (f.entity) {
    parts.push("e.entityType = ?");
    params.push(f.entity);
  }
  if (f.from) {
    parts.push("e.seq >= ?");
    params.push(seqAtOrAfter(conn, `${f.from}T00:00:00.000+00:00`));
  }
  if (f.to) {
    const next = new Date(`${f.to}T00:00:00Z`);
    next.setUTCDate(next.getUTCDate() + 1);
    parts.push("e.seq < ?");
    params.push(seqAtOrAfter(conn, next.toISOString().replace("Z", "+00:00")));
  }
  return { sql: parts.length ? parts.join(" AND ") : "1 = 1", params };
}

const COLUMNS = `e.seq, e.occurredAt, e.actorId, e.actorName, e.actorRole, e.action, e.entityType, e.entityId,
  e.proposalId, p.reference AS proposalRef, e.changes, e.reason, e.requestId, e.prevHash, e.hash`;

type RawRow = Omit<AuditLogRow, "changes" | "occurredAt" | "seq"> & { seq: number | bigint; changes: string; occurredAt: string };

function toRow(r: RawRow): AuditLogRow {
  return { ...r, seq: Number(r.seq), occurredAt: new Date(r.occurredAt).toISOString(), changes: parseChanges(r.changes) };
}

/**
 * One page, newest first. `before` pages to older events, `after` to newer ones; either way the
 * query is an index range scan on seq, so page 5,000 costs what page 1 does.
 */
export async function listAuditEvents(f: AuditFilters) {
  const conn = await rawReadConnection();
  const where = auditWhere(conn, f);
  const take = AUDIT_PAGE_SIZE + 1;
  let rows: RawRow[];
  if (f.after !== undefined && f.before === undefined) {
    rows = (
      conn
        .prepare(`SELECT ${COLUMNS} FROM AuditEvent e LEFT JOIN Proposal p ON p.id = e.proposalId WHERE ${where.sql} AND e.seq > ? ORDER BY e.seq ASC LIMIT ?`)
        .safeIntegers(false)
        .all(...where.params, f.after, take) as RawRow[]
    ).reverse();
    const hasNewer = rows.length > AUDIT_PAGE_SIZE;
    if (hasNewer) rows = rows.slice(1);
    const hasOlder = rows.length > 0 && hasRowBelow(conn, where, Number(rows[rows.length - 1].seq));
    return { rows: rows.map(toRow), hasOlder, hasNewer };
  }
  const before = f.before ?? Number.MAX_SAFE_INTEGER;
  rows = conn
    .prepare(`SELECT ${COLUMNS} FROM AuditEvent e LEFT JOIN Proposal p ON p.id = e.proposalId WHERE ${where.sql} AND e.seq < ? ORDER BY e.seq DESC LIMIT ?`)
    .safeIntegers(false)
    .all(...where.params, before, take) as RawRow[];
  const hasOlder = rows.length > AUDIT_PAGE_SIZE;
  if (hasOlder) rows = rows.slice(0, AUDIT_PAGE_SIZE);
  return { rows: rows.map(toRow), hasOlder, hasNewer: f.before !== undefined };
}

function hasRowBelow(conn: Database.Database, where: Where, seq: number): boolean {
  return Boolean(conn.prepare(`SELECT 1 FROM AuditEvent e WHERE ${where.sql} AND e.seq < ? LIMIT 1`).get(...where.params, seq));
}


export async function auditActors() {
  const conn = await rawReadConnection();
  return conn.prepare("SELECT id, name, role FROM User ORDER BY name").safeIntegers(false).all() as { id: string; name: string; role: string }[];
}
