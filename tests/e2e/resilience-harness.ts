// Load, lock and crash harness (issue: no lost writes). Each simulated analyst reads a hot
// proposal's edit form, then saves it with the version it read and a unique token in the
// summary. Afterwards every acknowledged token must be in the audit log.
import Database from "better-sqlite3";
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

const ROOT = process.cwd();
export const BUSY_TIMEOUT_MS = 1000;

export type Tally = {
  acked: string[];
  conflicts: number;
  busy: number;
  other: Record<string, number>;
  serverErrors: number;
  /** Every save's status and when it was sent and answered (Date.now()), in the order answered. */
  saves: { sentAt: number; answeredAt: number; status: number }[];
};

export function freshDatabase(name: string): string {
  const file = path.join(ROOT, "tests", ".tmp", `${name}.db`);
  for (const s of ["", "-wal", "-shm"]) fs.rmSync(file + s, { force: true });
  const env = { ...process.env, DATABASE_URL: `file:${file}` };
  for (const [cmd, args] of [
    ["node_modules/.bin/prisma", ["migrate", "deploy"]],
    ["node_modules/.bin/tsx", ["prisma/seed.ts"]],
  ] as const) {
    const r = spawnSync(path.join(ROOT, cmd), [...args], { cwd: ROOT, env, stdio: "ignore" });
    if (r.status !== 0) throw new Error(`${cmd} failed`);
  }
  return file;
}

/** Every server (and lock holder) the harness started, so a test that times out still stops them (afterEach). */
const started = new Set<ChildProcess>();

export function stopAll() {
  for (const child of started) if (child.exitCode === null) child.kill("SIGKILL");
  started.clear();
}

export async function startApp(file: string, port: number): Promise<ChildProcess> {
  // A server left on the port would answer instead of ours, on a database that is gone.
  const stale = await fetch(`http://localhost:${port}/healthz`).then(
    () => true,
    () => false,
  );
  if (stale) throw new Error(`port ${port} is already in use: stop the server left there`);
  const child = spawn(process.execPath, ["server.js"], {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: "production",
      DATABASE_URL: `file:${file}`,
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

export async function signIn(base: string, email = "manager@example.org"): Promise<string> {
  const res = await fetch(`${base}/login`, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: base },
    body: new URLSearchParams({ email, password: "summit-demo" }).toString(),
  });
  return res.headers.get("set-cookie")!.split(";")[0];
}

export function hotProposals(file: string, n = 10): string[] {
  const conn = new Database(file, { readonly: true });
  const ids = (conn.prepare("SELECT id FROM Proposal WHERE historical = 0 ORDER BY reference LIMIT ?").all(n) as { id: string }[]).map((r) => r.id);
  conn.close();
  return ids;
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

/** One simulated analyst: read the form, save it with a token, until the deadline (a time, or a test that says stop). */
export async function analyst(base: string, cookie: string, ids: string[], deadline: number | (() => boolean), tally: Tally) {
  const done = typeof deadline === "number" ? () => Date.now() >= deadline : deadline;
  while (!done()) {
    const id = ids[Math.floor(Math.random() * ids.length)];
    let form: string;
    try {
      const page = await fetch(`${base}/proposals/${id}/edit`, { headers: { cookie } });
      if (page.status >= 500) tally.serverErrors++;
      if (page.status !== 200) {
        tally.other[`GET ${page.status}`] = (tally.other[`GET ${page.status}`] ?? 0) + 1;
        continue;
      }
      form = await page.text();
    } catch {
      return; // the server went away (crash harness)
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
    } catch {
      return; // killed mid-request: not acknowledged
    }
  }
}

/** Tokens whose save was recorded (the audit log is written in the same transaction). */
export function recordedTokens(file: string): Set<string> {
  const conn = new Database(file, { readonly: true });
  const rows = conn.prepare("SELECT changes FROM AuditEvent WHERE action = 'proposal.updated' AND changes LIKE '%token-%'").all() as { changes: string }[];
  conn.close();
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
 * Another process takes the write lock (BEGIN IMMEDIATE) and holds it until `release()` is
 * called, or `maxMs` at the most (so a failed test cannot leave it held). Resolves once the lock
 * is taken: on a loaded machine the child can take a second to start.
 */
export function holdWriteLock(file: string, maxMs = 60_000): Promise<ForeignLock> {
  return new Promise((resolveHeld, reject) => {
    const child = spawn(
      process.execPath,
      [
        "-e",
        `const D=require("better-sqlite3");const d=new D(${JSON.stringify(file)});d.exec("BEGIN IMMEDIATE");console.log("held");` +
          `const let_go=()=>{if(d.open){d.exec("ROLLBACK");d.close();}process.exit(0);};` +
          `process.stdin.on("data",let_go);process.stdin.on("end",let_go);setTimeout(let_go,${maxMs});`,
      ],
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

export function integrity(file: string): string {
  const conn = new Database(file, { readonly: true });
  const r = String(conn.pragma("integrity_check", { simple: true }));
  conn.close();
  return r;
}
