// Forms that create or change a record write once however often they are sent (issue 12,
// docs/decisions/016-idempotent-forms.md). Each page render hands its forms a random token; the
// write claims the SHA-256 of (user, form, token, parsed values) in its own transaction, in
// recordAuditEvent, which every write calls. A second post of the same form with the same
// values (a double click without JavaScript, a browser retry, a resubmitted page) finds the key
// taken, its transaction rolls back, and the form is answered as the first post was.
import { createHash, randomUUID } from "node:crypto";
import type { Tx } from "~/db.server";
import { readDb } from "~/db.server";
import { FORM_TOKEN_FIELD } from "./forms";
/** A claimed key is kept this long: longer than any retry or resubmission of the same page. */
const KEEP_MS = 24 * 60 * 60_000;

export type SubmissionClaim = { key: string; userId: string };
export type ClaimedSubmission = { entityType: string; entityId: string; proposalId: string | null };

/** A fresh token for the forms of one page render. */
export const newFormToken = () => randomUUID();

/** The key of one post, or null when the form carried no usable token (then it is not deduplicated). */
export function submissionKey(userId: string, form: string, formData: FormData, value: unknown): string | null {
  const token = formData.get(FORM_TOKEN_FIELD);
  if (typeof token !== "string" || !/^[\w-]{16,64}$/.test(token)) return null;
  return (
    createHash("sha256")
      // A File stringifies to {}: its name and size stand for it, so another file is another post.
      .update(JSON.stringify([userId, form, token, value], (_k, v: unknown) => (v instanceof File ? { file: v.name, size: v.size, type: v.type } : v)))
      .digest("hex")
  );
}

/** The same post, written before: its key was claimed by an earlier transaction. */
export class DuplicateSubmissionError extends Error {
  constructor(readonly key: string) {
    super("This form was already submitted with these values.");
    this.name = "DuplicateSubmissionError";
  }
}

// A write may record several audit events; the first one claims the key, once per transaction.
const claimed = new WeakSet<Tx>();

/**
 * Claims the key inside the write's transaction, naming the first record it wrote. Throws
 * DuplicateSubmissionError when the key is taken, so that the whole write rolls back.
 */
export async function claimSubmission(tx: Tx, claim: SubmissionClaim, target: ClaimedSubmission): Promise<void> {
  if (claimed.has(tx)) return;
  const taken = await tx.submission.findUnique({ where: { key: claim.key }, select: { key: true } });
  if (taken) throw new DuplicateSubmissionError(claim.key);
  try {
    await tx.submission.create({ data: { key: claim.key, userId: claim.userId, ...target }, select: { key: true } });
  } catch (error) {
    // Another process claimed it between the read and the insert (PostgreSQL; SQLite has one writer).
    if ((error as { code?: string }).code === "P2002") throw new DuplicateSubmissionError(claim.key);
    throw error;
  }
  claimed.add(tx);
  await tx.submission.deleteMany({ where: { createdAt: { lt: new Date(Date.now() - KEEP_MS) } } });
}

/** What the first post of a key wrote, for answering the repeat as the first was answered. */
export function claimedSubmission(key: string): Promise<ClaimedSubmission | null> {
  return readDb.submission.findUnique({ where: { key }, select: { entityType: true, entityId: true, proposalId: true } });
}
