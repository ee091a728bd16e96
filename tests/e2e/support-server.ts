// A second production server on the same database, with settings of its own (default sign-in
// limits, production cookies…), for tests that must not share the main server's state.
import { spawn, type ChildProcess } from "node:child_process";
import { E2E_DATABASE_URL, E2E_DB_TARGET } from "../support/e2e-env.js";
import { sqlConnection, type SqlConnection } from "../support/sql-connection";

/** A port beside the main test server's, so several checkouts can run their suites at once. */
export const sidePort = (offset: number) => Number(process.env.E2E_PORT || 3210) + offset;

/**
 * Starts the production server on `port`: server.js itself, or with `workers` the cluster of
 * `npm run serve -- --workers N` (scripts/serve.js), whose `pid` is then the primary's.
 */
export async function startServer(
  port: number,
  env: Record<string, string>,
  { workers }: { workers?: number } = {},
): Promise<{ url: string; pid: number; stop: () => Promise<void>; output: () => string }> {
  const root = process.cwd();
  const args = workers ? ["scripts/serve.js", "--workers", String(workers)] : ["server.js"];
  const child: ChildProcess = spawn(process.execPath, args, {
    cwd: root,
    env: { ...process.env, NODE_ENV: "production", DATABASE_URL: E2E_DATABASE_URL, PORT: String(port), ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  // What the server logged (its first 64 KB), read as it comes so the pipe never fills.
  let output = "";
  const keep = (chunk: Buffer) => {
    if (output.length < 65_536) output += chunk.toString("utf8");
  };
  child.stdout!.on("data", keep);
  child.stderr!.on("data", keep);
  const url = `http://localhost:${port}`;
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(`${url}/healthz`)).ok) break;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    pid: child.pid!,
    output: () => output,
    stop: () =>
      new Promise((resolve) => {
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}

/** POSTs a form the way a same-site browser would (Origin of the server itself). */
export function postForm(url: string, path: string, fields: Record<string, string>, headers: Record<string, string> = {}) {
  return fetch(`${url}${path}`, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: url, ...headers },
    body: new URLSearchParams(fields).toString(),
  });
}

/**
 * Runs `work` on a connection of its own to a test database (by default the main e2e server's),
 * on either provider, and closes it (tests/support/sql-connection.ts: `?` placeholders, quoted
 * names, rows normalised).
 */
export async function withDatabase<T>(work: (db: SqlConnection) => Promise<T>, target: string = E2E_DB_TARGET): Promise<T> {
  const db = await sqlConnection(target);
  try {
    return await work(db);
  } finally {
    await db.close();
  }
}
