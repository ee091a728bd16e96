// PostgreSQL's storage faults (issue 13; docs/decisions/010-storage-faults.md): a server that is
// down, a network that swallows packets, a database switched to read-only (a standby after a
// failover), connections dropped by a restart. Each is a 503 in words with the input kept, never
// a 500 and never a wait past the configured timeout, and the same process recovers by itself
// when the fault clears. The app reaches its database through a TCP relay the test controls.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { onPostgres, onServer, quoteName } from "../support/postgres";
import { tcpProxy, type TcpProxy } from "../support/tcp-proxy";
import { words } from "../support/words";

// The app's modules are loaded after DATABASE_URL points at the relay (below), so they are
// imported dynamically and typed from here.
type App = {
  env: typeof import("~/config/env.server").env;
  readDb: typeof import("~/db.server").readDb;
  proposalAction: typeof import("~/routes/proposals.$id").action;
  proposalLoader: typeof import("~/routes/proposals.$id").loader;
  healthz: typeof import("~/routes/healthz").loader;
  createUserSession: typeof import("~/modules/users/session.server").createUserSession;
  verifyInWorker: typeof import("~/modules/audit/verify.server").verifyInWorker;
  databaseTarget: string;
};

let app: App;
let proxy: TcpProxy;
let database = "";
let cookie = "";
let proposalId = "";

beforeAll(async () => {
  if (!onPostgres) return;
  const direct = new URL(process.env.DATABASE_URL!);
  database = decodeURIComponent(direct.pathname.slice(1));
  proxy = await tcpProxy(direct.hostname, Number(direct.port || 5432));
  const relayed = new URL(direct);
  relayed.hostname = "127.0.0.1";
  relayed.port = String(proxy.port);
  process.env.DATABASE_URL = relayed.toString();
  // Short waits, so a swallowed connection is given up on quickly (the defaults are seconds).
  process.env.PG_CONNECT_TIMEOUT_MS = "1500";
  process.env.PG_QUERY_TIMEOUT_MS = "1500";
  // Few connections, so the silent ones a black hole leaves behind are few to give up.
  process.env.PG_POOL_SIZE = "3";
  const [{ env }, db, route, { loader: healthz }, session, verify, { seedDemoData }] = await Promise.all([
    import("~/config/env.server"),
    import("~/db.server"),
    import("~/routes/proposals.$id"),
    import("~/routes/healthz"),
    import("~/modules/users/session.server"),
    import("~/modules/audit/verify.server"),
    import("../../prisma/seed"),
  ]);
  app = {
    env,
    readDb: db.readDb,
    proposalAction: route.action,
    proposalLoader: route.loader,
    healthz,
    createUserSession: session.createUserSession,
    verifyInWorker: verify.verifyInWorker,
    databaseTarget: db.databaseTarget,
  };
  expect(db.databaseTarget).toContain(`:${proxy.port}/`);
  await seedDemoData({ quiet: true });
  const manager = await db.readDb.user.findUniqueOrThrow({ where: { email: "manager@example.org" } });
  cookie = (await session.createUserSession(manager.id, new Request("http://localhost/login"), "127.0.0.1")).split(";")[0];
  proposalId = (await db.readDb.proposal.findUniqueOrThrow({ where: { reference: "CAJ25-07" } })).id;
});

afterAll(async () => {
  if (!onPostgres) return;
  await onServer(`ALTER DATABASE ${quoteName(database)} RESET default_transaction_read_only`);
  await proxy.close();
});

const routeArgs = (request: Request, params: Record<string, string> = {}) => ({
  request,
  params,
  context: { requestId: "test", clientIp: "127.0.0.1", cspNonce: "" },
});

/** Fails the test, instead of hanging, when an answer takes longer than any configured wait. */
function withinTimeout<T>(work: Promise<T>, what: string): Promise<T> {
  const limit = app.env.SQLITE_BUSY_TIMEOUT_MS + 2000 + 3000;
  return Promise.race([work, new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`${what}: no answer within ${limit} ms`)), limit))]);
}

/** A post's answer, or the Response it throws (the error boundary's, when even the session cannot be read). */
async function postUpdate(body: string): Promise<Response> {
  const request = new Request(`http://localhost/proposals/${proposalId}`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: cookie },
    body: new URLSearchParams({ intent: "post-update", health: "at_risk", body }),
  });
  const answer = await withinTimeout(
    (app.proposalAction(routeArgs(request, { id: proposalId }) as never) as Promise<Response>).catch((thrown: unknown) => thrown),
    "post-update",
  );
  if (answer instanceof Response) return answer;
  throw answer;
}

/**
 * A post refused before its form is read: the session cannot be looked up, so the answer is the
 * error page's 503 (kind "storage", Retry-After) in words. The browser still has the form: with
 * JavaScript the page stays, without it Back returns to it.
 */
async function expectRefusedUnread(answer: Response) {
  expect(answer.status).toBe(503);
  expect(answer.headers.get("Retry-After")).toMatch(/^\d+$/);
  const data = (await answer.json()) as { message: unknown; kind: string };
  expect(data.kind).toBe("storage");
  expect(words(data.message)).toMatch(/^Nothing was saved: the server cannot write to its database right now/);
}

/** The proposal page's loader: its answer, or the Response it throws (the error boundary's). */
async function readPage(): Promise<number> {
  const request = new Request(`http://localhost/proposals/${proposalId}`, { headers: { Cookie: cookie } });
  const answer = await withinTimeout(
    (app.proposalLoader(routeArgs(request, { id: proposalId }) as never) as Promise<unknown>).catch((thrown: unknown) => thrown),
    "proposal page",
  );
  if (answer instanceof Response) return answer.status;
  if (answer instanceof Error) throw answer;
  return 200;
}

/** A refused write: 503, Retry-After, the storage sentence, and the text as typed. */
async function expectRefused(answer: Response, typed: string) {
  expect(answer.status).toBe(503);
  expect(answer.headers.get("Retry-After")).toMatch(/^\d+$/);
  const data = (await answer.json()) as { result: { error: Record<string, unknown[]>; initialValue: Record<string, string> } };
  expect(words(data.result.error[""]?.[0])).toMatch(/^Nothing was saved: the server cannot write to its database right now/);
  expect(data.result.initialValue.body).toBe(typed);
}

/**
 * Ends every connection through the relay (a server restart, a failover) and waits until the
 * app's pool has seen them close, as it has long before the next request when a real server
 * takes seconds to come back.
 */
async function restartConnections() {
  proxy.dropConnections();
  const pool = (globalThis as unknown as { __summitDb: { postgres: { pool: { totalCount: number } } } }).__summitDb.postgres.pool;
  for (let i = 0; i < 200 && pool.totalCount > 0; i++) await new Promise((resolve) => setTimeout(resolve, 10));
  expect(pool.totalCount).toBe(0);
}

const stored = async (body: string) => app.readDb.progressUpdate.count({ where: { proposalId, body } });

async function health(): Promise<{ status: number; body: { status: string; storage: { ok: boolean; lastError: { code: string } | null } } }> {
  const answer = await withinTimeout(app.healthz(), "/healthz");
  return { status: answer.status, body: (await answer.json()) as never };
}

describe.skipIf(!onPostgres)("PostgreSQL faults", () => {
  it("a server that is down: writes and pages answer 503 in words; the first write after it is back succeeds", async () => {
    expect((await postUpdate("before the outage")).status).toBe(302);
    await proxy.setMode("refuse");
    const typed = "typed while the database server was down";
    await expectRefusedUnread(await postUpdate(typed));
    expect(await readPage()).toBe(503);
    const during = await health();
    expect(during.status).toBe(503);
    expect(during.body.status).toBe("error");

    await proxy.setMode("relay");
    expect((await postUpdate("after the outage")).status).toBe(302);
    expect(await readPage()).toBe(200);
    expect((await health()).status).toBe(200);
    expect(await stored(typed)).toBe(0);
    expect(await stored("after the outage")).toBe(1);
  });

  it("a network that swallows packets: refused within the time limit, not a hang; recovers by itself when it answers again", async () => {
    // Connections already open go silent too, and stay so (half-open), so the pool must give them up.
    await proxy.setMode("blackhole");
    const typed = "typed while the network dropped everything";
    await expectRefusedUnread(await postUpdate(typed));
    expect(await readPage()).toBe(503);
    await proxy.setMode("relay");
    // Silent connections may still be handed out; each is given up after PG_QUERY_TIMEOUT_MS and
    // replaced, so within one try per pooled connection (not never) writes succeed again.
    let status = 0;
    for (let attempt = 0; attempt <= 3 && status !== 302; attempt++) status = (await postUpdate(`after the network came back ${attempt}`)).status;
    expect(status).toBe(302);
    expect(await readPage()).toBe(200);
    expect(await stored(typed)).toBe(0);
  });

  it("a database switched to read-only (a standby after a failover): writes 503, reads work; writable again after failback", async () => {
    await onServer(`ALTER DATABASE ${quoteName(database)} SET default_transaction_read_only = on`);
    await restartConnections(); // the failover ends every session; new ones are read-only
    const typed = "typed while the database was read-only";
    await expectRefused(await postUpdate(typed), typed);
    expect(await readPage()).toBe(200);
    const during = await health();
    expect(during.body.storage.lastError?.code).toBe("25006");

    await onServer(`ALTER DATABASE ${quoteName(database)} RESET default_transaction_read_only`);
    await restartConnections(); // failback: sessions end again, new ones may write
    expect((await postUpdate("after the failback")).status).toBe(302);
    expect((await health()).status).toBe(200);
    expect(await stored(typed)).toBe(0);
  });

  it("connections dropped between requests (a restart) are replaced without an error; nothing acknowledged is lost", async () => {
    const acknowledged: string[] = [];
    for (let i = 0; i < 4; i++) {
      await restartConnections();
      const body = `after restart ${i}`;
      const answer = await postUpdate(body);
      expect(answer.status, body).toBe(302);
      acknowledged.push(body);
      expect(await readPage()).toBe(200);
    }
    for (const body of acknowledged) expect(await stored(body)).toBe(1);
    const verification = await app.verifyInWorker(app.databaseTarget);
    expect(verification.ok).toBe(true);
  });
});
