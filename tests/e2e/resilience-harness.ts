// Load, lock and crash harness (issue: no lost writes). Each simulated analyst reads a hot
// proposal's edit form, then saves it with the version it read and a unique token in the
// summary. Afterwards every acknowledged token must be in the audit log.
// Runs on the suite's provider: SQLite files, or PostgreSQL databases with TEST_POSTGRES_URL.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import { randomUUID } from "node:crypto";
import { WRITE_LOCK_KEY } from "~/db/postgres.server";
import { freshE2eDatabase } from "../support/e2e-databases.js";
import { e2eOnPostgres } from "../support/e2e-env.js";
import { withDatabase } from "./support-server";

const ROOT = process.cwd();
export const BUSY_TIMEOUT_MS = 1000;

export type Tally = {
  acked: string[];
  conflicts: number;
  busy: number;
  other: Record<string, number>;
  serverErrors: number;
  /** Requests cut off by a killed process (not acknowledged), for analysts that carry on after one. */
  dropped?: number;
  /** Requests given up after waiting UNANSWERED_MS for an answer. */
  unanswered?: number;
  /** Every save's status and when it was sent and answered (Date.now()), in the order answered. */
  saves: { sentAt: number; answeredAt: number; status: number }[];
};

/** A database of the test's own: `url` for the app, `target` for the verifier and raw reads. */
export type TestDatabase = Awaited<ReturnType<typeof freshE2eDatabase>>;
/** A freshly migrated and seeded database (tests/support/e2e-databases.js). */
export const freshDatabase = freshE2eDatabase;

/** Every server (and lock holder) the harness started, so a test that times out still stops them (afterEach). */
const started = new Set<ChildProcess>();

export function stopAll() {
  for (const child of started) if (child.exitCode === null) child.kill("SIGKILL");
  started.clear();
}

/**
 * The production server on `database`: one process (server.js), or with `workers` a node:cluster
 * primary and that many worker processes on the port (npm run serve -- --workers N).
 */
export async function startApp(database: TestDatabase, port: number, options: { workers?: number } = {}): Promise<ChildProcess> {
  // A server left on the port would answer instead of ours, on a database that is gone.
  const stale = await fetch(`http://localhost:${port}/healthz`).then(
    () => true,
    () => false,
  );
  if (stale) throw new Error(`port ${port} is already in use: stop the server left there`);
  const workers = options.workers ?? 1;
  const child = spawn(process.execPath, workers > 1 ? ["scripts/serve.js", "--workers", String(workers)] : ["server.js"], {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: "production",
      DATABASE_URL: database.url,
      PORT: String(port),
      COOKIE_SECURE: "false",
      SQLITE_BUSY_TIMEOUT_MS: String(BUSY_TIMEOUT_MS),
      SIGNIN_LIMIT_PER_IP: "100000",
      SIGNIN_LIMIT_PER_ACCOUNT: "100000",
    },
    stdio: "ignore",
  });
  started.add(child);
  for (let i = 0; i < 200; i++) {
    try {
      if ((await fetch(`http://localhost:${port}/healthz`)).ok) return child;
    } catch {
      /* starting */
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error("server did not start");
}

/** The worker processes of a cluster primary (its children), by pid. */
export function workerPids(primary: ChildProcess): number[] {
  const children = fs.readFileSync(`/proc/${primary.pid}/task/${primary.pid}/children`, "utf8").trim();
  return children ? children.split(/\s+/).map(Number) : [];
}

/** Waits until the primary has `count` workers and the port answers again. */
export async function workersUp(primary: ChildProcess, port: number, count: number): Promise<void> {
  for (let i = 0; i < 400; i++) {
    const ok = await fetch(`http://localhost:${port}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok && workerPids(primary).length === count) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`the cluster did not get back to ${count} workers`);
}

export async function signIn(base: string, email = "manager@example.org"): Promise<string> {
  const res = await fetch(`${base}/login`, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: base },
    body: new URLSearchParams({ email, password: "summit-demo" }).toString(),
  });
  return res.headers.get("set-cookie")!.split(";")[0];
}

export function hotProposals(database: TestDatabase, n = 10): Promise<string[]> {
  return withDatabase(
    async (db) => (await db.all<{ id: string }>(`SELECT "id" FROM "Proposal" WHERE "historical" = ? ORDER BY "reference" LIMIT ?`, false, n)).map((r) => r.id),
    database.target,
  );
}

const field = (html: string, name: string) => {
  const input =
    new RegExp(`<input[^>]*name="${name}"[^>]*value="([^"]*)"`).exec(html) ?? new RegExp(`<input[^>]*value="([^"]*)"[^>]*name="${name}"`).exec(html);
  return (
    input?.[1]
      ?.replace(/&amp;/g, "&")
      .replace(/&quot;/g, '"')
      .replace(/&#x27;/g, "'")
      .replace(/&lt;/g, "<")
      .replace(/&gt;/g, ">") ?? ""
  );
};
const selected = (html: string, name: string) =>
  new RegExp(`<select[^>]*name="${name}"[^>]*>[\\s\\S]*?<option[^>]*value="([^"]*)"[^>]*selected`).exec(html)?.[1] ?? "";

/** How long an analyst that carries on waits for an answer before giving the request up. */
const UNANSWERED_MS = 15_000;

/** A request cut off by a kill, or (a defect the test reports) never answered. */
function countCutOff(tally: Tally, error: unknown) {
  if ((error as Error)?.name === "TimeoutError") tally.unanswered = (tally.unanswered ?? 0) + 1;
  else tally.dropped = (tally.dropped ?? 0) + 1;
}

/**
 * One simulated analyst: read the form, save it with a token, until the deadline (a time, or a
 * test that says stop). A request cut off by a killed server ends the analyst, unless
 * `carryOn` (one of several processes was killed: the others still answer).
 */
export async function analyst(base: string, cookie: string, ids: string[], deadline: number | (() => boolean), tally: Tally, carryOn = false) {
  const done = typeof deadline === "number" ? () => Date.now() >= deadline : deadline;
  while (!done()) {
    const id = ids[Math.floor(Math.random() * ids.length)];
    let form: string;
    try {
      const page = await fetch(`${base}/proposals/${id}/edit`, { headers: { cookie }, signal: carryOn ? AbortSignal.timeout(UNANSWERED_MS) : undefined });
      if (page.status >= 500) tally.serverErrors++;
      if (page.status !== 200) {
        tally.other[`GET ${page.status}`] = (tally.other[`GET ${page.status}`] ?? 0) + 1;
        continue;
      }
      form = await page.text();
    } catch (error) {
      if (!carryOn) return; // the server went away (crash harness)
      countCutOff(tally, error);
      continue;
    }
    const token = `token-${randomUUID()}`;
    const countries = [...form.matchAll(/name="countries" value="(\w\w)" checked/g)].map((m) => m[1]);
    const body = new URLSearchParams({
      title: field(form, "title") || "Load test",
      summary: token,
      area: selected(form, "area") || "strategy",
      proposingParty: selected(form, "proposingParty") || "UZ",
      priority: selected(form, "priority") || "medium",
      leadOrganisation: field(form, "leadOrganisation"),
      targetDate: field(form, "targetDate"),
      version: field(form, "version"),
    });
    for (const c of countries.length ? countries : ["UZ"]) body.append("countries", c);
    const sentAt = Date.now();
    try {
      const res = await fetch(`${base}/proposals/${id}/edit`, {
        method: "POST",
        redirect: "manual",
        headers: { cookie, "Content-Type": "application/x-www-form-urlencoded", Origin: base },
        body: body.toString(),
        signal: carryOn ? AbortSignal.timeout(UNANSWERED_MS) : undefined,
      });
      const text = await res.text();
      tally.saves.push({ sentAt, answeredAt: Date.now(), status: res.status });
      if (res.status === 302) tally.acked.push(token);
      else if (res.status === 409) tally.conflicts++;
      else if (res.status === 503) {
        tally.busy++;
        // The user's input is kept on the page that says "try again".
        if (!text.includes(token)) tally.other["503 without the input"] = (tally.other["503 without the input"] ?? 0) + 1;
      } else {
        if (res.status >= 500) tally.serverErrors++;
        tally.other[`POST ${res.status}`] = (tally.other[`POST ${res.status}`] ?? 0) + 1;
      }
    } catch (error) {
      if (!carryOn) return; // killed mid-request: not acknowledged
      countCutOff(tally, error);
    }
  }
}

/** Tokens whose save was recorded (the audit log is written in the same transaction). */
export async function recordedTokens(database: TestDatabase): Promise<Set<string>> {
  const rows = await withDatabase(
    (db) => db.all<{ changes: string }>(`SELECT "changes" FROM "AuditEvent" WHERE "action" = 'proposal.updated' AND "changes" LIKE '%token-%'`),
    database.target,
  );
  const tokens = new Set<string>();
  for (const r of rows)
    for (const c of JSON.parse(r.changes) as { field: string; to: unknown }[]) if (c.field === "summary" && typeof c.to === "string") tokens.add(c.to);
  return tokens;
}

/** A foreign write lock, as `holdWriteLock` gives it. */
export type ForeignLock = {
  /** When the other process had the lock (Date.now(), on this side). */
  heldAt: number;
  /** Asks the other process to let go; resolves once it has (its ROLLBACK done, it exited). */
  release: () => Promise<void>;
  /** When release was asked for (Date.now()), or null while it is still held. */
  releasedAt: () => number | null;
};

/**
 * Another process takes the write lock and holds it until `release()` is called, or `maxMs` at
 * the most (so a failed test cannot leave it held): on SQLite the file's (BEGIN IMMEDIATE), on
 * PostgreSQL the advisory lock every app write takes first (app/db.server.ts). Resolves once the
 * lock is taken: on a loaded machine the child can take a second to start.
 */
export function holdWriteLock(database: TestDatabase, maxMs = 60_000): Promise<ForeignLock> {
  const [take, letGo] = e2eOnPostgres
    ? [
        `const {Client}=require("pg");const d=new Client({connectionString:${JSON.stringify(database.url)}});` +
          `d.connect().then(()=>d.query("SELECT pg_advisory_lock(${WRITE_LOCK_KEY})")).then(()=>console.log("held"));`,
        `d.end().then(()=>process.exit(0));`,
      ]
    : [
        `const D=require("better-sqlite3");const d=new D(${JSON.stringify(database.target)});d.exec("BEGIN IMMEDIATE");console.log("held");`,
        `if(d.open){d.exec("ROLLBACK");d.close();}process.exit(0);`,
      ];
  return new Promise((resolveHeld, reject) => {
    const child = spawn(
      process.execPath,
      ["-e", `${take}const let_go=()=>{${letGo}};process.stdin.on("data",let_go);process.stdin.on("end",let_go);setTimeout(let_go,${maxMs});`],
      { cwd: ROOT, stdio: ["pipe", "pipe", "inherit"] },
    );
    started.add(child);
    const exited = new Promise<void>((resolve, rejectExit) =>
      child.on("exit", (code) => (code === 0 ? resolve() : rejectExit(new Error(`lock holder exited ${code}`)))),
    );
    let releasedAt: number | null = null;
    child.stdout!.once("data", () =>
      resolveHeld({
        heldAt: Date.now(),
        release: () => {
          releasedAt ??= Date.now();
          child.stdin!.end("release\n");
          return exited;
        },
        releasedAt: () => releasedAt,
      }),
    );
    child.once("exit", (code) => reject(new Error(`lock holder exited ${code} before taking the lock`)));
  });
}

/**
 * The database's own consistency check: SQLite's integrity_check, or on PostgreSQL amcheck's
 * check of every B-tree index of the app's tables (an error names the damaged index).
 */
export function integrity(database: TestDatabase): Promise<string> {
  return withDatabase(async (db) => {
    if (!e2eOnPostgres) return String((await db.all<{ integrity_check: string }>("PRAGMA integrity_check"))[0]!.integrity_check);
    await db.exec("CREATE EXTENSION IF NOT EXISTS amcheck");
    const checked = await db.all(
      `SELECT bt_index_check(c."oid") FROM "pg_index" i JOIN "pg_class" c ON c."oid" = i."indexrelid" JOIN "pg_am" a ON a."oid" = c."relam" ` +
        `WHERE a."amname" = 'btree' AND c."relnamespace" = 'public'::regnamespace`,
    );
    return checked.length > 0 ? "ok" : "no indexes checked";
  }, database.target);
}
