// Starts the production build on a fresh, migrated and seeded database for the browser tests:
// a SQLite file, or with TEST_POSTGRES_URL a PostgreSQL database copied from a freshly seeded
// template that side servers copy too (tests/support/e2e-databases.js).
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { migrateAndSeed, onE2eServer } from "./e2e-databases.js";
import { quoteName } from "./postgres-server.js";
import { E2E_DATABASE_URL, E2E_DB_FILE, E2E_OUTBOX_DIR, E2E_PG_SEED, e2eOnPostgres, e2ePostgresName, e2ePostgresUrl, e2eServerSettings } from "./e2e-env.js";

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..", "..");

if (e2eOnPostgres) {
  const [main, seed] = [quoteName(e2ePostgresName("main")), quoteName(E2E_PG_SEED)];
  await onE2eServer(`DROP DATABASE IF EXISTS ${main} WITH (FORCE)`, `DROP DATABASE IF EXISTS ${seed} WITH (FORCE)`, `CREATE DATABASE ${seed}`);
  migrateAndSeed(e2ePostgresUrl(E2E_PG_SEED), "inherit");
  await onE2eServer(`CREATE DATABASE ${main} TEMPLATE ${seed}`);
} else {
  fs.mkdirSync(path.dirname(E2E_DB_FILE), { recursive: true });
  for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(E2E_DB_FILE + suffix, { force: true });
  migrateAndSeed(E2E_DATABASE_URL, "inherit");
}

fs.rmSync(E2E_OUTBOX_DIR, { recursive: true, force: true });
const env = { ...process.env, ...e2eServerSettings() };
const server = spawn(process.execPath, ["server.js"], { cwd: root, env, stdio: "inherit" });
for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => server.kill(sig));
server.on("exit", (code) => process.exit(code ?? 0));
