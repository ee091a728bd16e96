// Verifies the whole audit chain by streaming it in seq order from a read-only connection of
// its own. Plain JS (typed by verify-file.d.ts): the verification worker thread
// (verify.worker.js) runs it under plain Node, and the CLI (npm run audit:verify) calls it directly.
// One connection per verification, on purpose: a worker thread cannot share the server's, and a
// backup or CLI check reads a file other than the live one. Rows go to ChainVerifier.push, whose
// bodyOf (chain.js) is the row parser of this concern.
//
// On SQLite, better-sqlite3's iterate() streams rows from one statement; on PostgreSQL,
// verifyChain reads keyset batches on "seq" inside one read-only snapshot.
import { createHash } from "node:crypto";
import Database from "better-sqlite3";
import pg from "pg";
import { parse } from "pg-connection-string";
import { ChainVerifier } from "./chain.js";

const EVENT_COLUMNS = `"seq", "occurredAt", "actorId", "actorName", "actorRole", "action", "entityType", "entityId", "proposalId",
                "changes", "reason", "requestId", "prevHash", "hash"`;

const isPostgres = (target) => /^postgres(ql)?:\/\//i.test(target);

/** A connection of its own to the PostgreSQL database at `url`. */
async function postgresClient(url) {
  const client = new pg.Client({
    ...parse(url),
    // Timestamps without time zone hold UTC; the hash covers the ISO text of that instant.
    types: { getTypeParser: (oid, format) => (oid === 1114 ? (v) => `${v.replace(" ", "T")}Z` : pg.types.getTypeParser(oid, format)) },
  });
  await client.connect();
  return client;
}

const HEAD_SQL = 'SELECT "seq", "hash" FROM "AuditEvent" ORDER BY "seq" DESC LIMIT 1';
const headOf = (row) => (row ? { seq: Number(row.seq), hash: row.hash } : { seq: 0, hash: "0".repeat(64) });

/**
 * Verifies the chain of `target`: a SQLite file path, or a PostgreSQL URL (docs/decisions/018-postgresql.md),
 * read there in keyset batches on "seq" on a connection of its own. Resolves to what verifyChainFile returns.
 */
export async function verifyChain(target, options = {}) {
  if (!isPostgres(target)) return verifyChainFile(target, options);
  const client = await postgresClient(target);
  try {
    // One snapshot for the whole walk, as SQLite's single statement has.
    await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    const total = Number((await client.query('SELECT COUNT(*) AS "n" FROM "AuditEvent"')).rows[0].n);
    const verifier = new ChainVerifier();
    let savedHash;
    let after = 0;
    let n = 0;
    walk: for (;;) {
      const { rows } = await client.query(`SELECT ${EVENT_COLUMNS} FROM "AuditEvent" WHERE "seq" > $1 ORDER BY "seq" LIMIT 5000`, [after]);
      if (!rows.length) break;
      for (const row of rows) {
        if (options.savedHead && Number(row.seq) === options.savedHead.seq) savedHash = row.hash;
        if (!verifier.push(row)) break walk;
        if (++n % 10_000 === 0) options.onProgress?.(n, total);
      }
      after = Number(rows[rows.length - 1].seq);
    }
    await client.query("COMMIT");
    return finish(verifier, total, savedHash, options);
  } finally {
    await client.end();
  }
}

function finish(verifier, total, savedHash, options) {
  options.onProgress?.(verifier.count, total);
  if (verifier.problem) return { ok: false, count: verifier.count, problem: verifier.problem, head: verifier.head };
  if (options.savedHead) {
    const problem = verifier.checkSavedHead(options.savedHead, savedHash);
    if (problem) return { ok: false, count: verifier.count, problem, head: verifier.head };
  }
  return { ok: true, count: verifier.count, head: verifier.head };
}

export function verifyChainFile(file, options = {}) {
  const conn = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const total = Number(conn.prepare('SELECT COUNT(*) AS "n" FROM "AuditEvent"').get().n);
    const verifier = new ChainVerifier();
    let savedHash;
    const rows = conn.prepare(`SELECT ${EVENT_COLUMNS} FROM "AuditEvent" ORDER BY "seq"`).iterate();
    let n = 0;
    for (const row of rows) {
      if (options.savedHead && Number(row.seq) === options.savedHead.seq) savedHash = row.hash;
      if (!verifier.push(row)) break;
      if (++n % 10_000 === 0) options.onProgress?.(n, total);
    }
    return finish(verifier, total, savedHash, options);
  } finally {
    conn.close();
  }
}

/** The head of the chain in a SQLite file. */
export function chainHead(file) {
  const conn = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return headOf(conn.prepare(HEAD_SQL).get());
  } finally {
    conn.close();
  }
}

/** The head of the chain of `target`: a SQLite file path or a PostgreSQL URL. */
export async function chainHeadOf(target) {
  if (!isPostgres(target)) return chainHead(target);
  const client = await postgresClient(target);
  try {
    return headOf((await client.query(HEAD_SQL)).rows[0]);
  } finally {
    await client.end();
  }
}

const EVIDENCE_SQL = `SELECT v."id", v."sha256", a."changes" FROM "Evidence" v
  LEFT JOIN "AuditEvent" a ON a."entityId" = v."id" AND a."action" = 'evidence.added'
  WHERE v."kind" = 'file' ORDER BY v."id"`;

/** An evidence row against the hash its `evidence.added` event recorded. */
function checkEvidence(row, problems) {
  const subject = `evidence ${row.id} cites the stored file ${row.sha256}`;
  if (row.changes === null || row.changes === undefined) return problems.push({ subject, reason: "it has no evidence.added event" });
  let recorded;
  try {
    recorded = JSON.parse(row.changes).find((c) => c.field === "sha256")?.to;
  } catch {
    recorded = undefined;
  }
  if (recorded !== row.sha256) problems.push({ subject, reason: `its evidence.added event recorded ${recorded ?? "no hash"}` });
}

/** Files are read in batches of this many bytes' worth (one batch is at most one large file over it). */
const FILE_BATCH_BYTES = 64 * 1024 * 1024;

/**
 * Re-hashes every stored file (evidence and source documents, docs/decisions/022-compliance.md)
 * and compares it with the SHA-256 it is stored under; then checks that each file evidence item
 * still cites the hash its `evidence.added` event recorded (inside the verified chain), so a row
 * pointed at another stored file is caught too. Resolves to `{ ok, count, problems: [{ subject, reason }] }`.
 */
export async function verifyStoredFiles(target, options = {}) {
  const check = (row, problems) => {
    const bytes = row.content;
    const actual = createHash("sha256").update(bytes).digest("hex");
    const subject = `the stored file ${row.sha256} does not match its hash`;
    if (actual !== row.sha256) problems.push({ subject, reason: `its bytes hash to ${actual}` });
    else if (Number(row.byteSize) !== bytes.byteLength) problems.push({ subject, reason: `it is ${bytes.byteLength} bytes, recorded as ${row.byteSize}` });
  };
  const problems = [];
  let count = 0;
  if (!isPostgres(target)) {
    const conn = new Database(target, { readonly: true, fileMustExist: true });
    try {
      const total = Number(conn.prepare('SELECT COUNT(*) AS "n" FROM "StoredFile"').get().n);
      for (const row of conn.prepare('SELECT "sha256", "byteSize", "content" FROM "StoredFile" ORDER BY "sha256"').iterate()) {
        check(row, problems);
        options.onProgress?.(++count, total);
      }
      for (const row of conn.prepare(EVIDENCE_SQL).iterate()) checkEvidence(row, problems);
    } finally {
      conn.close();
    }
    return { ok: problems.length === 0, count, problems };
  }
  const client = await postgresClient(target);
  try {
    await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    const total = Number((await client.query('SELECT COUNT(*) AS "n" FROM "StoredFile"')).rows[0].n);
    let after = "";
    for (;;) {
      // Keyset batches whose size is bounded by bytes, not rows: a few 20 MB files fill one.
      const { rows: keys } = await client.query(
        'SELECT "sha256", SUM("byteSize") OVER (ORDER BY "sha256") AS "upto" FROM "StoredFile" WHERE "sha256" > $1 ORDER BY "sha256" LIMIT 1000',
        [after],
      );
      if (!keys.length) break;
      const last = keys.find((k) => Number(k.upto) >= FILE_BATCH_BYTES) ?? keys[keys.length - 1];
      const { rows } = await client.query('SELECT "sha256", "byteSize", "content" FROM "StoredFile" WHERE "sha256" > $1 AND "sha256" <= $2 ORDER BY "sha256"', [
        after,
        last.sha256,
      ]);
      for (const row of rows) {
        check(row, problems);
        options.onProgress?.(++count, total);
      }
      after = last.sha256;
    }
    for (const row of (await client.query(EVIDENCE_SQL)).rows) checkEvidence(row, problems);
    await client.query("COMMIT");
  } finally {
    await client.end();
  }
  return { ok: problems.length === 0, count, problems };
}
