// npm run bench [-- --db sqlite|pg|sqlite,pg] [--workers 1,2,4] [--cache off|on|both] [--only list,proposal]
//
// Starts the production build on the benchmark data (npm run bench:data) and measures what users
// do, at 16 connections for BENCH_SECONDS (10) each, side by side with a minimal baseline
// (bench/baseline-server.js) in the same run. The method is docs/decisions/020-benchmark-method.md:
// - every latency of every answer goes into an HDR histogram, so p50/p95/p99 are true
//   percentiles; a request that fails counts as one error (a timeout is one, not two);
// - each read scenario runs with the read cache off (READ_CACHE=off) and on, over many different
//   records, and reports the cache's hit rate and the SQL statements per request, from the
//   app's Server-Timing header (SERVER_TIMING=true);
// - each app start gets a fresh copy of the data (writes change it);
// - with --db pg the same data is measured on PostgreSQL as well (copied there once with
//   npm run db:copy); with --workers the app runs as that many processes (npm run serve).
// - with --against DIR the same scenarios run, in the same run and on the same data, on another
//   checkout's build (a worktree of the commit before a change, built with `npm run build`), and
//   each figure is printed as a ratio of the two: how a lever is measured (decision 020).
// Prints a table per run, the targets of issue 14 met or missed, what it did not measure, and
// writes bench/results/latest.json.
import autocannon from "autocannon";
import Database from "better-sqlite3";
import * as hdr from "hdr-histogram-js";
import { execFileSync, spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { parseCommandLine, refuse } from "../scripts/args";
import { databaseUrlOn, onPostgresServer, quoteName } from "../tests/support/postgres-server.js";
import { BENCH_DB, RESULTS_FILE } from "./paths";
import { WORDS } from "./words";

const USAGE = "npm run bench [-- --db sqlite|pg|sqlite,pg] [--workers 1,2,4] [--cache off|on|both] [--only list,search,proposal,…] [--against DIR]";
const { values } = parseCommandLine(USAGE, {
  db: { type: "string", default: "sqlite" },
  workers: { type: "string", default: "1" },
  cache: { type: "string", default: "both" },
  only: { type: "string", default: "" },
  against: { type: "string", default: "" },
});
/** Another checkout whose build is measured beside this one (--against), or null. */
const againstDir = values.against ? path.resolve(values.against) : null;
if (againstDir && !fs.existsSync(path.join(againstDir, "build", "index.js")))
  refuse(USAGE, `--against needs a built checkout: ${againstDir}/build/index.js is missing (run npm ci and npm run build there).`);
const againstCommit = againstDir ? spawnSync("git", ["-C", againstDir, "rev-parse", "--short", "HEAD"], { encoding: "utf8" }).stdout.trim() || "?" : null;
const asked = values.db.split(",").map((p) => p.trim());
if (asked.some((p) => p !== "sqlite" && p !== "pg")) refuse(USAGE, `--db takes sqlite, pg or both (sqlite,pg), not '${values.db}'.`);
// PostgreSQL's figures are printed beside SQLite's, on the same data and machine.
const providers = (["sqlite", "pg"] as const).filter((p) => p === "sqlite" || asked.includes(p));
const workerCounts = values.workers.split(",").map((n) => Number(n.trim()));
if (workerCounts.some((n) => !Number.isInteger(n) || n < 1 || n > 16))
  refuse(USAGE, `--workers takes whole numbers from 1 to 16, as in 1,2,4; not '${values.workers}'.`);
if (!["off", "on", "both"].includes(values.cache)) refuse(USAGE, `--cache takes off, on or both, not '${values.cache}'.`);
const cacheModes = (values.cache === "both" ? ["off", "on"] : [values.cache]) as ("off" | "on")[];

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = 16;
const APP_PORT = 3300;
const BASE_PORT = 3301;
const RUN_DB = path.resolve("bench/run.db");
/** The PostgreSQL server for --db pg: BENCH_POSTGRES_URL, else TEST_POSTGRES_URL. */
const PG_SERVER = process.env.BENCH_POSTGRES_URL || process.env.TEST_POSTGRES_URL || "";
const PG_DATA = "summit_bench";
const PG_RUN = "summit_bench_run";

if (!fs.existsSync(BENCH_DB)) {
  console.error(`No benchmark database at ${BENCH_DB}: run npm run bench:data first.`);
  process.exit(2);
}
if (providers.includes("pg") && !PG_SERVER) {
  refuse(USAGE, "--db pg needs a PostgreSQL server where it may create databases: set BENCH_POSTGRES_URL (e.g. postgresql://summit@127.0.0.1:5432/postgres).");
}
if (!fs.existsSync("build/index.js")) spawnSync("node_modules/.bin/remix", ["build"], { stdio: "inherit" });

/** Brings a database to the current migrations (data generated before a migration lacks its tables). */
const migrate = (databaseUrl: string) =>
  execFileSync("node_modules/.bin/prisma", ["migrate", "deploy"], { env: { ...process.env, DATABASE_URL: databaseUrl }, stdio: "ignore" });

/** The benchmark data on PostgreSQL: copied from the SQLite file once, again when that file changed. */
async function preparePostgresData() {
  const pg = (await import("pg")).default;
  const client = new pg.Client({ connectionString: PG_SERVER });
  await client.connect();
  let copied = "";
  try {
    const exists = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [PG_DATA]);
    if (exists.rowCount) {
      const data = new pg.Client({ connectionString: databaseUrlOn(PG_SERVER, PG_DATA) });
      await data.connect();
      copied = String((await data.query('SELECT "hash" FROM "AuditEvent" ORDER BY "seq" DESC LIMIT 1').catch(() => ({ rows: [{ hash: "" }] }))).rows[0]?.hash);
      await data.end();
    }
  } finally {
    await client.end();
  }
  // The chain's head identifies the data: regenerated data has another.
  if (copied === headHash) return migrate(databaseUrlOn(PG_SERVER, PG_DATA));
  console.log(`Copying the benchmark data to PostgreSQL (${PG_DATA}), once…`);
  await onPostgresServer(PG_SERVER, `DROP DATABASE IF EXISTS ${quoteName(PG_DATA)} WITH (FORCE)`, `CREATE DATABASE ${quoteName(PG_DATA)}`);
  execFileSync("node_modules/.bin/tsx", ["scripts/db-copy.ts", "--from", `file:${BENCH_DB}`, "--to", databaseUrlOn(PG_SERVER, PG_DATA), "--migrate"], {
    stdio: "inherit",
  });
}

/** A fresh copy of the data for one app start (writes change it), and its DATABASE_URL. */
async function freshRunDatabase(provider: "sqlite" | "pg"): Promise<string> {
  if (provider === "pg") {
    await onPostgresServer(
      PG_SERVER,
      `DROP DATABASE IF EXISTS ${quoteName(PG_RUN)} WITH (FORCE)`,
      `CREATE DATABASE ${quoteName(PG_RUN)} TEMPLATE ${quoteName(PG_DATA)}`,
    );
    return databaseUrlOn(PG_SERVER, PG_RUN);
  }
  for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(RUN_DB + suffix, { force: true });
  fs.copyFileSync(BENCH_DB, RUN_DB);
  return `file:${RUN_DB}`;
}

async function waitFor(url: string) {
  for (let i = 0; i < 300; i++) {
    try {
      if ((await fetch(url)).status < 500) return;
    } catch {
      /* starting */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${url} did not come up`);
}

function start(cmd: string[], env: Record<string, string>, cwd = process.cwd()): ChildProcess {
  return spawn(process.execPath, cmd, { cwd, env: { ...process.env, ...env }, stdio: ["ignore", "ignore", "inherit"] });
}

async function stop(child: ChildProcess) {
  // Gone already: exited (exitCode) or ended by a signal (signalCode; exitCode stays null).
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGTERM");
  await exited;
}

/** Resident memory of a process and all its descendants (the cluster's workers), in kB. */
function treeRssKb(pid: number): number {
  let kb = 0;
  try {
    kb = Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0);
    for (const task of fs.readdirSync(`/proc/${pid}/task`)) {
      const children = fs.readFileSync(`/proc/${pid}/task/${task}/children`, "utf8").trim();
      for (const child of children ? children.split(/\s+/) : []) kb += treeRssKb(Number(child));
    }
  } catch {
    /* gone */
  }
  return kb;
}

/** Samples the server's resident memory (all its processes) while `work` runs; returns the peak in MB. */
async function withPeakRss<T>(pid: number, work: () => Promise<T>): Promise<{ result: T; peakRssMb: number }> {
  let peak = 0;
  const sample = () => void (peak = Math.max(peak, treeRssKb(pid) / 1024));
  sample();
  const timer = setInterval(sample, 50);
  try {
    const result = await work();
    sample();
    return { result, peakRssMb: Math.round(peak) };
  } finally {
    clearInterval(timer);
  }
}

// ---------------------------------------------------------------------------------------------
// What the scenarios ask for: many different records, in a fixed order so runs compare.

type Ask = { method: "GET" | "POST"; path: string; body?: string };
type Movable = { id: string; version: number; status: "in_progress" | "on_hold" };

const conn = new Database(BENCH_DB, { readonly: true });
// Proposal ids are hashes, so their order is unrelated to reference, summit or status.
const everyProposal = (conn.prepare("SELECT id FROM Proposal ORDER BY id").all() as { id: string }[]).map((r) => r.id);
const HISTORY_HIDDEN = "'auth.forbidden', 'proposal.watched', 'proposal.unwatched'";
const withHundred = (
  conn
    .prepare(
      `SELECT proposalId AS id FROM AuditEvent WHERE proposalId IS NOT NULL AND action NOT IN (${HISTORY_HIDDEN})
       GROUP BY proposalId HAVING COUNT(*) BETWEEN 95 AND 105 ORDER BY proposalId`,
    )
    .all() as { id: string }[]
).map((r) => r.id);
const movableRows = conn.prepare("SELECT id, version FROM Proposal WHERE status = 'in_progress' ORDER BY id").all() as { id: string; version: number }[];
const headRow = conn.prepare("SELECT seq, hash FROM AuditEvent ORDER BY seq DESC LIMIT 1").get() as { seq: number; hash: string };
const filterCounts = conn.prepare("SELECT status, area, COUNT(*) AS n FROM Proposal GROUP BY status, area").all() as {
  status: string;
  area: string;
  n: number;
}[];
conn.close();
const headSeq = Number(headRow.seq);
const headHash = headRow.hash;

// Every status × area filter, and its second page where it has one.
const filters = filterCounts.flatMap(({ status, area, n }) => [1, ...(n > 50 ? [2] : [])].map((page) => ({ status, area, page })));
const listPaths = filters.map((f) => `/proposals?status=${f.status}&area=${f.area}${f.page > 1 ? `&page=${f.page}` : ""}`);
const baseListPaths = filters.map((f) => `/list?status=${f.status}&area=${f.area}&page=${f.page}`);
// Every word alone and every ordered pair of different words: 18 + 306 searches.
const searches = [...WORDS, ...WORDS.flatMap((a) => WORDS.filter((b) => b !== a).map((b) => `${a} ${b}`))];
// 200 audit pages spread over the whole log, from near its head to its first events.
const cursors = Array.from({ length: 200 }, (_, i) => Math.round(headSeq - 50 - (i * (headSeq - 100)) / 199));
const deepest = cursors[cursors.length - 1];

/** The items in turn, from `start` (the warm-up starts half-way, so it does not warm what is measured first). */
const cycle = <T>(xs: readonly T[], start = 0) => {
  let i = start;
  return () => xs[i++ % xs.length];
};

type Scenario = {
  key: string;
  name: string;
  /** Changes data: measured with the cache on only (the default configuration). */
  writes?: boolean;
  app: (start?: number) => () => Ask;
  baseline?: () => () => string;
};

const get = (next: () => string) => () => () => ({ method: "GET" as const, path: next() });
const getting =
  (paths: readonly string[]) =>
  (start = 0) => {
    const next = cycle(paths, Math.floor(start * paths.length));
    return () => ({ method: "GET" as const, path: next() });
  };

/**
 * The write pool of one app start: in-progress proposals, each put on hold and resumed in turn.
 * A proposal moves on only when its transition is acknowledged (a 302 back to it), so a write
 * refused or cut off is sent again with the same version when the pool comes round to it.
 */
const pool = new Map<string, Movable>();
function writePool(): () => Ask {
  pool.clear();
  for (const r of movableRows) pool.set(r.id, { id: r.id, version: r.version, status: "in_progress" });
  const next = cycle([...pool.values()]);
  return () => {
    const target = next();
    const to = target.status === "in_progress" ? "on_hold" : "in_progress";
    return { method: "POST", path: `/proposals/${target.id}`, body: `intent=transition&to=${to}&note=benchmark&version=${target.version}` };
  };
}
let writes: () => Ask = writePool();

const READS: Scenario[] = [
  {
    key: "list",
    name: `list, filtered (${listPaths.length} status × area pages)`,
    app: getting(listPaths),
    baseline: () => cycle(baseListPaths),
  },
  {
    key: "search",
    name: `list, text search (${searches.length} queries)`,
    app: getting(searches.map((q) => `/proposals?q=${encodeURIComponent(q)}`)),
    baseline: () => cycle(searches.map((q) => `/list?q=${encodeURIComponent(q)}`)),
  },
  {
    key: "proposal",
    name: `proposal page (all ${everyProposal.length.toLocaleString("en")})`,
    app: getting(everyProposal.map((id) => `/proposals/${id}`)),
    baseline: () => cycle(everyProposal.map((id) => `/proposal/${id}`)),
  },
  {
    key: "proposal100",
    name: `proposal page, ~100 history events (${withHundred.length})`,
    app: getting(withHundred.map((id) => `/proposals/${id}`)),
    baseline: () => cycle(withHundred.map((id) => `/proposal/${id}`)),
  },
  { key: "dashboard", name: "dashboard", app: get(() => "/dashboard") },
  { key: "audit", name: "audit log, first page", app: get(() => "/audit"), baseline: () => () => "/audit" },
  {
    key: "auditDeep",
    name: `audit log, 200 pages down to before=${deepest}`,
    app: getting(cursors.map((c) => `/audit?before=${c}`)),
    baseline: () => cycle(cursors.map((c) => `/audit?before=${c}`)),
  },
];
const MIXED: Scenario = {
  key: "mixed",
  name: "mixed: 90 % of the reads above, 10 % writes",
  writes: true,
  app: () => {
    const readers = READS.map((s) => s.app());
    // Weighted as people use it: lists and proposal pages most.
    const pattern = [0, 2, 0, 2, 1, 2, 3, 4, 5, 0, 2, 6, 2, 0, 3, 1, 2, 4].map((i) => readers[i]);
    const nextReader = cycle(pattern);
    let n = 0;
    return () => (n++ % 10 === 9 ? writes() : nextReader()());
  },
};
const WRITES: Scenario = { key: "writes", name: "status transitions (writes)", writes: true, app: () => () => writes() };
const only = values.only ? values.only.split(",").map((s) => s.trim()) : [];
const known = [...READS, MIXED, WRITES].map((s) => s.key);
if (only.some((k) => !known.includes(k))) refuse(USAGE, `--only takes scenario keys: ${known.join(", ")}.`);
const chosen = (s: Scenario) => only.length === 0 || only.includes(s.key);

// ---------------------------------------------------------------------------------------------
// Measuring one scenario.

type Figures = {
  key: string;
  provider: "sqlite" | "pg";
  name: string;
  cache: "off" | "on" | "-";
  requests: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  errors: number;
  timeouts: number;
  statuses: Record<string, number>;
  hitRate: number | null;
  statementsPerRequest: number | null;
  /** The time the statements ran on the app's thread, per request: all of SQLite's work; PostgreSQL's runs in its server. */
  sqlMsPerRequest: number | null;
  /** The time from sending each statement to its answer, summed (statements run side by side overlap). */
  sqlAnswerMsPerRequest: number | null;
  peakRssMb: number;
  ratio?: number;
  /** req/s over the --against build's, same scenario and configuration. */
  vsBefore?: number;
};

const ms = (us: number) => +(us / 1000).toFixed(1);

async function load(
  scenario: { key: string; name: string },
  provider: Figures["provider"],
  cache: Figures["cache"],
  pid: number,
  url: string,
  next: () => Ask,
  headers: Record<string, string> = {},
): Promise<Figures> {
  // Microseconds, 1 µs to 120 s, three significant digits.
  const histogram = hdr.build({ lowestDiscernibleValue: 1, highestTrackableValue: 120_000_000, numberOfSignificantValueDigits: 3 });
  const statuses: Record<string, number> = {};
  let failed = 0;
  const timing = { hits: 0, misses: 0, statements: 0, sqlMs: 0, answerMs: 0, reported: 0 };
  // autocannon calls onResponse (status, headers) and then, synchronously for the same answer,
  // its client's "response" event (status, latency): the verdict passes from one to the other.
  let answerOk = false;
  const onResponse = (status: number, _body: string, _context: object, responseHeaders: Record<string, string | string[]>) => {
    const header = (name: string) => {
      const key = Object.keys(responseHeaders).find((h) => h.toLowerCase() === name);
      return String(key ? responseHeaders[key] : "");
    };
    // A page is a 200; a write is a 302 back to its proposal, which then moves on.
    const moved = status === 302 ? /^\/proposals\/(\w+)$/.exec(header("location")) : null;
    answerOk = status === 200 || Boolean(moved);
    const target = moved ? pool.get(moved[1]) : undefined;
    if (target) {
      target.status = target.status === "in_progress" ? "on_hold" : "in_progress";
      target.version++;
    }
    const value = header("server-timing");
    const st = /statements=(\d+)/.exec(value);
    const cached = /hits=(\d+) misses=(\d+)/.exec(value);
    const sql = /db;dur=([\d.]+)/.exec(value);
    const answer = /db-answer;dur=([\d.]+)/.exec(value);
    if (!st || !cached || !sql || !answer) return;
    timing.reported++;
    timing.statements += Number(st[1]);
    timing.sqlMs += Number(sql[1]);
    timing.answerMs += Number(answer[1]);
    timing.hits += Number(cached[1]);
    timing.misses += Number(cached[2]);
  };
  const { result, peakRssMb } = await withPeakRss(pid, () =>
    autocannon({
      url,
      connections: CONNECTIONS,
      duration: SECONDS,
      requests: [
        {
          setupRequest: (req) => {
            const ask = next();
            return {
              ...req,
              method: ask.method,
              path: ask.path,
              body: ask.body,
              headers: ask.body ? { ...headers, "content-type": "application/x-www-form-urlencoded", origin: url } : headers,
              onResponse: onResponse as never,
            };
          },
          onResponse: onResponse as never,
        },
      ],
      setupClient: (client) => {
        client.on("response", (status: number, _bytes: number, responseTime: number) => {
          statuses[status] = (statuses[status] ?? 0) + 1;
          // Throughput and latency are of answers that did what was asked; the rest are errors.
          if (answerOk) histogram.recordValue(Math.max(1, Math.round(responseTime * 1000)));
          else failed++;
          answerOk = false;
        });
      },
    }),
  );
  const answered = histogram.totalCount;
  const figures: Figures = {
    key: scenario.key,
    provider,
    name: scenario.name,
    cache,
    requests: answered,
    rps: Math.round(answered / result.duration),
    p50: ms(histogram.getValueAtPercentile(50)),
    p95: ms(Math.min(histogram.maxValue, histogram.getValueAtPercentile(95))),
    p99: ms(Math.min(histogram.maxValue, histogram.getValueAtPercentile(99))),
    max: ms(histogram.maxValue),
    // Answers that were not a 200 page or an acknowledged write, and failed requests: autocannon
    // counts a timeout in both `errors` and `timeouts`, so `errors` alone counts it once.
    errors: failed + result.errors,
    timeouts: result.timeouts,
    statuses,
    hitRate: timing.hits + timing.misses > 0 ? +(timing.hits / (timing.hits + timing.misses)).toFixed(3) : null,
    statementsPerRequest: timing.reported ? +(timing.statements / timing.reported).toFixed(1) : null,
    sqlMsPerRequest: timing.reported ? +(timing.sqlMs / timing.reported).toFixed(1) : null,
    sqlAnswerMsPerRequest: timing.reported ? +(timing.answerMs / timing.reported).toFixed(1) : null,
    peakRssMb,
  };
  histogram.destroy();
  return figures;
}

// ---------------------------------------------------------------------------------------------
// One configuration: a database, a number of processes, each cache mode on a fresh copy.

const appUrl = `http://localhost:${APP_PORT}`;
const baseUrl = `http://localhost:${BASE_PORT}`;

type Run = {
  provider: "sqlite" | "pg";
  workers: number;
  /** The other checkout's commit for an --against run; null for this build. */
  build: string | null;
  results: Figures[];
  csvExport?: { seconds: number; bytes: number; lines: number; peakRssMb: number };
  jsGzipKb?: number;
  assets?: number;
};

/**
 * Waits until the server has worked off what the last scenario left in flight (a slow page can
 * leave seconds of queued work after the load generator stops), so it is not charged to the next.
 */
async function drained() {
  for (let quick = 0, i = 0; quick < 3; i++) {
    if (i === 600) return console.warn("  (the server was still busy 60 s after the scenario ended; the next one starts anyway)");
    const t0 = performance.now();
    const ok = await fetch(`${appUrl}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    quick = ok && performance.now() - t0 < 50 ? quick + 1 : 0;
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function startApp(provider: "sqlite" | "pg", workers: number, cache: "off" | "on", appDir: string) {
  const databaseUrl = await freshRunDatabase(provider);
  const app = start(
    ["scripts/serve.js", "--workers", String(workers)],
    {
      NODE_ENV: "production",
      DATABASE_URL: databaseUrl,
      PORT: String(APP_PORT),
      COOKIE_SECURE: "false",
      READ_CACHE: cache,
      SERVER_TIMING: "true",
      SIGNIN_LIMIT_PER_IP: "100000",
      SIGNIN_LIMIT_PER_ACCOUNT: "100000",
    },
    appDir,
  );
  await waitFor(`${appUrl}/healthz`);
  const login = await fetch(`${appUrl}/login`, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: appUrl },
    body: "email=manager%40example.org&password=summit-demo",
  });
  const cookie = login.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .find((c) => c.startsWith("st_session="));
  if (login.status !== 302 || !cookie) throw new Error(`Signing in to the app failed (${login.status}).`);
  return { app, headers: { cookie } };
}

async function measure(provider: "sqlite" | "pg", workers: number, first: boolean, build: string | null = null): Promise<Run> {
  const run: Run = { provider, workers, build, results: [] };
  const label = `${build ? `the build of ${build}, ` : ""}${provider === "pg" ? "PostgreSQL" : "SQLite"}, ${workers} process${workers > 1 ? "es" : ""}`;
  for (const cache of cacheModes) {
    writes = writePool();
    const { app, headers } = await startApp(provider, workers, cache, build ? againstDir! : process.cwd());
    try {
      const pid = app.pid!;
      // Warm every process (module caches, JIT) on pages nobody measures first.
      const warm = READS.map((s) => s.app(0.5));
      let w = 0;
      await autocannon({
        url: appUrl,
        headers,
        connections: 4 * workers,
        amount: 300 * workers,
        requests: [{ setupRequest: (req) => ({ ...req, path: warm[w++ % warm.length]().path }) }],
      });
      console.log(`Measuring on ${label}, read cache ${cache}…`);
      for (const scenario of [...READS, MIXED, WRITES].filter(chosen)) {
        if (scenario.writes && cache === "off" && scenario !== MIXED) continue;
        run.results.push(await load(scenario, provider, cache, pid, appUrl, scenario.app(), headers));
        await drained();
      }
      if (workers === 1 && cache === "on" && only.length === 0 && !build) {
        // The CSV export of the whole log, once per database.
        const exportRun = await withPeakRss(pid, async () => {
          const t0 = Date.now();
          const res = await fetch(`${appUrl}/audit/export?format=csv`, { headers });
          let bytes = 0;
          let lines = 0;
          for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
            bytes += chunk.length;
            for (const b of chunk) if (b === 10) lines++;
          }
          return { seconds: (Date.now() - t0) / 1000, bytes, lines };
        });
        run.csvExport = { ...exportRun.result, peakRssMb: exportRun.peakRssMb };
      }
      if (first && run.jsGzipKb === undefined) {
        // First load: the JavaScript the list page makes the browser fetch, gzipped.
        const html = await (await fetch(`${appUrl}${listPaths[0]}`, { headers })).text();
        const assets = [...new Set([...html.matchAll(/(?:src|href)="(\/build\/[^"]+\.js)"/g)].map((m) => m[1]))];
        let jsGzip = 0;
        for (const a of assets) jsGzip += gzipSync(Buffer.from(await (await fetch(`${appUrl}${a}`)).arrayBuffer())).length;
        run.jsGzipKb = +(jsGzip / 1024).toFixed(1);
        run.assets = assets.length;
      }
    } finally {
      await stop(app);
    }
  }
  return run;
}

// ---------------------------------------------------------------------------------------------

migrate(`file:${BENCH_DB}`);
if (providers.includes("pg")) await preparePostgresData();

const baseline = start(["bench/baseline-server.js"], { BENCH_DB, PORT: String(BASE_PORT) });
const baselineFigures: Figures[] = [];
try {
  await waitFor(`${baseUrl}/audit`);
  await autocannon({ url: `${baseUrl}${baseListPaths[0]}`, connections: 4, amount: 300 });
  console.log("Measuring the baseline…");
  for (const scenario of READS.filter((s) => s.baseline && chosen(s))) {
    baselineFigures.push(
      await load({ key: scenario.key, name: `baseline: ${scenario.name}` }, "sqlite", "-", baseline.pid!, baseUrl, get(scenario.baseline!())()),
    );
  }
} finally {
  await stop(baseline);
}

const runs: Run[] = [];
const before: Run[] = [];
// Alternating this build and the other, configuration by configuration, so that a drift of the
// machine over the run falls on both alike.
for (const provider of providers)
  for (const workers of workerCounts) {
    runs.push(await measure(provider, workers, runs.length === 0));
    if (againstCommit) before.push(await measure(provider, workers, false, againstCommit));
  }
for (const [i, run] of before.entries())
  for (const r of runs[i].results) {
    const old = run.results.find((x) => x.key === r.key && x.cache === r.cache);
    if (old?.rps) r.vsBefore = +(r.rps / old.rps).toFixed(2);
  }
for (const run of runs)
  for (const r of run.results) {
    const base = baselineFigures.find((b) => b.key === r.key);
    if (base) r.ratio = +(r.rps / base.rps).toFixed(3);
  }

// The targets of issue 14 (2 cores, 16 connections, the benchmark data), for each run.
type Verdict = { target: string; figure: string; met: boolean };
function verdicts(run: Run): Verdict[] {
  const out: Verdict[] = [];
  const find = (key: string, cache: string) => run.results.find((r) => r.key === key && r.cache === cache);
  for (const key of ["list", "proposal", "audit", "auditDeep"]) {
    const r = find(key, "off");
    if (r) out.push({ target: `${r.name}, uncached: ≥ 400 req/s, p95 ≤ 40 ms`, figure: `${r.rps} req/s, p95 ${r.p95} ms`, met: r.rps >= 400 && r.p95 <= 40 });
  }
  const w = find("writes", "on");
  if (w) out.push({ target: "writes: ≥ 200/s, p95 ≤ 60 ms", figure: `${w.rps}/s, p95 ${w.p95} ms`, met: w.rps >= 200 && w.p95 <= 60 });
  const rss = Math.max(...run.results.map((r) => r.peakRssMb));
  out.push({ target: "server RSS under load ≤ 250 MB", figure: `${rss} MB`, met: rss <= 250 });
  const list = find("list", "off");
  if (list?.ratio !== undefined) out.push({ target: "app ÷ baseline on the list ≥ 0.33", figure: String(list.ratio), met: list.ratio >= 0.33 });
  return out;
}

const NOT_MEASURED = [
  "the database server's own CPU and memory (PostgreSQL runs on the same 2 cores as the app and the load generator)",
  "a network between browser, app and database (all on localhost)",
  "the load generator's own CPU: autocannon shares the 2 cores with the server",
  "open-loop arrivals: 16 connections each wait for an answer before asking again, so latencies are those of a closed loop",
  "the browser's work: rendering, hydration, and the JavaScript it downloads beyond the first-load figure",
  "compression: the load generator sends no Accept-Encoding, so no answer is gzipped (a browser asks for it, and the server then spends CPU on it)",
  "the public portal (it does not exist yet: issue 19)",
];

const main = runs[0];
const report = {
  ranAt: new Date().toISOString(),
  machine: {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model,
    memoryGb: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    platform: `${os.type()} ${os.release()}`,
  },
  settings: { seconds: SECONDS, connections: CONNECTIONS, providers, workerCounts, cacheModes, only },
  data: { proposals: everyProposal.length, auditEvents: headSeq, proposalsWithAboutHundredEvents: withHundred.length },
  baseline: baselineFigures,
  runs: runs.map((run) => ({ ...run, targets: verdicts(run) })),
  against: againstCommit ? { dir: againstDir, commit: againstCommit, runs: before } : null,
  firstLoadJsGzipKb: main.jsGzipKb,
  notMeasured: NOT_MEASURED,
};
fs.mkdirSync(path.dirname(RESULTS_FILE), { recursive: true });
fs.writeFileSync(RESULTS_FILE, JSON.stringify(report, null, 2) + "\n");

const pad = (s: string | number | null | undefined, n: number) => String(s ?? "–").padStart(n);
const runName = (run: Run) => `${run.provider === "pg" ? "PostgreSQL" : "SQLite"} × ${run.workers}`;
const header = `${"scenario".padEnd(52)}${pad("cache", 6)}${pad("req/s", 7)}${pad("p50", 7)}${pad("p95", 7)}${pad("p99", 7)}${pad("max", 8)}${pad("errors", 8)}${pad("hit %", 7)}${pad("SQL/req", 8)}${pad("SQL ms", 8)}${pad("RSS MB", 8)}${pad("÷ base", 8)}${againstCommit ? pad("÷ before", 10) : ""}`;
const sqlMs = (r: Figures) => (r.provider === "pg" ? r.sqlAnswerMsPerRequest : r.sqlMsPerRequest);
const line = (r: Figures) =>
  `${r.name.slice(0, 51).padEnd(52)}${pad(r.cache, 6)}${pad(r.rps, 7)}${pad(r.p50, 7)}${pad(r.p95, 7)}${pad(r.p99, 7)}${pad(r.max, 8)}${pad(r.timeouts ? `${r.errors}(${r.timeouts}t)` : r.errors, 8)}${pad(r.hitRate === null ? null : Math.round(r.hitRate * 100), 7)}${pad(r.statementsPerRequest, 8)}${pad(sqlMs(r), 8)}${pad(r.peakRssMb, 8)}${pad(r.ratio, 8)}${againstCommit ? pad(r.vsBefore, 10) : ""}`;

console.log(
  `\nSummit Tracker benchmark — ${report.machine.cpus} × ${report.machine.cpuModel}, ${report.machine.memoryGb} GB, Node ${report.machine.node}; ${CONNECTIONS} connections, ${SECONDS} s each`,
);
console.log(
  `Data: ${everyProposal.length.toLocaleString("en")} proposals, ${headSeq.toLocaleString("en")} audit events (npm run bench:data prints its distribution). Latencies in ms, true percentiles over every answer; errors are refusals (≥ 400) and failed requests, timeouts (t) among them. SQL ms: on SQLite the time statements ran on the app's thread; on PostgreSQL the time from sending each to its answer, summed, waiting for a pooled connection included.`,
);
console.log(`\nBaseline (better-sqlite3 + node:http, plain HTML, no session, one process)`);
console.log(header);
for (const b of baselineFigures) console.log(line(b));
for (const run of [...runs, ...before]) {
  const also = againstCommit && !run.build ? `; ÷ before is req/s over the build of ${againstCommit}'s` : "";
  console.log(
    `\n${run.build ? `The build of ${run.build} (--against), ` : ""}${runName(run)} process(es); RSS is the sum over the server's processes; ÷ base is req/s over the baseline's${also}`,
  );
  console.log(header);
  for (const r of run.results) console.log(line(r));
  if (run.csvExport) {
    const e = run.csvExport;
    console.log(`CSV export: ${e.lines - 1} events, ${(e.bytes / 2 ** 20).toFixed(0)} MB in ${e.seconds.toFixed(1)} s, server peak RSS ${e.peakRssMb} MB`);
  }
  console.log(`Targets (issue 14):`);
  for (const v of verdicts(run)) console.log(`  ${v.met ? "met   " : "MISSED"} ${v.target}: ${v.figure}`);
  if (verdicts(run).some((v) => !v.met))
    console.log(`  What bounds each missed target, from the profile, and what was tried: docs/decisions/020-benchmark-method.md ("Levers tried").`);
}
if (runs.length > 1) {
  console.log(`\nThroughput (req/s) per database and number of app processes`);
  console.log(`${"scenario".padEnd(52)}${pad("cache", 6)}${runs.map((r) => pad(runName(r), 16)).join("")}`);
  for (const r of main.results)
    console.log(
      `${r.name.slice(0, 51).padEnd(52)}${pad(r.cache, 6)}${runs.map((run) => pad(run.results.find((x) => x.key === r.key && x.cache === r.cache)?.rps, 16)).join("")}`,
    );
}
console.log(`\nJavaScript on first load: ${main.jsGzipKb} KB gzipped (${main.assets} files)`);
console.log(`Not measured:\n${NOT_MEASURED.map((n) => `  - ${n}`).join("\n")}`);
console.log(`Figures written to ${path.relative(process.cwd(), RESULTS_FILE)}`);
