// Migrates one template database for the whole run; each test file copies it (per-file-db.ts).
// SQLite by default; PostgreSQL when TEST_POSTGRES_URL is set (npm run test:pg).
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { TEMPLATE_DB, TMP_DIR } from "./paths";
import { onPostgres, onServer, postgresUrl, quoteName, TEMPLATE_PG_DATABASE } from "./postgres";

export default async function setup() {
  fs.rmSync(TMP_DIR, { recursive: true, force: true });
  fs.mkdirSync(TMP_DIR, { recursive: true });
  if (onPostgres) {
    const name = quoteName(TEMPLATE_PG_DATABASE);
    await onServer(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`, `CREATE DATABASE ${name}`);
    execFileSync(path.resolve("node_modules/.bin/prisma"), ["migrate", "deploy"], {
      env: { ...process.env, DATABASE_URL: postgresUrl(TEMPLATE_PG_DATABASE) },
      stdio: "pipe",
    });
    return;
  }
  execFileSync(path.resolve("node_modules/.bin/prisma"), ["migrate", "deploy"], {
    env: { ...process.env, DATABASE_URL: `file:${TEMPLATE_DB}` },
    stdio: "pipe",
  });
  // Fold the WAL into the main file so a plain copy is complete.
  execFileSync(process.execPath, ["-e", `new (require("better-sqlite3"))(${JSON.stringify(TEMPLATE_DB)}).pragma("wal_checkpoint(TRUNCATE)")`]);
}
