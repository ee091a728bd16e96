import { readDb } from "~/db.server";
import type { ChainedEventBody, FieldChange } from "./chain";

export const EVENT_SELECT = {
  seq: true,
  occurredAt: true,
  actorId: true,
  actorName: true,
  actorRole: true,
  action: true,
  entityType: true,
  entityId: true,
  proposalId: true,
  changes: true,
  reason: true,
  requestId: true,
} as const;

/** An event as pages show it: what the chain hashes, less the link to the previous event. */
export type AuditRow = Omit<ChainedEventBody, "prevHash">;

const isFieldChange = (c: unknown): c is FieldChange => typeof c === "object" && c !== null && typeof Reflect.get(c, "field") === "string";

/** Stored changes (JSON text) as a list; a row that cannot be read shows no changes, an entry that is not a change is left out. */
export function parseChanges(text: string): FieldChange[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return [];
  }
  return Array.isArray(parsed) ? parsed.filter(isFieldChange) : [];
}

export function toRow(e: { seq: number; occurredAt: Date; changes: string } & Omit<AuditRow, "seq" | "occurredAt" | "changes">): AuditRow {
  return { ...e, occurredAt: e.occurredAt.toISOString(), changes: parseChanges(e.changes) };
}

/** A proposal's history, newest first: read from the audit log, the one source of truth. */
export async function proposalHistory(proposalId: string, limit = 200): Promise<AuditRow[]> {
  const rows = await readDb.auditEvent.findMany({
    // Refusals and who follows it are not the proposal's history (the audit log has them).
    where: { proposalId, action: { notIn: ["auth.forbidden", "proposal.watched", "proposal.unwatched"] } },
    orderBy: { seq: "desc" },
    take: limit,
    select: EVENT_SELECT,
  });
  return rows.map(toRow);
}

export async function recentActivity(limit = 10): Promise<AuditRow[]> {
  const rows = await readDb.auditEvent.findMany({
    // Sign-ins, refusals and who follows what are the audit log's, not the dashboard's news.
    where: { NOT: [{ action: { startsWith: "auth." } }, { action: { in: ["proposal.watched", "proposal.unwatched"] } }] },
    orderBy: { seq: "desc" },
    take: limit,
    select: EVENT_SELECT,
  });
  return rows.map(toRow);
}
