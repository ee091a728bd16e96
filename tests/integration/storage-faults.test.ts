// A full or read-only database, induced on the app's own write connection (issue 21): a write
// that fails for storage answers 503 with the input kept, never a 500 and never a wait past the
// configured timeout, and the first write after the fault clears succeeds in the same process.
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { env } from "~/config/env.server";
import { rawWriteConnection, readDb, writeTransaction, type Tx } from "~/db.server";
import path from "node:path";
import { unavailable } from "~/lib/http.server";
import { StorageError, storageFaultOpen, storageHealth } from "~/lib/storage.server";
import { verifyChainFile } from "~/modules/audit/verify.server";
import { postProgressUpdate } from "~/modules/proposals/service.server";
import { createUserSession } from "~/modules/users/session.server";
import { action as proposalAction } from "~/routes/proposals.$id";
import { loader as healthz } from "~/routes/healthz";
import { action as loginAction } from "~/routes/login";
import { seedDemoData } from "../../prisma/seed";
import { actor, ctx, proposalByRef } from "../support/factories";
import { testDatabaseFile } from "../support/per-file-db";
import { onPostgres } from "../support/postgres";
import { words } from "../support/words";

beforeAll(() => seedDemoData({ quiet: true }));

const NO_LIMIT = 1073741823;

/** The database may not grow by a single page: SQLITE_FULL, as on a full disk. */
async function fillDisk() {
  const raw = await rawWriteConnection();
  raw.pragma(`max_page_count = ${Number(raw.pragma("page_count", { simple: true }))}`);
}

async function freeDisk() {
  const raw = await rawWriteConnection();
  raw.pragma(`max_page_count = ${NO_LIMIT}`);
  raw.pragma("query_only = 0");
}

afterEach(async () => {
  if (!onPostgres) await freeDisk();
});

// These faults are made with SQLite's own machinery (max_page_count for a full disk, query_only
// for a read-only file, a directory for a file that cannot be opened, the file's filesystem for
// free space), so they run on SQLite only. On PostgreSQL the same answers follow from the error
// codes (53100 disk_full, 25006 read_only_sql_transaction) classified in app/lib/storage.server.ts.
const sqliteOnly = describe.skipIf(onPostgres);

/** Fails the test, instead of hanging, when an answer takes longer than any configured wait. */
function withinTimeout<T>(work: Promise<T>, what: string): Promise<T> {
  const limit = env.SQLITE_BUSY_TIMEOUT_MS + 2000 + 3000;
  return Promise.race([work, new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`${what}: no answer within ${limit} ms`)), limit))]);
}

async function cookieFor(email: string) {
  const user = await actor(email);
  return (await createUserSession(user.id, new Request("http://localhost/login"), "127.0.0.1")).split(";")[0];
}

function formPost(path: string, fields: Record<string, string>, cookie?: string) {
  return new Request(`http://localhost${path}`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded", ...(cookie ? { Cookie: cookie } : {}) },
    body: new URLSearchParams(fields),
  });
}

const routeArgs = (request: Request, params: Record<string, string> = {}) => ({
  request,
  params,
  context: { requestId: "test", clientIp: "127.0.0.1", cspNonce: "" },
});

async function postUpdate(cookie: string, proposalId: string, body: string) {
  const request = formPost(`/proposals/${proposalId}`, { intent: "post-update", health: "at_risk", body }, cookie);
  return withinTimeout(proposalAction(routeArgs(request, { id: proposalId }) as never) as Promise<Response>, "post-update");
}

sqliteOnly("a full disk", () => {
  it("answers a form with 503, Retry-After, words and the input kept; the next write after space is freed succeeds", async () => {
    const cookie = await cookieFor("manager@example.org");
    const p = await proposalByRef("CAJ25-07");
    const before = await readDb.progressUpdate.count({ where: { proposalId: p.id } });
    await fillDisk();
    const typed = `Full disk ${"report ".repeat(400)}`;
    const refused = await postUpdate(cookie, p.id, typed);
    expect(refused.status).toBe(503);
    expect(refused.headers.get("Retry-After")).toMatch(/^\d+$/);
    const data = (await refused.json()) as { formId: string; result: { error: Record<string, unknown[]>; initialValue: Record<string, string> } };
    expect(data.formId).toBe("post-update");
    expect(words(data.result.error[""]?.[0])).toMatch(/^Nothing was saved: the server cannot write to its database right now/);
    expect(data.result.initialValue.body).toBe(typed);

    // Reads keep working while writes fail.
    expect(await readDb.progressUpdate.count({ where: { proposalId: p.id } })).toBe(before);

    await freeDisk();
    const saved = await postUpdate(cookie, p.id, "After the disk was freed");
    expect(saved.status).toBe(302);
    expect(await readDb.progressUpdate.count({ where: { proposalId: p.id } })).toBe(before + 1);
  });

  it("releases the adapter's transaction mutex when SQLite rolled the transaction back by itself", async () => {
    // A single-row insert into a table with no index, trigger or foreign key runs without a
    // statement journal, so SQLITE_FULL makes SQLite roll back the whole transaction and the
    // ROLLBACK that Prisma sends next fails ("no transaction is active"). Unpatched, the
    // adapter never released its transaction mutex after that, and every later write hung.
    await writeTransaction((tx) => tx.$executeRawUnsafe("CREATE TABLE IF NOT EXISTS scratch_blob (b BLOB)"));
    await fillDisk();
    const failure = await withinTimeout(
      writeTransaction((tx) => tx.$executeRawUnsafe("INSERT INTO scratch_blob VALUES (randomblob(8000))")).catch((error: unknown) => error),
      "write on a full disk",
    );
    expect(failure).toBeInstanceOf(Error);
    await freeDisk();
    const manager = await actor("manager@example.org");
    const p = await proposalByRef("CAJ25-08");
    await withinTimeout(postProgressUpdate(manager, p.id, { health: "on_track", body: "first write after the fault" }, ctx), "first write after the fault");
    expect(await readDb.progressUpdate.count({ where: { proposalId: p.id, body: "first write after the fault" } })).toBe(1);
  });

  it("answers sign-in with 503 and words, the email kept, when its session cannot be written", async () => {
    await fillDisk();
    // Fill the Session table's last page so the session row needs a new one.
    const request = () => formPost("/login", { email: "analyst@example.org", password: "summit-demo", redirectTo: "/dashboard" });
    let answer: Response | undefined;
    for (let i = 0; i < 200; i++) {
      answer = await withinTimeout(loginAction(routeArgs(request()) as never) as Promise<Response>, "sign-in");
      if (answer.status !== 302) break;
    }
    expect(answer!.status).toBe(503);
    expect(answer!.headers.get("Retry-After")).toMatch(/^\d+$/);
    const data = (await answer!.json()) as { result: { error: Record<string, unknown[]>; initialValue: Record<string, string> } };
    expect(words(data.result.error[""]?.[0])).toMatch(/^You are not signed in: the server cannot write to its database right now/);
    expect(data.result.initialValue.email).toBe("analyst@example.org");
    // The password is never sent back.
    expect(data.result.initialValue.password).toBeUndefined();
    await freeDisk();
    expect((await withinTimeout(loginAction(routeArgs(request()) as never) as Promise<Response>, "sign-in")).status).toBe(302);
  });

  it("loses no acknowledged write across repeated faults, and the audit chain verifies", async () => {
    const manager = await actor("manager@example.org");
    const p = await proposalByRef("CAJ25-09");
    const acknowledged: string[] = [];
    for (let round = 0; round < 3; round++) {
      for (let i = 0; i < 3; i++) {
        const body = `round ${round} update ${i}`;
        await postProgressUpdate(manager, p.id, { health: "on_track", body }, ctx);
        acknowledged.push(body);
      }
      await fillDisk();
      let refusals = 0;
      for (let i = 0; i < 3; i++) {
        const body = `refused ${round} ${i} ${"x".repeat(3000)}`;
        const refused = await withinTimeout(postProgressUpdate(manager, p.id, { health: "off_track", body }, ctx), "refused write").then(
          () => acknowledged.push(body),
          (error: unknown) => error,
        );
        // Refused in words (a 503 StorageError), not with the driver's raw error.
        if (typeof refused !== "number") {
          expect(refused).toBeInstanceOf(StorageError);
          refusals++;
        }
      }
      // Each round really met the fault (else this test would prove nothing about it).
      expect(refusals, `round ${round}`).toBeGreaterThan(0);
      await freeDisk();
    }
    const stored = await readDb.progressUpdate.findMany({ where: { proposalId: p.id }, select: { body: true } });
    const bodies = new Set(stored.map((s) => s.body));
    for (const body of acknowledged) expect(bodies.has(body)).toBe(true);
    expect(verifyChainFile(testDatabaseFile).ok).toBe(true);
  });
});

sqliteOnly("a read-only database", () => {
  it("gets the same treatment: 503 with the input kept, reads work, writes come back", async () => {
    const cookie = await cookieFor("manager@example.org");
    const p = await proposalByRef("CAJ25-10");
    const raw = await rawWriteConnection();
    raw.pragma("query_only = 1");
    const refused = await postUpdate(cookie, p.id, "typed while read-only");
    expect(refused.status).toBe(503);
    const data = (await refused.json()) as { result: { error: Record<string, unknown[]>; initialValue: Record<string, string> } };
    expect(words(data.result.error[""]?.[0])).toMatch(/^Nothing was saved/);
    expect(data.result.initialValue.body).toBe("typed while read-only");
    expect(await readDb.proposal.count()).toBeGreaterThan(0);
    raw.pragma("query_only = 0");
    expect((await postUpdate(cookie, p.id, "typed after")).status).toBe(302);
  });
});

sqliteOnly("what operators see", () => {
  it("/healthz reports the fault and when it happened, then its end; the log has one line for each", async () => {
    const lines: string[] = [];
    const spy = vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => void lines.push(args.map(String).join(" ")));
    try {
      const manager = await actor("manager@example.org");
      const p = await proposalByRef("CAJ25-11");
      await fillDisk();
      for (let i = 0; i < 5; i++) {
        await postProgressUpdate(manager, p.id, { health: "on_track", body: `while full ${i} ${"x".repeat(3000)}` }, ctx).catch(() => undefined);
      }
      const during = await healthz();
      expect(during.status).toBe(503);
      const body = (await during.json()) as {
        status: string;
        storage: { ok: boolean; faultSince: string | null; refusedWrites: number; lastError: { code: string; at: string } | null };
      };
      expect(body.status).toBe("degraded");
      expect(body.storage.ok).toBe(false);
      expect(body.storage.lastError?.code).toBe("SQLITE_FULL");
      expect(Number.isNaN(Date.parse(body.storage.lastError!.at))).toBe(false);
      expect(body.storage.faultSince).not.toBeNull();
      expect(body.storage.refusedWrites).toBeGreaterThanOrEqual(5);

      await freeDisk();
      // /healthz itself notices the recovery (its no-op probe write succeeds), before any user writes.
      const after = await healthz();
      const afterBody = (await after.json()) as { status: string; storage: { faultSince: string | null; lastError: { code: string } | null } };
      expect(after.status).toBe(200);
      expect(afterBody.storage.faultSince).toBeNull();
      expect(afterBody.storage.lastError?.code).toBe("SQLITE_FULL");
      await postProgressUpdate(manager, p.id, { health: "on_track", body: "after" }, ctx);

      const storageLines = lines.filter((l) => l.startsWith("[storage]"));
      expect(storageLines).toHaveLength(2);
      expect(storageLines[0]).toMatch(/fault started .* SQLITE_FULL/);
      expect(storageLines[1]).toMatch(/fault cleared .* \d+ write\(s\) were refused/);
      expect(lines.some((l) => /\n\s+at /.test(l))).toBe(false);
    } finally {
      spy.mockRestore();
    }
  });

  it("a read that fails for storage (a database that cannot be opened) is a 503 in words and is logged once", async () => {
    const Database = (await import("better-sqlite3")).default;
    let driverError: unknown;
    try {
      new Database(path.dirname(testDatabaseFile)); // a directory: SQLITE_CANTOPEN from the driver itself
    } catch (error) {
      driverError = error;
    }
    const lines: string[] = [];
    const spy = vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => void lines.push(args.map(String).join(" ")));
    try {
      const first = unavailable(driverError);
      unavailable(driverError);
      expect(first).toMatchObject({ status: 503, kind: "storage" });
      expect(words(first?.message)).toMatch(/^Nothing was saved/);
      expect(lines.filter((l) => l.startsWith("[storage] fault started"))).toHaveLength(1);
      // The next successful write closes the episode.
      const manager = await actor("manager@example.org");
      await postProgressUpdate(manager, (await proposalByRef("CAJ25-11")).id, { health: "on_track", body: "closes the episode" }, ctx);
      expect(lines.filter((l) => l.startsWith("[storage] fault cleared"))).toHaveLength(1);
    } finally {
      spy.mockRestore();
    }
  });

  it("a write that changes nothing (the sign-in limiter's delete of expired rows) does not end the fault", async () => {
    const lines: string[] = [];
    const spy = vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => void lines.push(args.map(String).join(" ")));
    try {
      const manager = await actor("manager@example.org");
      await fillDisk();
      await postProgressUpdate(manager, (await proposalByRef("CAJ25-12")).id, { health: "on_track", body: `opens the episode ${"x".repeat(3000)}` }, ctx).catch(
        () => undefined,
      );
      expect(storageFaultOpen()).toBe(true);
      // Deletes nothing, so it commits on a full disk: no proof that the database stores again.
      const deleteNothing = (tx: Tx) => tx.rateLimit.deleteMany({ where: { key: "no such key" } });
      await writeTransaction(deleteNothing, { provesStorage: false });
      expect(storageFaultOpen()).toBe(true);
      expect(lines.filter((l) => l.startsWith("[storage] fault cleared"))).toEqual([]);
      // The same write taken as proof would have ended the episode while the disk is still full.
      await writeTransaction(deleteNothing);
      expect(storageFaultOpen()).toBe(false);
    } finally {
      spy.mockRestore();
      await freeDisk();
    }
  });

  it("reports low free space on the database's filesystem under the threshold", async () => {
    const roomy = await storageHealth(testDatabaseFile, 0);
    expect(roomy.freeBytes).toBeGreaterThan(0);
    expect(roomy.lowSpace).toBe(false);
    const tight = await storageHealth(testDatabaseFile, Number.MAX_SAFE_INTEGER);
    expect(tight.lowSpace).toBe(true);
    // A warning, not a fault: the server still writes, so health stays ok (200).
    expect(tight.ok).toBe(true);
  });
});
