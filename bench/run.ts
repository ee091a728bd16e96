// npm run bench — starts the production build on the benchmark database (npm run bench:data)
// and measures each target with autocannon at 16 connections, side by side with a minimal
// baseline. Prints a table and writes bench/results/latest.json.
import autocannon from "autocannon";
import Database from "better-sqlite3";
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { BENCH_DB, RESULTS_FILE } from "./paths";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = 16;
const APP_PORT = 3300;
const BASE_PORT = 3301;
const RUN_DB = path.resolve("bench/run.db");

if (!fs.existsSync(BENCH_DB)) {
  console.error(`No benchmark database at ${BENCH_DB}: run npm run bench:data first.`);
  process.exit(2);
}
if (!fs.existsSync("build/index.js")) spawnSync("node_modules/.bin/remix", ["build"], { stdio: "inherit" });
// Writes go to a copy, so the generated file stays as generated.
for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(RUN_DB + suffix, { force: true });
fs.copyFileSync(BENCH_DB, RUN_DB);

async function waitFor(url: string) {
  for (let i = 0; i < 200; i++) {
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

/** Samples the server's resident memory while `work` runs; returns the peak in MB. */
async function withPeakRss<T>(pid: number, work: () => Promise<T>): Promise<{ result: T; peakRssMb: number }> {
  let peak = 0;
  const sample = () => {
    try {
      const kb = Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0);
      peak = Math.max(peak, kb / 1024);
    } catch {
      /* gone */
    }
  };
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

const app = start(["server.js"], {
  NODE_ENV: "production",
  DATABASE_URL: `file:${RUN_DB}`,
  PORT: String(APP_PORT),
  COOKIE_SECURE: "false",
  SIGNIN_LIMIT_PER_IP: "100000",
  SIGNIN_LIMIT_PER_ACCOUNT: "100000",
});
const baseline = start(["bench/baseline-server.js"], { BENCH_DB: RUN_DB, PORT: String(BASE_PORT) });
const appUrl = `http://localhost:${APP_PORT}`;
const baseUrl = `http://localhost:${BASE_PORT}`;
try {
  await Promise.all([waitFor(`${appUrl}/healthz`), waitFor(`${baseUrl}/list`)]);
  const login = await fetch(`${appUrl}/login`, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: appUrl },
    body: "email=manager%40example.org&password=summit-demo",
  });
  const cookie = login.headers.get("set-cookie")!.split(";")[0];
  const headers = { cookie };

  const conn = new Database(RUN_DB, { readonly: true });
  const sampleIds = (conn.prepare("SELECT id FROM Proposal ORDER BY reference LIMIT 500").all() as { id: string }[]).map((r) => r.id);
  const movable = conn.prepare("SELECT id, version FROM Proposal WHERE status = 'in_progress' ORDER BY reference").all() as { id: string; version: number }[];
  const headSeq = Number((conn.prepare("SELECT MAX(seq) AS s FROM AuditEvent").get() as { s: number }).s);
  conn.close();
  const deepCursor = headSeq - 50 * 5000; // page 5,001 of the log
  const listPath = "/proposals?status=in_progress&area=energy";
  let i = 0;
  const rotate = (paths: string[]): autocannon.Request[] => [{ method: "GET", setupRequest: (req) => ({ ...req, path: paths[i++ % paths.length] }) }];

  // Warm both servers (module caches, SQLite page cache) before measuring.
  await autocannon({ url: `${appUrl}${listPath}`, headers, connections: 4, amount: 200 });
  await autocannon({ url: `${baseUrl}/list?status=in_progress&area=energy`, connections: 4, amount: 200 });

  const results: Figures[] = [];
  const appPid = app.pid!;
  const basePid = baseline.pid!;
  results.push(await load("list (filtered, 50 rows)", appPid, { url: `${appUrl}${listPath}`, headers }));
  results.push(await load("proposal page", appPid, { url: appUrl, headers, requests: rotate(sampleIds.map((id) => `/proposals/${id}`)) }));
  results.push(await load("dashboard", appPid, { url: `${appUrl}/dashboard`, headers }));
  results.push(await load("audit log, first page", appPid, { url: `${appUrl}/audit`, headers }));
  results.push(await load(`audit log, page 5,001 (before=${deepCursor})`, appPid, { url: `${appUrl}/audit?before=${deepCursor}`, headers }));
  let w = 0;
  results.push(
    await load("status transitions (writes)", appPid, {
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
  const baseList = await load("baseline: list", basePid, { url: `${baseUrl}/list?status=in_progress&area=energy` });
  const baseProposal = await load("baseline: proposal page", basePid, { url: baseUrl, requests: rotate(sampleIds.map((id) => `/proposal/${id}`)) });

  // First load: the JavaScript the list page makes the browser fetch, gzipped.
  const html = await (await fetch(`${appUrl}${listPath}`, { headers })).text();
  const assets = [...new Set([...html.matchAll(/(?:src|href)="(\/build\/[^"]+\.js)"/g)].map((m) => m[1]))];
  let jsGzip = 0;
  for (const a of assets) jsGzip += gzipSync(Buffer.from(await (await fetch(`${appUrl}${a}`)).arrayBuffer())).length;

  // The CSV export of the whole log.
  const exportRun = await withPeakRss(appPid, async () => {
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

  const byName = (n: string) => results.find((r) => r.name.startsWith(n))!;
  const report = {
    ranAt: new Date().toISOString(),
    machine: {
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model,
      memoryGb: Math.round(os.totalmem() / 2 ** 30),
      node: process.version,
      platform: `${os.type()} ${os.release()}`,
    },
    settings: { seconds: SECONDS, connections: CONNECTIONS, data: "10,000 proposals, 100,000 milestones, 1,000,000 audit events" },
    results,
    baseline: [baseList, baseProposal],
    ratios: {
      list: +(byName("list").rps / baseList.rps).toFixed(3),
      proposal: +(byName("proposal page").rps / baseProposal.rps).toFixed(3),
      deepVsFirstAuditP95: +(byName("audit log, page").p95 / byName("audit log, first").p95).toFixed(3),
    },
    firstLoadJsGzipKb: +(jsGzip / 1024).toFixed(1),
    csvExport: { ...exportRun.result, peakRssMb: exportRun.peakRssMb },
    peakRssUnderLoadMb: Math.max(...results.map((r) => r.peakRssMb)),
  };
  fs.mkdirSync(path.dirname(RESULTS_FILE), { recursive: true });
  fs.writeFileSync(RESULTS_FILE, JSON.stringify(report, null, 2) + "\n");

  const pad = (s: string | number, n: number) => String(s).padStart(n);
  console.log(
    `\nSummit Tracker benchmark — ${report.machine.cpus} × ${report.machine.cpuModel}, ${report.machine.memoryGb} GB, Node ${report.machine.node}; ${CONNECTIONS} connections, ${SECONDS} s each`,
  );
  console.log(`${"scenario".padEnd(48)}${pad("req/s", 8)}${pad("p50 ms", 8)}${pad("p95 ms", 8)}${pad("p99 ms", 8)}${pad("errors", 8)}${pad("RSS MB", 8)}`);
  for (const r of [...results, baseList, baseProposal]) {
    console.log(`${r.name.padEnd(48)}${pad(r.rps, 8)}${pad(r.p50, 8)}${pad(r.p95, 8)}${pad(r.p99, 8)}${pad(r.errors, 8)}${pad(r.peakRssMb, 8)}`);
  }
  console.log(`\napp ÷ baseline throughput: list ${report.ratios.list}, proposal page ${report.ratios.proposal}`);
  console.log(`deep audit page p95 ÷ first page p95: ${report.ratios.deepVsFirstAuditP95}`);
  console.log(`JavaScript on first load: ${report.firstLoadJsGzipKb} KB gzipped (${assets.length} files)`);
  console.log(
    `CSV export: ${exportRun.result.lines - 1} events, ${(exportRun.result.bytes / 2 ** 20).toFixed(0)} MB in ${exportRun.result.seconds.toFixed(1)} s, server peak RSS ${exportRun.peakRssMb} MB`,
  );
  console.log(`Server peak RSS under load: ${report.peakRssUnderLoadMb} MB`);
  console.log(`Figures written to ${path.relative(process.cwd(), RESULTS_FILE)}`);
} finally {
  app.kill("SIGTERM");
  baseline.kill("SIGTERM");
}
