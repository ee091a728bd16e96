import type { Tx } from "~/db.server";
import { writeTransaction } from "~/db.server";
import { GENESIS_HASH, hashEvent, type ChainedEventBody, type FieldChange } from "./chain";
import { claimSubmission, type SubmissionClaim } from "~/lib/submissions.server";
import type { AuditAction } from "./actions";
import { notifyFromEvent } from "~/modules/notifications/notify.server";

export type AuditActor = { id: string | null; name: string; role: string };
/**
 * Who asked and from where; `submission` is set by the form-action helper for a form that
 * writes once (app/lib/submissions.server.ts), and is claimed by the write's first event.
 */
export type RequestContext = { requestId: string; ip?: string; submission?: SubmissionClaim };

export type AuditInput = {
  actor: AuditActor;
  action: AuditAction;
  entityType: string;
  entityId: string;
  proposalId?: string | null;
  changes?: FieldChange[];
  reason?: string;
  context: RequestContext;
};

/**
 * Appends one event to the chain. Must run inside the write transaction of the change it
 * describes, so both are kept or neither. The head is read on the write connection under the
 * transaction's write lock, so concurrent writers form a single line; the unique prevHash and
 * the seq primary key make a fork impossible even so.
 */
export async function recordAuditEvent(tx: Tx, input: AuditInput): Promise<{ seq: number; hash: string }> {
  const submission = input.context.submission;
  if (submission) await claimSubmission(tx, submission, { entityType: input.entityType, entityId: input.entityId, proposalId: input.proposalId ?? null });
  const head = await tx.auditEvent.findFirst({ orderBy: { seq: "desc" }, select: { seq: true, hash: true } });
  const body: ChainedEventBody = {
    seq: (head?.seq ?? 0) + 1,
    occurredAt: new Date().toISOString(),
    actorId: input.actor.id,
    actorName: input.actor.name,
    actorRole: input.actor.role,
    action: input.action,
    entityType: input.entityType,
    entityId: input.entityId,
    proposalId: input.proposalId ?? null,
    changes: (input.changes ?? []).map(normaliseChange),
    reason: input.reason ?? "",
    requestId: input.context.requestId,
    prevHash: head?.hash ?? GENESIS_HASH,
  };
  const hash = hashEvent(body);
  await tx.auditEvent.create({
    data: { ...body, occurredAt: new Date(body.occurredAt), changes: JSON.stringify(body.changes), hash },
    select: { seq: true },
  });
  // Who should hear of it, in this same transaction (issue 17).
  await notifyFromEvent(tx, body);
  return { seq: body.seq, hash };
}

/** Records an event in a transaction of its own (sign-ins, refusals: nothing else changes). */
export function recordStandaloneEvent(input: AuditInput) {
  return writeTransaction((tx) => recordAuditEvent(tx, input));
}

/**
 * A refused action, recorded as a security event in a transaction of its own (the refused
 * change wrote nothing). The one way refusals reach the log, from routes and services alike.
 */
export function recordRefusal(
  actor: AuditActor,
  context: RequestContext,
  reason: string,
  target: { entityType: string; entityId: string; proposalId?: string | null; attempted: string },
) {
  return recordStandaloneEvent({
    actor,
    action: "auth.forbidden",
    entityType: target.entityType,
    entityId: target.entityId,
    proposalId: target.proposalId ?? null,
    changes: [{ field: "request", from: null, to: target.attempted }],
    reason,
    // A refusal wrote nothing: it does not use up the form's submission, which may succeed later.
    context: { requestId: context.requestId, ip: context.ip },
  });
}

/** Values as they will read back: dates as ISO strings, absent as null. */
function normaliseChange(c: FieldChange): FieldChange {
  const norm = (v: unknown) => (v instanceof Date ? v.toISOString() : v === undefined ? null : v);
  return { field: c.field, from: norm(c.from), to: norm(c.to) };
}

/** Field-level diff of two flat records over the named fields. */
export function diffFields<T extends Record<string, unknown>>(before: T, after: Partial<T>, fields: readonly (keyof T & string)[]): FieldChange[] {
  const changes: FieldChange[] = [];
  for (const field of fields) {
    if (!(field in after)) continue;
    const from = comparable(before[field]);
    const to = comparable(after[field]);
    if (JSON.stringify(from) !== JSON.stringify(to)) changes.push({ field, from, to });
  }
  return changes;
}

function comparable(v: unknown): unknown {
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (Array.isArray(v)) return [...v].sort();
  return v ?? null;
}
