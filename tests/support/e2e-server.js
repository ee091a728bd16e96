// Starts the production build on a fresh, migrated and seeded database for the browser tests.
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { E2E_DB_FILE, e2eServerSettings } from "./e2e-env.js";

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..", "..");
const file = E2E_DB_FILE;
fs.mkdirSync(path.dirname(file), { recursive: true });
for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(file + suffix, { force: true });

const env = { ...process.env, ...e2eServerSettings() };
for (const [cmd, args] of [
  ["node_modules/.bin/prisma", ["migrate", "deploy"]],
  ["node_modules/.bin/tsx", ["prisma/seed.ts"]],
]) {
  const r = spawnSync(path.join(root, cmd), args, { cwd: root, env, stdio: "inherit" });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
const server = spawn(process.execPath, ["server.js"], { cwd: root, env, stdio: "inherit" });
for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => server.kill(sig));
server.on("exit", (code) => process.exit(code ?? 0));
