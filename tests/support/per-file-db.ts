// Every test file runs on its own fresh copy of the migrated template: a real SQLite file, or a
// real PostgreSQL database made from the template database (npm run test:pg).
import fs from "node:fs";
import path from "node:path";
import { randomUUID } from "node:crypto";
import { afterAll } from "vitest";
import { TEMPLATE_DB, TMP_DIR } from "./paths";
import { onPostgres, onServer, postgresUrl, quoteName, TEMPLATE_PG_DATABASE } from "./postgres";

type Clients = { db: { $disconnect(): Promise<void> }; readDb: { $disconnect(): Promise<void> }; postgres: { pool: { end(): Promise<void> } } | null };
const g = globalThis as unknown as { __summitDb?: Clients };

async function closeClients() {
  const current = g.__summitDb;
  g.__summitDb = undefined;
  if (!current) return;
  await Promise.all([current.db.$disconnect(), current.readDb.$disconnect()]);
  await current.postgres?.pool.end();
}

const id = randomUUID();
const file = path.join(TMP_DIR, `test-${id}.db`);
const pgDatabase = `summit_test_${id.replaceAll("-", "")}`;
if (onPostgres) {
  await onServer(`CREATE DATABASE ${quoteName(pgDatabase)} TEMPLATE ${quoteName(TEMPLATE_PG_DATABASE)}`);
  process.env.DATABASE_URL = postgresUrl(pgDatabase);
} else {
  fs.copyFileSync(TEMPLATE_DB, file);
  process.env.DATABASE_URL = `file:${file}`;
}
process.env.NODE_ENV = "test";

// Clients cached on globalThis by an earlier file in this worker point at its database.
await closeClients();

afterAll(async () => {
  await closeClients();
  if (onPostgres) await onServer(`DROP DATABASE IF EXISTS ${quoteName(pgDatabase)} WITH (FORCE)`);
  else for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(file + suffix, { force: true });
});

/** This file's SQLite database (meaningless on PostgreSQL: see testDatabaseUrl). */
export const testDatabaseFile = file;
export const testDatabaseUrl = process.env.DATABASE_URL;
