// Databases for the browser tests beside the main e2e server's: fresh ones for tests that need
// their own (resilience), and copies for side servers that must not disturb the main one.
// On SQLite they are files under tests/.tmp; on PostgreSQL (TEST_POSTGRES_URL) databases on
// that server, made from the seeded template the e2e server prepares (E2E_PG_SEED) with
// CREATE DATABASE … TEMPLATE, which copies files and takes well under a second.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { onPostgresServer, quoteName } from "./postgres-server.js";
import { E2E_DB_FILE, E2E_PG_SEED, E2E_POSTGRES_URL, e2eOnPostgres, e2ePostgresName, e2ePostgresUrl } from "./e2e-env.js";

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..", "..");
/** Runs statements on the PostgreSQL server's maintenance database, one at a time. */
export const onE2eServer = (...statements) => onPostgresServer(E2E_POSTGRES_URL, ...statements);

/** Migrates and seeds the database at `url` with the project's own commands. */
export function migrateAndSeed(url, stdio = "ignore") {
  const env = { ...process.env, DATABASE_URL: url };
  for (const [cmd, args] of [
    ["node_modules/.bin/prisma", ["migrate", "deploy"]],
    ["node_modules/.bin/tsx", ["prisma/seed.ts"]],
  ]) {
    const r = spawnSync(path.join(root, cmd), args, { cwd: root, env, stdio });
    if (r.status !== 0) throw new Error(`${cmd} ${args.join(" ")} failed on ${url.replace(/\/\/[^@/]*@/, "//…@")}`);
  }
}

const sqliteFile = (name) => path.join(root, "tests", ".tmp", `${name}.db`);
const removeSqlite = (file) => {
  for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(file + suffix, { force: true });
};

/**
 * A database of the test's own: `url` for DATABASE_URL, `target` for the verifier and
 * tests/support/sql-connection.ts (the file on SQLite, the URL on PostgreSQL).
 * @typedef {{ url: string; target: string; drop: () => Promise<void> }} TestDatabase
 */

/** @returns {TestDatabase} */
function sqliteDatabase(file) {
  return { url: `file:${file}`, target: file, drop: async () => removeSqlite(file) };
}

/** @returns {Promise<TestDatabase>} */
async function postgresCopyOfSeed(name) {
  const database = e2ePostgresName(name);
  await onE2eServer(`DROP DATABASE IF EXISTS ${quoteName(database)} WITH (FORCE)`, `CREATE DATABASE ${quoteName(database)} TEMPLATE ${quoteName(E2E_PG_SEED)}`);
  const url = e2ePostgresUrl(database);
  return { url, target: url, drop: () => onE2eServer(`DROP DATABASE IF EXISTS ${quoteName(database)} WITH (FORCE)`) };
}

/** A freshly migrated and seeded database named `name`. @returns {Promise<TestDatabase>} */
export async function freshE2eDatabase(name) {
  if (e2eOnPostgres) return postgresCopyOfSeed(name);
  const file = sqliteFile(name);
  removeSqlite(file);
  migrateAndSeed(`file:${file}`);
  return sqliteDatabase(file);
}

/**
 * A copy of the e2e data for a side server: on SQLite the main database as it is now (an online
 * backup), on PostgreSQL the seeded database the main one started from (a template copy needs
 * its source to have no connections, and the main server holds some). Tests that use a copy
 * must therefore not rely on what earlier specs changed. Either way the copy holds no sign-in
 * counts. @returns {Promise<TestDatabase>}
 */
export async function copyOfE2eDatabase(name) {
  if (e2eOnPostgres) return postgresCopyOfSeed(name);
  const file = sqliteFile(name);
  removeSqlite(file);
  const source = new Database(E2E_DB_FILE);
  try {
    await source.backup(file);
  } finally {
    source.close();
  }
  // The sign-in counts are in the database (docs/decisions/019-several-processes.md): a side server
  // starts with allowances of its own, not with what the main server's tests spent.
  const copy = new Database(file);
  try {
    copy.exec(`DELETE FROM "RateLimit"`);
  } finally {
    copy.close();
  }
  return sqliteDatabase(file);
}
