// Types for chain.js (plain JS so the verification worker runs it without a build).
export declare const GENESIS_HASH: string;

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

/** A stored row as read back (changes as stored JSON text, time as Date or string). */
export type StoredEvent = Omit<ChainedEventBody, "changes" | "occurredAt"> & {
  changes: string;
  occurredAt: Date | string;
  hash: string;
};

export type ChainProblem = { seq: number; reason: string };
export type ChainHead = { seq: number; hash: string };

export declare function canonicalJson(value: unknown): string;
export declare function hashEvent(body: ChainedEventBody): string;
export declare function bodyOf(row: StoredEvent): ChainedEventBody;

export declare class ChainVerifier {
  count: number;
  problem: ChainProblem | null;
  push(row: StoredEvent): boolean;
  get head(): ChainHead;
  checkSavedHead(saved: ChainHead, hashAtSavedSeq: string | undefined): ChainProblem | null;
}

export declare function parseHead(text: string): ChainHead | null;
