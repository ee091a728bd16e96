// Online backup and restore of the SQLite file (docs/decisions/007-backup.md).
import Database from "better-sqlite3";
import fs from "node:fs";
import path from "node:path";
import { verifyChainFile, type VerifyResult } from "~/modules/audit/verify.server";
import { classifyStorageError } from "./storage.server";

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
  // Renaming the copy over the live file would leave the server writing to an unlinked file.
  if (path.resolve(destination) === path.resolve(source)) {
    throw new Error(`Refusing to back up ${source} onto itself: choose another file or directory.`);
  }
  const partial = `${destination}.partial`;
  let step = `creating the directory ${path.dirname(destination)}`;
  try {
    fs.mkdirSync(path.dirname(destination), { recursive: true });
    fs.rmSync(partial, { force: true });
    step = `reading ${source}`;
    const conn = new Database(source, { fileMustExist: true });
    try {
      conn.pragma("busy_timeout = 10000");
      step = `writing the copy to ${partial}`;
      conn.prepare("VACUUM INTO ?").run(partial);
    } finally {
      conn.close();
    }
    step = `checking the copy ${partial}`;
    const check = checkDatabaseFile(partial);
    if (check.integrity !== "ok" || !check.chain.ok) {
      throw new Error(`it failed its check: integrity=${check.integrity}, chain=${JSON.stringify(check.chain)}`);
    }
    step = `moving the copy to ${destination}`;
    fs.renameSync(partial, destination);
    return check;
  } catch (error) {
    // Never leave a half-written or unchecked copy behind that could be taken for a backup.
    fs.rmSync(partial, { force: true });
    throw new Error(`Backup failed while ${step}: ${describeFailure(error, path.dirname(destination))} Nothing was left at ${partial}.`, { cause: error });
  }
}

/** The failure in words, with the free space where the copy was going when that is the cause. */
function describeFailure(error: unknown, directory: string): string {
  const e = error as { code?: string; message?: string };
  const reason = `${e.message ?? String(error)}${e.code ? ` (${e.code})` : ""}.`;
  const fault =
    classifyStorageError(error) ?? (e.code === "ENOSPC" ? { kind: "full" } : e.code === "EROFS" || e.code === "EACCES" ? { kind: "readonly" } : null);
  if (!fault) return reason;
  let free = "";
  try {
    const stats = fs.statfsSync(directory);
    free = ` ${Math.floor((Number(stats.bavail) * Number(stats.bsize)) / 1024 / 1024)} MB free there.`;
  } catch {
    /* unknown */
  }
  const what =
    fault.kind === "full" ? "the target's filesystem is full" : fault.kind === "readonly" ? "the target cannot be written" : "the target's storage failed";
  return `${reason} ${what[0].toUpperCase()}${what.slice(1)} (${directory}).${free}`;
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
