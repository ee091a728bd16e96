// The audit hash chain (docs/decisions/004-audit-chain.md). Pure: used by the recorder, the
// verifier, the benchmark data generator and the tests.
import { createHash } from "node:crypto";

export const GENESIS_HASH = "0".repeat(64);

export type FieldChange = { field: string; from: unknown; to: unknown };

/** Everything an event says, in the form that is hashed. */
export type ChainedEventBody = {
  seq: number;
  occurredAt: string; // ISO 8601 UTC with milliseconds, e.g. 2026-01-02T03:04:05.678Z
  actorId: string | null;
  actorName: string;
  actorRole: string;
  action: string;
  entityType: string;
  entityId: string;
  proposalId: string | null;
  changes: FieldChange[];
  reason: string;
  requestId: string;
  prevHash: string;
};

/** JSON with object keys sorted at every depth: one byte sequence per event, whatever the key order. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  const entries = Object.keys(value as Record<string, unknown>)
    .sort()
    .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
    .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`);
  return `{${entries.join(",")}}`;
}

export function hashEvent(body: ChainedEventBody): string {
  return createHash("sha256").update(body.prevHash).update("\n").update(canonicalJson(body)).digest("hex");
}

/** A stored row as read back (changes as stored JSON text, time as Date or string). */
export type StoredEvent = Omit<ChainedEventBody, "changes" | "occurredAt"> & {
  changes: string;
  occurredAt: Date | string;
  hash: string;
};

export function bodyOf(row: StoredEvent): ChainedEventBody {
  return {
    seq: Number(row.seq),
    occurredAt: new Date(row.occurredAt).toISOString(),
    actorId: row.actorId ?? null,
    actorName: row.actorName,
    actorRole: row.actorRole,
    action: row.action,
    entityType: row.entityType,
    entityId: row.entityId,
    proposalId: row.proposalId ?? null,
    changes: JSON.parse(row.changes) as FieldChange[],
    reason: row.reason,
    requestId: row.requestId,
    prevHash: row.prevHash,
  };
}

export type ChainProblem = { seq: number; reason: string };

/**
 * Streaming verifier: feed events in ascending seq order. Detects an altered event (hash
 * mismatch), a deleted or inserted event (seq gap or broken link), and a reordering.
 */
export class ChainVerifier {
  private expectedSeq = 1;
  private prevHash = GENESIS_HASH;
  count = 0;
  problem: ChainProblem | null = null;

  push(row: StoredEvent): boolean {
    if (this.problem) return false;
    const seq = Number(row.seq);
    if (seq !== this.expectedSeq) {
      this.problem = {
        seq: this.expectedSeq,
        reason:
          seq > this.expectedSeq
            ? `event ${this.expectedSeq} is missing (next stored event is ${seq})`
            : `event ${seq} appears out of order after ${this.expectedSeq - 1}`,
      };
      return false;
    }
    if (row.prevHash !== this.prevHash) {
      this.problem = { seq, reason: `previous-hash link broken: event ${seq} does not follow event ${seq - 1}` };
      return false;
    }
    let body: ChainedEventBody;
    try {
      body = bodyOf(row);
    } catch {
      this.problem = { seq, reason: `event ${seq} cannot be read (malformed changes)` };
      return false;
    }
    if (hashEvent(body) !== row.hash) {
      this.problem = { seq, reason: `content altered: event ${seq} does not match its hash` };
      return false;
    }
    this.prevHash = row.hash;
    this.expectedSeq = seq + 1;
    this.count++;
    return true;
  }

  get head(): { seq: number; hash: string } {
    return { seq: this.expectedSeq - 1, hash: this.prevHash };
  }

  /** With a head saved earlier: was that event still there, unchanged, and not cut off? */
  checkSavedHead(saved: { seq: number; hash: string }, hashAtSavedSeq: string | undefined): ChainProblem | null {
    if (this.head.seq < saved.seq) {
      return { seq: this.head.seq + 1, reason: `chain ends at ${this.head.seq}, but the saved head is ${saved.seq}: the tail was cut off` };
    }
    if (hashAtSavedSeq !== saved.hash) {
      return { seq: saved.seq, reason: `event ${saved.seq} no longer has the saved head hash: the chain was rewritten` };
    }
    return null;
  }
}

export function parseHead(text: string): { seq: number; hash: string } | null {
  const m = /^(\d+):([0-9a-f]{64})$/.exec(text.trim());
  return m ? { seq: Number(m[1]), hash: m[2] } : null;
}
