// Migrates one template database for the whole run; each test file copies it (per-file-db.ts).
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { TEMPLATE_DB, TMP_DIR } from "./paths";

export default function setup() {
  fs.rmSync(TMP_DIR, { recursive: true, force: true });
  fs.mkdirSync(TMP_DIR, { recursive: true });
  execFileSync(path.resolve("node_modules/.bin/prisma"), ["migrate", "deploy"], {
    env: { ...process.env, DATABASE_URL: `file:${TEMPLATE_DB}` },
    stdio: "pipe",
  });
  // Fold the WAL into the main file so a plain copy is complete.
  execFileSync(process.execPath, ["-e", `new (require("better-sqlite3"))(${JSON.stringify(TEMPLATE_DB)}).pragma("wal_checkpoint(TRUNCATE)")`]);
}
