// `npm run serve -- --workers 2` (issue 13, docs/decisions/019-several-processes.md): the real
// built server as a cluster of two workers on a database copy of its own, either provider. Each
// request goes on a connection of its own, so the primary hands it to either worker; the workers
// say which they are (X-Worker-Pid) only because this test sets WORKER_PID_HEADER.
import { expect, test } from "@playwright/test";
import { copyOfE2eDatabase } from "../support/e2e-databases.js";
import { answerFromAnotherWorker, sendOnNewConnection, sidePort, startServer, withDatabase, type SendOptions } from "./support-server";

let server: Awaited<ReturnType<typeof startServer>>;
let copy: Awaited<ReturnType<typeof copyOfE2eDatabase>>;

test.beforeAll(async () => {
  copy = await copyOfE2eDatabase("workers");
  // The per-address limit out of reach (every request here comes from 127.0.0.1); the per-account
  // limit is the default, 10 a minute.
  server = await startServer(
    sidePort(50),
    { DATABASE_URL: copy.url, COOKIE_SECURE: "false", WORKER_PID_HEADER: "1", SIGNIN_LIMIT_PER_IP: "1000" },
    { workers: 2 },
  );
});

test.afterAll(async () => {
  await server?.stop();
  await copy?.drop();
});

/** One request on a new connection, so that either worker may take it. */
const send = (path: string, options: SendOptions = {}) => sendOnNewConnection(server.url, path, options);

/** Sends `path` until a worker other than those in `not` answers it. */
const fromAnotherWorker = (path: string, not: Set<number>, options: SendOptions = {}) => answerFromAnotherWorker(server.url, path, not, options);

/** The pids of the workers answering now (two of them, or the test fails). */
async function workerPids(): Promise<Set<number>> {
  const first = await send("/healthz");
  expect(first.status).toBe(200);
  const second = await fromAnotherWorker("/healthz", new Set([first.pid]));
  expect(second.status).toBe(200);
  return new Set([first.pid, second.pid]);
}

test("requests are answered by two worker processes, neither of them the primary", async () => {
  const pids = await workerPids();
  expect(pids.size).toBe(2);
  expect(pids.has(server.pid)).toBe(false);
  for (const pid of pids) expect(server.output()).toContain(`pid ${pid}`);
  expect(server.output()).toContain(`[cluster] primary pid ${server.pid}: starting 2 workers`);
});

test("the sign-in limit holds in total across the workers", async () => {
  const answered = new Set<number>();
  for (let i = 1; i <= 10; i++) {
    const wrong = await send("/login", { method: "POST", form: { email: "analyst2@example.org", password: `wrong-${i}` } });
    expect(wrong.status, `attempt ${i}`).toBe(400);
    answered.add(wrong.pid);
  }
  expect(answered.size, "the ten attempts were spread over both workers").toBe(2);
  // The eleventh, with the right password, on whichever worker: refused.
  for (const pid of answered) {
    const eleventh = await fromAnotherWorker("/login", new Set([...answered].filter((p) => p !== pid)), {
      method: "POST",
      form: { email: "analyst2@example.org", password: "summit-demo" },
    });
    expect(eleventh.status, `on worker ${eleventh.pid}`).toBe(429);
    expect(Number(eleventh.headers["retry-after"])).toBeGreaterThan(0);
  }
});

test("a write on one worker is seen at once on the other", async () => {
  const signIn = await send("/login", { method: "POST", form: { email: "manager@example.org", password: "summit-demo" } });
  expect(signIn.status).toBe(302);
  const cookie = String(signIn.headers["set-cookie"]).split(";")[0];
  const id = await withDatabase(async (db) => (await db.all<{ id: string }>(`SELECT "id" FROM "Proposal" ORDER BY "reference" LIMIT 1`))[0]!.id, copy.target);
  const page = `/proposals/${id}`;
  // Both workers have the page in their read cache.
  const first = await send(page, { cookie });
  expect(first.status).toBe(200);
  const second = await fromAnotherWorker(page, new Set([first.pid]), { cookie });
  expect(second.status).toBe(200);

  const text = `Seen by every worker ${Date.now()}`;
  const token = /name="formToken" value="([^"]+)"/.exec(second.body)?.[1] ?? "";
  const posted = await send(page, { method: "POST", cookie, form: { intent: "add-comment", formId: "add-comment", formToken: token, body: text } });
  expect(posted.status, posted.body.slice(0, 300)).toBe(302);
  // The other worker, whose cache held the page from before the write, shows the comment, and
  // the message the writer put in its flash cookie (one SESSION_SECRET signs it for all workers).
  const flash = [posted.headers["set-cookie"] ?? []]
    .flat()
    .find((c) => c.startsWith("st_flash="))!
    .split(";")[0];
  const elsewhere = await fromAnotherWorker(page, new Set([posted.pid]), { cookie: `${cookie}; ${flash}` });
  expect(elsewhere.status).toBe(200);
  expect(elsewhere.body.includes(text), `worker ${elsewhere.pid} shows the comment`).toBe(true);
  expect(elsewhere.body.includes("Comment posted."), `worker ${elsewhere.pid} shows the flash message`).toBe(true);
});

test("a worker killed with SIGKILL is restarted, and the server answers meanwhile", async () => {
  const before = await workerPids();
  const [victim] = [...before];
  process.kill(victim!, "SIGKILL");
  const deadline = Date.now() + 15_000;
  let after = new Set<number>();
  // Only a request already on its way to the killed worker may go unanswered (SIGKILL gives it no
  // chance to finish); every later one is answered by the other worker, then by either.
  let lost = 0;
  while (Date.now() < deadline) {
    const answer = await send("/healthz").catch(() => null);
    if (!answer) {
      expect(++lost, "requests lost to the kill").toBeLessThanOrEqual(1);
      continue;
    }
    expect(answer.status).toBe(200);
    expect(answer.pid).not.toBe(victim);
    after.add(answer.pid);
    if (after.size === 2) break;
  }
  expect(after.size, "a new worker took the killed one's place").toBe(2);
  expect(after.has(victim!)).toBe(false);
  expect(server.output()).toMatch(new RegExp(`\\[cluster\\] worker \\d \\(pid ${victim}\\) exited with signal SIGKILL; restarting it in \\d+ ms`));
  after = await workerPids();
  expect(after.size).toBe(2);
});
