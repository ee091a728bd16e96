// A second production server on the same database, with settings of its own (default sign-in
// limits, production cookies…), for tests that must not share the main server's state.
import { spawn, type ChildProcess } from "node:child_process";
import http from "node:http";
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
    // A side server runs no notification jobs unless a test asks (they would write in the background of a fault test).
    env: { ...process.env, NODE_ENV: "production", DATABASE_URL: E2E_DATABASE_URL, PORT: String(port), NOTIFY_SCHEDULER: "off", ...env },
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

export type SendOptions = { method?: string; form?: Record<string, string>; cookie?: string };
/** An answer, and which worker gave it (X-Worker-Pid, on a server started with WORKER_PID_HEADER=1). */
export type Answer = { status: number; pid: number; body: string; headers: http.IncomingHttpHeaders };

/**
 * One request on a connection of its own (no keep-alive), so that under `--workers N` the
 * cluster primary may hand it to any worker. A form is posted as a same-site browser would.
 */
export function sendOnNewConnection(base: string, path: string, { method = "GET", form, cookie }: SendOptions = {}): Promise<Answer> {
  const body = form ? new URLSearchParams(form).toString() : undefined;
  return new Promise((resolve, reject) => {
    const req = http.request(
      new URL(path, base),
      {
        method,
        agent: false,
        headers: {
          Connection: "close",
          ...(body ? { "Content-Type": "application/x-www-form-urlencoded", "Content-Length": Buffer.byteLength(body), Origin: base } : {}),
          ...(cookie ? { Cookie: cookie } : {}),
        },
      },
      (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => (text += chunk));
        res.on("end", () => resolve({ status: res.statusCode!, pid: Number(res.headers["x-worker-pid"]), body: text, headers: res.headers }));
      },
    );
    // A connection the primary handed to a worker just as it was killed is never answered.
    req.setTimeout(3_000, () => req.destroy(new Error(`${method} ${path}: no answer within 3 s`)));
    req.on("error", reject);
    req.end(body);
  });
}

/** Sends `path` on new connections until a worker other than those in `not` answers it (at most 60 tries). */
export async function answerFromAnotherWorker(base: string, path: string, not: Set<number>, options: SendOptions = {}): Promise<Answer> {
  for (let i = 0; i < 60; i++) {
    const answer = await sendOnNewConnection(base, path, options);
    if (!not.has(answer.pid)) return answer;
  }
  throw new Error(`${path}: every answer came from ${[...not].join(", ")}`);
}
