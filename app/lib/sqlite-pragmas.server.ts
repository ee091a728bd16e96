import type Database from "better-sqlite3";

export type SqlitePragmas = {
  journalMode: string;
  foreignKeys: boolean;
  busyTimeoutMs: number;
  synchronous: string;
};

const SYNCHRONOUS = ["OFF", "NORMAL", "FULL", "EXTRA"];

/**
 * The settings the product relies on (docs/decisions/005-sqlite-settings.md), set on every
 * connection and asserted: start-up fails loudly rather than run with, say, foreign keys off.
 */
export function applyPragmas(raw: Database.Database, options: { busyTimeoutMs: number; readOnly?: boolean }) {
  raw.pragma(`busy_timeout = ${Math.trunc(options.busyTimeoutMs)}`);
  if (!options.readOnly) raw.pragma("journal_mode = WAL");
  raw.pragma("synchronous = NORMAL");
  raw.pragma("foreign_keys = ON");
  const actual = readPragmas(raw);
  if (actual.journalMode !== "wal" && !options.readOnly) {
    throw new Error(`SQLite journal_mode is ${actual.journalMode}, expected wal`);
  }
  if (!actual.foreignKeys) throw new Error("SQLite foreign_keys could not be enabled");
  if (actual.synchronous !== "NORMAL") throw new Error(`SQLite synchronous is ${actual.synchronous}`);
  return actual;
}

export function readPragmas(raw: Database.Database): SqlitePragmas {
  const value = (name: string) => raw.pragma(name, { simple: true }) as unknown;
  return {
    journalMode: String(value("journal_mode")),
    foreignKeys: Number(value("foreign_keys")) === 1,
    busyTimeoutMs: Number(value("busy_timeout")),
    synchronous: SYNCHRONOUS[Number(value("synchronous"))] ?? "unknown",
  };
}
