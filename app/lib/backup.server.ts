// Online backup and restore of the SQLite file (docs/decisions/007-backup.md).
import Database from "better-sqlite3";
import fs from "node:fs";
import path from "node:path";
import { verifyChainFile, type VerifyResult } from "~/modules/audit/verify.server";

export type BackupCheck = { integrity: string; chain: VerifyResult };

/** integrity_check plus the audit chain, on a file that nothing else is writing. */
export function checkDatabaseFile(file: string): BackupCheck {
  const conn = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const integrity = String(conn.pragma("integrity_check", { simple: true }));
    return { integrity, chain: verifyChainFile(file) };
  } finally {
    conn.close();
  }
}

/**
 * A consistent copy of a live database while the app keeps serving writes. `VACUUM INTO` reads
 * the whole database inside one read transaction, so the copy is the snapshot of one instant;
 * under WAL, writers carry on meanwhile. (SQLite's page-by-page backup API restarts whenever
 * another connection writes, and under steady writes never finishes.) The copy is checked
 * before it is reported done.
 */
export function backupDatabase(source: string, destination: string) {
  fs.mkdirSync(path.dirname(destination), { recursive: true });
  const partial = `${destination}.partial`;
  fs.rmSync(partial, { force: true });
  const conn = new Database(source, { fileMustExist: true });
  try {
    conn.pragma("busy_timeout = 10000");
    conn.prepare("VACUUM INTO ?").run(partial);
  } finally {
    conn.close();
  }
  const check = checkDatabaseFile(partial);
  if (check.integrity !== "ok" || !check.chain.ok) {
    throw new Error(`backup failed its check: integrity=${check.integrity}, chain=${JSON.stringify(check.chain)}`);
  }
  fs.renameSync(partial, destination);
  return check;
}

/**
 * Replaces the database with a checked backup. The server must be stopped: a running server
 * would keep the old file open. The file being replaced is kept beside it.
 */
export function restoreDatabase(backup: string, target: string) {
  const check = checkDatabaseFile(backup);
  if (check.integrity !== "ok" || !check.chain.ok) {
    throw new Error(`refusing to restore: integrity=${check.integrity}, chain=${JSON.stringify(check.chain)}`);
  }
  const stamp = new Date().toISOString().replace(/[:.]/g, "-");
  const kept = fs.existsSync(target) ? `${target}.before-restore-${stamp}` : null;
  if (kept) {
    // Fold the live WAL into the old file so what is kept is complete.
    const old = new Database(target);
    old.pragma("wal_checkpoint(TRUNCATE)");
    old.close();
    fs.renameSync(target, kept);
  }
  for (const suffix of ["-wal", "-shm"]) fs.rmSync(target + suffix, { force: true });
  const temp = `${target}.restoring`;
  fs.copyFileSync(backup, temp);
  fs.renameSync(temp, target);
  return { check, kept };
}
