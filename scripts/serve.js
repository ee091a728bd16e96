// `npm run serve [-- --workers N]`: the production server (server.js) in one process, or in N
// worker processes on one port under node:cluster (docs/decisions/019-several-processes.md).
// The primary only forks, watches and stops the workers: it opens no database and serves nothing.
// Everything an answer depends on lives in the database (sessions, sign-in limits, form tokens,
// the audit chain, the read cache's version), so any worker may answer any request.
import cluster from "node:cluster";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";

const USAGE = "npm run serve [-- --workers N]   (N from 1 to 64; default WEB_WORKERS, else 1)";
const MAX_WORKERS = 64;
/** A restarted worker waits this long at first; a worker that dies young doubles it, up to the cap. */
const FIRST_BACKOFF_MS = 250;
const MAX_BACKOFF_MS = 30_000;
/** A worker that lived this long is taken as healthy: the next restart waits FIRST_BACKOFF_MS again. */
const HEALTHY_AFTER_MS = 10_000;
/** How long the workers get to finish their requests after SIGTERM before the primary stops waiting. */
const SHUTDOWN_GRACE_MS = 10_000;

function refuse(problem) {
  console.error(problem);
  console.error(`Usage: ${USAGE}`);
  process.exit(2);
}

/** The number of workers from `--workers` or WEB_WORKERS: a whole number from 1 to 64, else exit 2. */
function workerCount() {
  let values;
  try {
    ({ values } = parseArgs({ args: process.argv.slice(2), options: { workers: { type: "string" }, help: { type: "boolean", short: "h" } }, strict: true }));
  } catch (error) {
    refuse(String(error.message ?? error));
  }
  if (values.help) {
    console.log(`Usage: ${USAGE}`);
    process.exit(0);
  }
  const [given, from] = values.workers !== undefined ? [values.workers, "--workers"] : [process.env.WEB_WORKERS || "1", "WEB_WORKERS"];
  if (!/^[1-9][0-9]*$/.test(given) || Number(given) > MAX_WORKERS) refuse(`${from} must be a whole number from 1 to ${MAX_WORKERS}, not "${given}".`);
  return Number(given);
}

const workers = workerCount();
const server = path.join(path.dirname(new URL(import.meta.url).pathname), "..", "server.js");

if (workers === 1) {
  // Today's single process, unchanged: no cluster, server.js in this very process (which takes no
  // arguments of its own).
  process.argv.splice(2);
  await import(pathToFileURL(server).href);
} else {
  runPrimary(workers);
}

function runPrimary(count) {
  // The flash-message cookie is signed with SESSION_SECRET, random per process when unset: one
  // worker would refuse another's cookie. The workers get one secret, made here, instead.
  const env = { SESSION_SECRET: process.env.SESSION_SECRET || randomBytes(32).toString("hex") };
  // The workers accept connections from the shared socket themselves (SCHED_NONE), rather than the
  // primary accepting and handing each over (round robin, Linux's default). In round robin a
  // connection handed to a worker that dies before taking it stays open in the primary with
  // nobody to answer it: the client hangs (nodejs/node-v0.x-archive#7006, nodejs/node#21746; seen
  // here: 2 requests left unanswered while workers were killed). From the shared socket, a
  // connection a dead worker never accepted waits in the queue for a live one.
  cluster.schedulingPolicy = cluster.SCHED_NONE;
  cluster.setupPrimary({ exec: server, args: [] });
  let stopping = false;
  let listened = false;
  let backoff = FIRST_BACKOFF_MS;
  const started = new Map();

  const fork = (index) => {
    const worker = cluster.fork({ ...env, WORKER_INDEX: String(index) });
    started.set(worker.id, { index, at: Date.now() });
    return worker;
  };

  // A storage fault (or its end) one worker meets is every worker's: the database is one
  // (app/lib/storage.server.ts, notePeerStorageEvent). The last one is kept, so a worker started
  // during a fault (a restart) learns of it as soon as it listens.
  let lastStorageEvent = null;
  cluster.on("listening", (worker) => {
    listened = true;
    if (lastStorageEvent?.event === "fault" && worker.isConnected()) worker.send(lastStorageEvent);
  });
  cluster.on("message", (from, message) => {
    if (message?.summit !== "storage") return;
    lastStorageEvent = message;
    for (const worker of Object.values(cluster.workers ?? {})) if (worker && worker !== from && worker.isConnected()) worker.send(message);
  });
  cluster.on("exit", (worker, code, signal) => {
    const { index, at } = started.get(worker.id);
    started.delete(worker.id);
    if (stopping) {
      // Exit 0 after SIGTERM/SIGINT, or the failed worker's code when stopping for it.
      if (started.size === 0) process.exit();
      return;
    }
    const how = signal ? `signal ${signal}` : `code ${code}`;
    if (!listened) {
      // No worker has ever served: the same fault (a missing build, a port in use) would stop every
      // restart too. Stop with it rather than loop.
      console.error(`[cluster] worker ${index} (pid ${worker.process.pid}) exited with ${how} before any worker was listening; stopping.`);
      stopping = true;
      for (const other of Object.values(cluster.workers ?? {})) other?.kill("SIGTERM");
      process.exitCode = code || 1;
      if (started.size === 0) process.exit();
      return;
    }
    backoff = Date.now() - at >= HEALTHY_AFTER_MS ? FIRST_BACKOFF_MS : Math.min(backoff * 2, MAX_BACKOFF_MS);
    console.error(`[cluster] worker ${index} (pid ${worker.process.pid}) exited with ${how}; restarting it in ${backoff} ms.`);
    setTimeout(() => {
      if (stopping) return;
      const next = fork(index);
      console.log(`[cluster] worker ${index} restarted as pid ${next.process.pid}.`);
    }, backoff);
  });

  const stop = (signal) => {
    if (stopping) return;
    stopping = true;
    console.log(`[cluster] ${signal}: stopping ${started.size} worker(s).`);
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill("SIGTERM");
    if (started.size === 0) process.exit(0);
    setTimeout(() => {
      console.error(`[cluster] workers still running after ${SHUTDOWN_GRACE_MS / 1000} s; ending them.`);
      for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill("SIGKILL");
      process.exit(1);
    }, SHUTDOWN_GRACE_MS).unref();
  };
  process.on("SIGTERM", () => stop("SIGTERM"));
  process.on("SIGINT", () => stop("SIGINT"));

  console.log(`[cluster] primary pid ${process.pid}: starting ${count} workers.`);
  for (let i = 1; i <= count; i++) fork(i);
}
