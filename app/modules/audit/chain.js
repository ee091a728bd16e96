// The audit hash chain (docs/decisions/004-audit-chain.md). Pure: used by the recorder, the
// verifier (also in its worker thread, which plain Node runs without a build: hence plain JS,
// typed by chain.d.ts), the benchmark data generator and the tests.
import { createHash } from "node:crypto";

export const GENESIS_HASH = "0".repeat(64);

/** JSON with object keys sorted at every depth: one byte sequence per event, whatever the key order. */
export function canonicalJson(value) {
  if (value === null || typeof value !== "object") return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  const entries = Object.keys(value)
    .sort()
    .filter((k) => value[k] !== undefined)
    .map((k) => `${JSON.stringify(k)}:${canonicalJson(value[k])}`);
  return `{${entries.join(",")}}`;
}

export function hashEvent(body) {
  return createHash("sha256").update(body.prevHash).update("\n").update(canonicalJson(body)).digest("hex");
}

export function bodyOf(row) {
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
    changes: JSON.parse(row.changes),
    reason: row.reason,
    requestId: row.requestId,
    prevHash: row.prevHash,
  };
}

/**
 * Streaming verifier: feed events in ascending seq order. Detects an altered event (hash
 * mismatch), a deleted or inserted event (seq gap or broken link), and a reordering.
 */
export class ChainVerifier {
  expectedSeq = 1;
  prevHash = GENESIS_HASH;
  count = 0;
  problem = null;

  push(row) {
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
    let body;
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

  get head() {
    return { seq: this.expectedSeq - 1, hash: this.prevHash };
  }

  /** With a head saved earlier: was that event still there, unchanged, and not cut off? */
  checkSavedHead(saved, hashAtSavedSeq) {
    if (this.head.seq < saved.seq) {
      return { seq: this.head.seq + 1, reason: `chain ends at ${this.head.seq}, but the saved head is ${saved.seq}: the tail was cut off` };
    }
    if (hashAtSavedSeq !== saved.hash) {
      return { seq: saved.seq, reason: `event ${saved.seq} no longer has the saved head hash: the chain was rewritten` };
    }
    return null;
  }
}

export function parseHead(text) {
  const m = /^(\d+):([0-9a-f]{64})$/.exec(text.trim());
  return m ? { seq: Number(m[1]), hash: m[2] } : null;
}
