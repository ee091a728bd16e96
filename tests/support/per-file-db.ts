// Every test file runs on its own fresh copy of the migrated template: a real SQLite file.
import fs from "node:fs";
import path from "node:path";
import { randomUUID } from "node:crypto";
import { afterAll } from "vitest";
import { TEMPLATE_DB, TMP_DIR } from "./paths";

const file = path.join(TMP_DIR, `test-${randomUUID()}.db`);
fs.copyFileSync(TEMPLATE_DB, file);
process.env.DATABASE_URL = `file:${file}`;
process.env.NODE_ENV = "test";

// Clients cached on globalThis by an earlier file in this worker point at its database.
const g = globalThis as unknown as { __summitDb?: { db: { $disconnect(): Promise<void> }; readDb: { $disconnect(): Promise<void> } } };
if (g.__summitDb) {
  const old = g.__summitDb;
  g.__summitDb = undefined;
  await Promise.all([old.db.$disconnect(), old.readDb.$disconnect()]);
}

afterAll(async () => {
  const current = g.__summitDb;
  g.__summitDb = undefined;
  if (current) await Promise.all([current.db.$disconnect(), current.readDb.$disconnect()]);
  for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(file + suffix, { force: true });
});

export const testDatabaseFile = file;
