// Verifies the whole audit chain by streaming it in seq order from a read-only connection of
// its own. Plain JS (typed by verify-file.d.ts): the verification worker thread
// (verify.worker.js) runs it under plain Node, and the CLI (npm run audit:verify) calls it directly.
// One connection per verification, on purpose: a worker thread cannot share the server's, and a
// backup or CLI check reads a file other than the live one. Rows go to ChainVerifier.push, whose
// bodyOf (chain.js) is the row parser of this concern.
//
// SQLite only: better-sqlite3's iterate() streams rows from one statement. PostgreSQL (issue 13)
// will need a cursor (or keyset batches on "seq", as the export reads) through its own driver.
import Database from "better-sqlite3";
import { ChainVerifier } from "./chain.js";

export function verifyChainFile(file, options = {}) {
  const conn = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const total = Number(conn.prepare('SELECT COUNT(*) AS "n" FROM "AuditEvent"').get().n);
    const verifier = new ChainVerifier();
    let savedHash;
    const rows = conn
      .prepare(
        `SELECT "seq", "occurredAt", "actorId", "actorName", "actorRole", "action", "entityType", "entityId", "proposalId",
                "changes", "reason", "requestId", "prevHash", "hash"
         FROM "AuditEvent" ORDER BY "seq"`,
      )
      .iterate();
    let n = 0;
    for (const row of rows) {
      if (options.savedHead && Number(row.seq) === options.savedHead.seq) savedHash = row.hash;
      if (!verifier.push(row)) break;
      if (++n % 10_000 === 0) options.onProgress?.(n, total);
    }
    options.onProgress?.(verifier.count, total);
    if (verifier.problem) return { ok: false, count: verifier.count, problem: verifier.problem, head: verifier.head };
    if (options.savedHead) {
      const problem = verifier.checkSavedHead(options.savedHead, savedHash);
      if (problem) return { ok: false, count: verifier.count, problem, head: verifier.head };
    }
    return { ok: true, count: verifier.count, head: verifier.head };
  } finally {
    conn.close();
  }
}

export function chainHead(file) {
  const conn = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const row = conn.prepare('SELECT "seq", "hash" FROM "AuditEvent" ORDER BY "seq" DESC LIMIT 1').get();
    return row ? { seq: Number(row.seq), hash: row.hash } : { seq: 0, hash: "0".repeat(64) };
  } finally {
    conn.close();
  }
}
