// No lost writes under load, under a foreign write lock, and across SIGKILLs. Shortened here;
// `npm run test:resilience` runs the full lengths (60 s of load, 50 kills).
import { expect, test } from "@playwright/test";
import { verifyChain } from "../../app/modules/audit/verify.server";
import { sidePort, withDatabase } from "./support-server";
import {
  analyst,
  BUSY_TIMEOUT_MS,
  freshDatabase,
  holdWriteLock,
  hotProposals,
  integrity,
  recordedTokens,
  signIn,
  startApp,
  stopAll,
  workerPids,
  workersUp,
  type TestDatabase,
  type Tally,
} from "./resilience-harness";

test.afterEach(() => stopAll());

const FULL = process.env.FULL_RESILIENCE === "1";
const LOAD_SECONDS = FULL ? 60 : 6;
const KILLS = FULL ? 50 : 4;
const ANALYSTS = 20;
/** App processes in the several-process test (issue 13's load proof: 4, with FULL_RESILIENCE=1). */
const WORKERS = FULL ? 4 : 2;
/** Workers killed, one at a time, during that test's load. */
const WORKER_KILLS = FULL ? 10 : 2;
function ageSessions(database: TestDatabase) {
  return withDatabase((db) => db.run(`UPDATE "Session" SET "lastSeenAt" = ?`, new Date(Date.now() - 5 * 60_000)), database.target);
}
const newTally = (): Tally => ({ acked: [], conflicts: 0, busy: 0, other: {}, serverErrors: 0, saves: [] });
/** Saves sent after the foreign lock was taken and answered before it was let go: they met it. */
const LOCKED_SAVES = 3;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

test(`${ANALYSTS} analysts on 10 hot proposals for ${LOAD_SECONDS} s, then a foreign write lock: nothing acknowledged is lost`, async () => {
  test.setTimeout((LOAD_SECONDS + 90) * 1000);
  const database = await freshDatabase("load");
  const app = await startApp(database, sidePort(21));
  const base = `http://localhost:${sidePort(21)}`;
  try {
    const ids = await hotProposals(database);
    const cookies = await Promise.all(Array.from({ length: ANALYSTS }, () => signIn(base)));
    const before = (await recordedTokens(database)).size;

    // 1. Contention: every analyst reads, then writes with the version it read.
    const tally = newTally();
    const deadline = Date.now() + LOAD_SECONDS * 1000;
    await Promise.all(cookies.map((c) => analyst(base, c, ids, deadline, tally)));
    console.log(`load: ${tally.acked.length} saved, ${tally.conflicts} conflicts (409), ${tally.busy} busy, other ${JSON.stringify(tally.other)}`);
    expect(tally.serverErrors).toBe(0);
    expect(tally.other).toEqual({});
    expect(tally.busy).toBe(0);
    expect(tally.acked.length).toBeGreaterThan(ANALYSTS);
    expect(tally.conflicts).toBeGreaterThan(0);
    const recorded = await recordedTokens(database);
    for (const t of tally.acked) expect(recorded.has(t), t).toBe(true);
    expect(recorded.size - before).toBe(tally.acked.length);
    expect((await verifyChain(database.target)).ok).toBe(true);

    // 2. Another process holds the write lock, and keeps it until at least LOCKED_SAVES saves
    //    sent under it have been answered (and for twice the busy timeout at the least), however
    //    slowly a loaded machine serves the analysts' page views. Every one of those must be a
    //    503 with the input kept: nothing can be acknowledged while another process holds the
    //    lock. Sessions are aged past their touch interval first, so every page view during the
    //    lock also tries a write. The analysts carry on through the release.
    await ageSessions(database);
    const locked = newTally();
    const lock = await holdWriteLock(database);
    const metTheLock = () => locked.saves.filter((s) => s.sentAt >= lock.heldAt && s.answeredAt < (lock.releasedAt() ?? Infinity));
    let stop = false;
    const working = Promise.all(cookies.map((c) => analyst(base, c, ids, () => stop, locked)));
    const waitUntil = Date.now() + 30_000;
    while ((metTheLock().length < LOCKED_SAVES || Date.now() < lock.heldAt + 2 * BUSY_TIMEOUT_MS) && Date.now() < waitUntil) await sleep(50);
    await lock.release();
    await sleep(BUSY_TIMEOUT_MS + 500);
    stop = true;
    await working;
    const during = metTheLock();
    console.log(
      `lock: ${during.length} saves met it, then ${locked.acked.length} saved, ${locked.conflicts} conflicts, ${locked.busy} busy (503), other ${JSON.stringify(locked.other)}`,
    );
    expect(locked.serverErrors).toBe(0);
    expect(locked.other).toEqual({});
    expect(during.length, "saves answered while the foreign lock was held").toBeGreaterThanOrEqual(LOCKED_SAVES);
    expect(during.filter((s) => s.status !== 503)).toEqual([]);
    expect(locked.busy).toBeGreaterThan(0);

    // 3. Afterwards the server accepts writes again, and nothing acknowledged is missing.
    const after = newTally();
    await Promise.all(cookies.slice(0, 5).map((c) => analyst(base, c, ids, Date.now() + 2000, after)));
    expect(after.acked.length).toBeGreaterThan(0);
    expect(after.serverErrors + after.busy).toBe(0);
    const final = await recordedTokens(database);
    for (const t of [...tally.acked, ...locked.acked, ...after.acked]) expect(final.has(t), t).toBe(true);
    expect(final.size - before).toBe(tally.acked.length + locked.acked.length + after.acked.length);
    expect((await verifyChain(database.target)).ok).toBe(true);
  } finally {
    app.kill("SIGTERM");
  }
});

test(`the server killed with SIGKILL ${KILLS} times during writes loses nothing acknowledged`, async () => {
  // Per round: a start, sign-ins, up to 8 s waiting for a first save on a slow machine, the kill.
  test.setTimeout((KILLS * 20 + 60) * 1000);
  const database = await freshDatabase("crash");
  const base = `http://localhost:${sidePort(22)}`;
  const acked: string[] = [];
  for (let round = 1; round <= KILLS; round++) {
    const app = await startApp(database, sidePort(22));
    const ids = await hotProposals(database);
    const cookies = await Promise.all(Array.from({ length: 8 }, () => signIn(base)));
    const tally = newTally();
    const work = Promise.all(cookies.map((c) => analyst(base, c, ids, Date.now() + 10_000, tally)));
    // Killed while writes are under way: once the first one is acknowledged (however slowly a
    // loaded machine gets there), then at a random moment of the next second.
    const until = Date.now() + 8_000;
    while (tally.acked.length === 0 && Date.now() < until) await sleep(20);
    await sleep(Math.random() * 1000);
    app.kill("SIGKILL");
    await work;
    // A killed child has signalCode set (exitCode stays null); wait only if it has not gone yet.
    if (app.exitCode === null && app.signalCode === null) await new Promise((r) => app.once("exit", r));
    acked.push(...tally.acked);
    expect(tally.serverErrors, `round ${round}`).toBe(0);
    expect(await integrity(database), `round ${round}`).toBe("ok");
    expect((await verifyChain(database.target)).ok, `round ${round}`).toBe(true);
    const recorded = await recordedTokens(database);
    for (const t of acked) expect(recorded.has(t), `round ${round}: ${t}`).toBe(true);
  }
  console.log(`crash: ${KILLS} kills, ${acked.length} acknowledged writes, all present`);
  expect(acked.length, "writes acknowledged before the kills").toBeGreaterThanOrEqual(KILLS);
});

test(`${WORKERS} app processes, ${ANALYSTS} analysts on 10 hot proposals for ${LOAD_SECONDS} s, ${WORKER_KILLS} workers killed with SIGKILL: nothing acknowledged is lost, the chain verifies`, async () => {
  test.setTimeout((LOAD_SECONDS + 120) * 1000);
  const database = await freshDatabase("workers");
  const port = sidePort(23);
  const base = `http://localhost:${port}`;
  const app = await startApp(database, port, { workers: WORKERS });
  try {
    await workersUp(app, port, WORKERS);
    const ids = await hotProposals(database);
    const cookies = await Promise.all(Array.from({ length: ANALYSTS }, () => signIn(base)));
    const before = (await recordedTokens(database)).size;
    const tally = newTally();
    const deadline = Date.now() + LOAD_SECONDS * 1000;
    const working = Promise.all(cookies.map((c) => analyst(base, c, ids, deadline, tally, true)));
    // Kill one worker at a time, spread over the load, each once writes are being acknowledged;
    // the primary starts a new one, and the next kill waits until the cluster is whole again.
    const killed: number[] = [];
    for (let k = 0; k < WORKER_KILLS; k++) {
      const at = Date.now() + ((deadline - Date.now()) / (WORKER_KILLS - k + 1)) * Math.random() * 1.5;
      while (Date.now() < Math.min(at, deadline - 500) || tally.acked.length === 0) await sleep(20);
      // The oldest worker (the lowest pid): one that has served a while, as an OOM kill would find
      // it. A worker killed young counts as a crash loop, and its restart is held back longer.
      const victim = Math.min(...workerPids(app));
      process.kill(victim, "SIGKILL");
      killed.push(victim);
      await workersUp(app, port, WORKERS);
    }
    await working;
    console.log(
      `workers: ${WORKERS} processes, ${killed.length} killed; ${tally.acked.length} saved, ${tally.conflicts} conflicts (409), ${tally.busy} busy (503), ${tally.dropped ?? 0} cut off by a kill, ${tally.unanswered ?? 0} unanswered, other ${JSON.stringify(tally.other)}`,
    );
    expect(killed.length).toBe(WORKER_KILLS);
    expect(new Set(killed).size, "each kill hit a live worker").toBe(WORKER_KILLS);
    expect(tally.serverErrors).toBe(0);
    expect(tally.other).toEqual({});
    expect(tally.unanswered ?? 0, "requests left without an answer").toBe(0);
    expect(tally.acked.length).toBeGreaterThan(ANALYSTS);
    const recorded = await recordedTokens(database);
    for (const t of tally.acked) expect(recorded.has(t), t).toBe(true);
    // A save cut off after its commit is stored but was never acknowledged: only cut-off requests.
    expect(recorded.size - before).toBeGreaterThanOrEqual(tally.acked.length);
    expect(recorded.size - before - tally.acked.length).toBeLessThanOrEqual(tally.dropped ?? 0);
    expect((await verifyChain(database.target)).ok).toBe(true);
    expect(await integrity(database)).toBe("ok");
  } finally {
    app.kill("SIGTERM");
    if (app.exitCode === null && app.signalCode === null) await new Promise((r) => app.once("exit", r));
  }
});
