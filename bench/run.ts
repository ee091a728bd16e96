// npm run bench [-- --db sqlite|pg --workers 1,2,4] — starts the production build on the
// benchmark database (npm run bench:data) and measures each target with autocannon at 16
// connections, side by side with a minimal baseline. With --db pg it measures the same data on
// PostgreSQL as well, beside SQLite (copied there once with npm run db:copy); with --workers the
// app runs as that many processes (npm run serve -- --workers N), each count on a fresh copy of
// the data. Prints a table per run and one of throughput per worker count, and writes
// bench/results/latest.json.
import autocannon from "autocannon";
import Database from "better-sqlite3";
import { execFileSync, spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { parseCommandLine, refuse } from "../scripts/args";
import { databaseUrlOn, onPostgresServer, quoteName } from "../tests/support/postgres-server.js";
import { BENCH_DB, RESULTS_FILE } from "./paths";

const USAGE = "npm run bench [-- --db sqlite|pg|sqlite,pg] [--workers 1,2,4]";
const { values } = parseCommandLine(USAGE, { db: { type: "string", default: "sqlite" }, workers: { type: "string", default: "1" } });
const asked = values.db.split(",").map((p) => p.trim());
if (asked.some((p) => p !== "sqlite" && p !== "pg")) refuse(USAGE, `--db takes sqlite, pg or both (sqlite,pg), not '${values.db}'.`);
// PostgreSQL's figures are printed beside SQLite's, on the same data and machine.
const providers = (["sqlite", "pg"] as const).filter((p) => p === "sqlite" || asked.includes(p));
const workerCounts = values.workers.split(",").map((n) => Number(n.trim()));
if (workerCounts.some((n) => !Number.isInteger(n) || n < 1 || n > 16))
  refuse(USAGE, `--workers takes whole numbers from 1 to 16, as in 1,2,4; not '${values.workers}'.`);

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

const benchRows = (file: string) => {
  const conn = new Database(file, { readonly: true });
  try {
    return Number((conn.prepare('SELECT COUNT(*) AS n FROM "AuditEvent"').get() as { n: number }).n);
  } finally {
    conn.close();
  }
};

/** Brings a database to the current migrations (data generated before a migration lacks its tables). */
const migrate = (databaseUrl: string) =>
  execFileSync("node_modules/.bin/prisma", ["migrate", "deploy"], { env: { ...process.env, DATABASE_URL: databaseUrl }, stdio: "ignore" });

/** The benchmark data on PostgreSQL: copied from the SQLite file once, again when that file changed. */
async function preparePostgresData() {
  const pg = (await import("pg")).default;
  const client = new pg.Client({ connectionString: PG_SERVER });
  await client.connect();
  let copied = -1;
  try {
    const exists = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [PG_DATA]);
    if (exists.rowCount) {
      const data = new pg.Client({ connectionString: databaseUrlOn(PG_SERVER, PG_DATA) });
      await data.connect();
      copied = Number((await data.query('SELECT COUNT(*) AS n FROM "AuditEvent"').catch(() => ({ rows: [{ n: -1 }] }))).rows[0].n);
      await data.end();
    }
  } finally {
    await client.end();
  }
  if (copied === benchRows(BENCH_DB)) return migrate(databaseUrlOn(PG_SERVER, PG_DATA));
  console.log(`Copying the benchmark data to PostgreSQL (${PG_DATA}), once…`);
  await onPostgresServer(PG_SERVER, `DROP DATABASE IF EXISTS ${quoteName(PG_DATA)} WITH (FORCE)`, `CREATE DATABASE ${quoteName(PG_DATA)}`);
  execFileSync("node_modules/.bin/tsx", ["scripts/db-copy.ts", "--from", `file:${BENCH_DB}`, "--to", databaseUrlOn(PG_SERVER, PG_DATA), "--migrate"], {
    stdio: "inherit",
  });
}

/** A fresh copy of the data for one run (writes change it), and its DATABASE_URL. */
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

function start(cmd: string[], env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, cmd, { env: { ...process.env, ...env }, stdio: ["ignore", "ignore", "inherit"] });
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

type Figures = { name: string; rps: number; p50: number; p95: number; p99: number; errors: number; peakRssMb: number; statuses: Record<string, number> };

async function load(name: string, pid: number, opts: autocannon.Options): Promise<Figures> {
  const { result, peakRssMb } = await withPeakRss(pid, () => autocannon({ connections: CONNECTIONS, duration: SECONDS, ...opts }));
  const statuses = Object.fromEntries(Object.entries(result.statusCodeStats ?? {}).map(([k, v]) => [k, (v as { count: number }).count]));
  const errors =
    Object.entries(statuses)
      .filter(([code]) => Number(code) >= 400)
      .reduce((s, [, n]) => s + n, 0) +
    result.errors +
    result.timeouts;
  const latency = result.latency as unknown as Record<string, number>;
  return { name, rps: Math.round(result.requests.average), p50: latency.p50, p95: latency.p95 ?? latency.p97_5, p99: latency.p99, errors, peakRssMb, statuses };
}

const appUrl = `http://localhost:${APP_PORT}`;
const baseUrl = `http://localhost:${BASE_PORT}`;
const conn = new Database(BENCH_DB, { readonly: true });
const sampleIds = (conn.prepare("SELECT id FROM Proposal ORDER BY reference LIMIT 500").all() as { id: string }[]).map((r) => r.id);
const movable = conn.prepare("SELECT id, version FROM Proposal WHERE status = 'in_progress' ORDER BY reference").all() as { id: string; version: number }[];
const headSeq = Number((conn.prepare("SELECT MAX(seq) AS s FROM AuditEvent").get() as { s: number }).s);
conn.close();
const deepCursor = headSeq - 50 * 5000; // page 5,001 of the log
const listPath = "/proposals?status=in_progress&area=energy";
let rotation = 0;
const rotate = (paths: string[]): autocannon.Request[] => [{ method: "GET", setupRequest: (req) => ({ ...req, path: paths[rotation++ % paths.length] }) }];

type Run = {
  provider: "sqlite" | "pg";
  workers: number;
  results: Figures[];
  csvExport?: { seconds: number; bytes: number; lines: number; peakRssMb: number };
  jsGzipKb?: number;
  assets?: number;
};

/** One configuration: a fresh copy of the data, the app with `workers` processes, every scenario. */
async function measure(provider: "sqlite" | "pg", workers: number, first: boolean): Promise<Run> {
  const databaseUrl = await freshRunDatabase(provider);
  const app = start(["scripts/serve.js", "--workers", String(workers)], {
    NODE_ENV: "production",
    DATABASE_URL: databaseUrl,
    PORT: String(APP_PORT),
    COOKIE_SECURE: "false",
    SIGNIN_LIMIT_PER_IP: "100000",
    SIGNIN_LIMIT_PER_ACCOUNT: "100000",
  });
  try {
    await waitFor(`${appUrl}/healthz`);
    const login = await fetch(`${appUrl}/login`, {
      method: "POST",
      redirect: "manual",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: appUrl },
      body: "email=manager%40example.org&password=summit-demo",
    });
    const cookie = login.headers.get("set-cookie")!.split(";")[0];
    const headers = { cookie };
    // Warm every process (module caches, page caches) before measuring.
    await autocannon({ url: `${appUrl}${listPath}`, headers, connections: 4 * workers, amount: 200 * workers });
    const pid = app.pid!;
    const label = `${provider === "pg" ? "PostgreSQL" : "SQLite"}, ${workers} process${workers > 1 ? "es" : ""}`;
    console.log(`Measuring on ${label}…`);
    const results: Figures[] = [];
    results.push(await load("list (filtered, 50 rows)", pid, { url: `${appUrl}${listPath}`, headers }));
    results.push(await load("proposal page", pid, { url: appUrl, headers, requests: rotate(sampleIds.map((id) => `/proposals/${id}`)) }));
    results.push(await load("dashboard", pid, { url: `${appUrl}/dashboard`, headers }));
    results.push(await load("audit log, first page", pid, { url: `${appUrl}/audit`, headers }));
    results.push(await load(`audit log, page 5,001 (before=${deepCursor})`, pid, { url: `${appUrl}/audit?before=${deepCursor}`, headers }));
    let w = 0;
    results.push(
      await load("status transitions (writes)", pid, {
        url: appUrl,
        headers: { ...headers, "content-type": "application/x-www-form-urlencoded", origin: appUrl },
        requests: [
          {
            method: "POST",
            setupRequest: (req: autocannon.Request) => {
              const target = movable[w++ % movable.length];
              return { ...req, path: `/proposals/${target.id}`, body: `intent=transition&to=on_hold&note=benchmark&version=${target.version}` };
            },
          },
        ],
      }),
    );
    const run: Run = { provider, workers, results };
    if (workers === 1) {
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
    if (first) {
      // First load: the JavaScript the list page makes the browser fetch, gzipped.
      const html = await (await fetch(`${appUrl}${listPath}`, { headers })).text();
      const assets = [...new Set([...html.matchAll(/(?:src|href)="(\/build\/[^"]+\.js)"/g)].map((m) => m[1]))];
      let jsGzip = 0;
      for (const a of assets) jsGzip += gzipSync(Buffer.from(await (await fetch(`${appUrl}${a}`)).arrayBuffer())).length;
      run.jsGzipKb = +(jsGzip / 1024).toFixed(1);
      run.assets = assets.length;
    }
    return run;
  } finally {
    await stop(app);
  }
}

migrate(`file:${BENCH_DB}`);
if (providers.includes("pg")) await preparePostgresData();
const baseline = start(["bench/baseline-server.js"], { BENCH_DB, PORT: String(BASE_PORT) });
try {
  await waitFor(`${baseUrl}/list`);
  await autocannon({ url: `${baseUrl}/list?status=in_progress&area=energy`, connections: 4, amount: 200 });
  const baseList = await load("baseline: list", baseline.pid!, { url: `${baseUrl}/list?status=in_progress&area=energy` });
  const baseProposal = await load("baseline: proposal page", baseline.pid!, { url: baseUrl, requests: rotate(sampleIds.map((id) => `/proposal/${id}`)) });
  await stop(baseline);

  const runs: Run[] = [];
  for (const provider of providers) for (const workers of workerCounts) runs.push(await measure(provider, workers, runs.length === 0));
  const main = runs[0];
  const byName = (run: Run, n: string) => run.results.find((r) => r.name.startsWith(n))!;
  const report = {
    ranAt: new Date().toISOString(),
    machine: {
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model,
      memoryGb: Math.round(os.totalmem() / 2 ** 30),
      node: process.version,
      platform: `${os.type()} ${os.release()}`,
    },
    settings: { seconds: SECONDS, connections: CONNECTIONS, data: "10,000 proposals, 100,000 milestones, 1,000,000 audit events", providers, workerCounts },
    results: main.results,
    runs,
    baseline: [baseList, baseProposal],
    ratios: {
      list: +(byName(main, "list").rps / baseList.rps).toFixed(3),
      proposal: +(byName(main, "proposal page").rps / baseProposal.rps).toFixed(3),
      deepVsFirstAuditP95: +(byName(main, "audit log, page").p95 / byName(main, "audit log, first").p95).toFixed(3),
    },
    firstLoadJsGzipKb: main.jsGzipKb,
    csvExport: main.csvExport,
    peakRssUnderLoadMb: Math.max(...main.results.map((r) => r.peakRssMb)),
  };
  fs.mkdirSync(path.dirname(RESULTS_FILE), { recursive: true });
  fs.writeFileSync(RESULTS_FILE, JSON.stringify(report, null, 2) + "\n");

  const pad = (s: string | number, n: number) => String(s).padStart(n);
  const runName = (run: Run) => `${run.provider === "pg" ? "PostgreSQL" : "SQLite"} × ${run.workers}`;
  console.log(
    `\nSummit Tracker benchmark — ${report.machine.cpus} × ${report.machine.cpuModel}, ${report.machine.memoryGb} GB, Node ${report.machine.node}; ${CONNECTIONS} connections, ${SECONDS} s each`,
  );
  for (const run of runs) {
    console.log(`\n${runName(run)} process(es); RSS is the sum over the server's processes`);
    console.log(`${"scenario".padEnd(48)}${pad("req/s", 8)}${pad("p50 ms", 8)}${pad("p95 ms", 8)}${pad("p99 ms", 8)}${pad("errors", 8)}${pad("RSS MB", 8)}`);
    for (const r of [...run.results, ...(run === main ? [baseList, baseProposal] : [])]) {
      console.log(`${r.name.padEnd(48)}${pad(r.rps, 8)}${pad(r.p50, 8)}${pad(r.p95, 8)}${pad(r.p99, 8)}${pad(r.errors, 8)}${pad(r.peakRssMb, 8)}`);
    }
    if (run.csvExport) {
      const e = run.csvExport;
      console.log(`CSV export: ${e.lines - 1} events, ${(e.bytes / 2 ** 20).toFixed(0)} MB in ${e.seconds.toFixed(1)} s, server peak RSS ${e.peakRssMb} MB`);
    }
  }
  if (runs.length > 1) {
    console.log(`\nThroughput (req/s) per database and number of app processes`);
    console.log(`${"scenario".padEnd(48)}${runs.map((r) => pad(runName(r), 16)).join("")}`);
    for (const [i, r] of main.results.entries()) console.log(`${r.name.slice(0, 47).padEnd(48)}${runs.map((run) => pad(run.results[i].rps, 16)).join("")}`);
  }
  console.log(`\napp ÷ baseline throughput (${runName(main)}): list ${report.ratios.list}, proposal page ${report.ratios.proposal}`);
  console.log(`deep audit page p95 ÷ first page p95: ${report.ratios.deepVsFirstAuditP95}`);
  console.log(`JavaScript on first load: ${main.jsGzipKb} KB gzipped (${main.assets} files)`);
  console.log(`Server peak RSS under load (${runName(main)}): ${report.peakRssUnderLoadMb} MB`);
  console.log(`Not measured: the database server's own memory and CPU (PostgreSQL runs on the same 2 cores), a network between app and database.`);
  console.log(`Figures written to ${path.relative(process.cwd(), RESULTS_FILE)}`);
} finally {
  await stop(baseline);
}
