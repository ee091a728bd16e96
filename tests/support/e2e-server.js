// Starts the production build on a fresh, migrated and seeded database for the browser tests.
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..", "..");
const file = path.join(root, "tests", ".tmp", "e2e.db");
fs.mkdirSync(path.dirname(file), { recursive: true });
for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(file + suffix, { force: true });

const env = {
  ...process.env,
  NODE_ENV: "production",
  DATABASE_URL: `file:${file}`,
  PORT: process.env.E2E_PORT || "3210",
  COOKIE_SECURE: "false",
  SESSION_SECRET: "e2e-session-secret-not-for-production",
  // Every browser test signs in from 127.0.0.1; the limits themselves are tested against a
  // side server with the default limits (tests/e2e/security.spec.ts, "sign-in limits, on a
  // server with the default limits").
  SIGNIN_LIMIT_PER_IP: "100000",
  SIGNIN_LIMIT_PER_ACCOUNT: "100000",
};
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
