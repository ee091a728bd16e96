// `npm start [-- --workers N]`: the demo start. Applies migrations to DATABASE_URL (default data/summit.db),
// loads the demo data when the database has no users, builds when the build is missing or
// older than the sources, then serves. A production deployment runs `npm run db:migrate` and
// `npm run serve` instead, and never gets the demo accounts.
import { spawnSync, spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { databaseFile } from "../app/config/database-url.js";

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
process.chdir(root);
const bin = (name) => path.join(root, "node_modules", ".bin", name);
const env = { ...process.env, NODE_ENV: "production" };
// The demo serves plain HTTP on localhost, where Secure cookies would not be sent back by
// every browser; a real deployment behind TLS leaves COOKIE_SECURE unset (on).
env.COOKIE_SECURE ??= "false";
// The demo accounts have a published password: server.js listens on 127.0.0.1 unless HOST says
// otherwise, and lists the accounts in its start-up log.
env.DEMO_MODE = "1";

function run(cmd, args) {
  const r = spawnSync(cmd, args, { stdio: "inherit", env });
  if (r.status !== 0) {
    console.error(`\n${path.basename(cmd)} ${args.join(" ")} failed (exit ${r.status}).`);
    process.exit(r.status ?? 1);
  }
}

const file = databaseFile();
console.log(`Database: ${file}`);
run(bin("prisma"), ["migrate", "deploy"]);

const users = new Database(file, { readonly: true }).prepare("SELECT COUNT(*) AS n FROM User").get().n;
if (users === 0) {
  console.log("Empty database: loading the demo data (accounts: see README).");
  run(bin("tsx"), ["prisma/seed.ts"]);
}

function newest(dir) {
  let latest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(p) : fs.statSync(p).mtimeMs);
  }
  return latest;
}
const buildFile = path.join(root, "build", "index.js");
if (!fs.existsSync(buildFile) || fs.statSync(buildFile).mtimeMs < newest(path.join(root, "app"))) {
  run(bin("remix"), ["build"]);
}

// `npm start -- --workers N` serves with N processes (scripts/serve.js); the migrations and the
// seed above ran once, before any of them.
const server = spawn(process.execPath, ["scripts/serve.js", ...process.argv.slice(2)], { stdio: "inherit", env });
for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => server.kill(sig));
server.on("exit", (code) => process.exit(code ?? 0));
