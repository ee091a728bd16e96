// `npm run test:pg`: the suites again, on PostgreSQL (docs/decisions/018-postgresql.md).
// With TEST_POSTGRES_URL set (a server where the tests may create databases, e.g.
// postgresql://summit@127.0.0.1:5432/postgres) it uses that server. Without it, it starts a
// throwaway cluster of Debian's PostgreSQL (/usr/lib/postgresql/<version>/bin) in a temporary
// folder, as the unprivileged user "postgres" when run as root, and removes it afterwards.
// Runs: the migrations' drift check on PostgreSQL, the unit and integration tests, then the
// browser tests on the built app (`--no-e2e` leaves those out).
import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const bin = (name: string) => path.join(root, "node_modules", ".bin", name);

function postgresBin(): string {
  const base = "/usr/lib/postgresql";
  const versions = fs.existsSync(base) ? fs.readdirSync(base).sort((a, b) => Number(b) - Number(a)) : [];
  for (const v of versions) if (fs.existsSync(path.join(base, v, "bin", "initdb"))) return path.join(base, v, "bin");
  throw new Error("No PostgreSQL server found: install Debian's postgresql (apt-get install postgresql), or set TEST_POSTGRES_URL.");
}

/** Starts a cluster in a temporary folder; returns its URL and how to stop it. */
function throwawayCluster(): { url: string; stop: () => void } {
  const pgBin = postgresBin();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "summit-pg-"));
  const asRoot = process.getuid?.() === 0;
  const run = (cmd: string, args: string[]) => {
    const [file, argv] = asRoot ? ["runuser", ["-u", "postgres", "--", cmd, ...args]] : [cmd, args];
    execFileSync(file, argv, { stdio: "pipe" });
  };
  if (asRoot) fs.chownSync(dir, Number(execFileSync("id", ["-u", "postgres"]).toString()), Number(execFileSync("id", ["-g", "postgres"]).toString()));
  const port = String(15432 + Math.floor(Math.random() * 1000));
  run(path.join(pgBin, "initdb"), ["-D", path.join(dir, "data"), "-A", "trust", "-U", "summit", "-E", "UTF8", "--locale=C.UTF-8"]);
  // fsync off: a throwaway cluster for tests, rebuilt every run.
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c max_connections=200`;
  run(path.join(pgBin, "pg_ctl"), ["-D", path.join(dir, "data"), "-o", options, "-l", path.join(dir, "server.log"), "-w", "start"]);
  console.log(`PostgreSQL throwaway cluster on 127.0.0.1:${port} (${dir})`);
  return {
    url: `postgresql://summit@127.0.0.1:${port}/postgres`,
    stop: () => {
      try {
        run(path.join(pgBin, "pg_ctl"), ["-D", path.join(dir, "data"), "-m", "fast", "-w", "stop"]);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

const given = process.env.TEST_POSTGRES_URL;
const cluster = given ? { url: given, stop: () => {} } : throwawayCluster();
let status = 0;
try {
  const env = { ...process.env, TEST_POSTGRES_URL: cluster.url };
  for (const [cmd, args] of [
    [bin("tsx"), ["scripts/db-drift.ts", "--postgres", cluster.url]],
    [bin("vitest"), ["run"]],
    ...(process.argv.includes("--no-e2e")
      ? []
      : ([
          [bin("remix"), ["build"]],
          [bin("playwright"), ["test"]],
        ] as const)),
  ] as const) {
    const r = spawnSync(cmd, args, { cwd: root, env, stdio: "inherit" });
    if (r.status !== 0) {
      status = r.status ?? 1;
      break;
    }
  }
} finally {
  cluster.stop();
}
process.exit(status);
