// Issue 10 item 2: verifying the audit chain must not block other requests, runs once at a time
// (later requests join it), reuses a recent result, is limited per user, and is a POST.
import { beforeAll, describe, expect, it } from "vitest";
import { databaseTarget } from "~/db.server";
import { GENESIS_HASH, hashEvent, type ChainedEventBody } from "~/modules/audit/chain";
import { verifyChainShared, verifyInWorker } from "~/modules/audit/verify.server";
import { action as auditAction, loader as auditPage } from "~/routes/audit._index";
import { seedDemoData } from "../../prisma/seed";
import { call, sessionCookie } from "../support/http";
import { sqlGet, sqlInsert, type SqlParam } from "../support/sql";
import { words } from "../support/words";

const EVENTS = 60_000;

beforeAll(async () => {
  await seedDemoData({ quiet: true });
  // A largish chain, continuing the seeded one: long enough that verifying it takes many ticks.
  const head = await sqlGet<{ seq: number; hash: string }>(`SELECT "seq", "hash" FROM "AuditEvent" ORDER BY "seq" DESC LIMIT 1`);
  let prevHash = head?.hash ?? GENESIS_HASH;
  const first = Number(head?.seq ?? 0) + 1;
  const start = Date.now();
  const rows: Record<string, SqlParam>[] = [];
  for (let seq = first; seq < first + EVENTS; seq++) {
    const body: ChainedEventBody = {
      seq,
      occurredAt: new Date(start + seq).toISOString(),
      actorId: null,
      actorName: "Generator",
      actorRole: "system",
      action: "auth.login_failed",
      entityType: "user",
      entityId: "generated",
      proposalId: null,
      changes: [{ field: "summary", from: `v${seq}`, to: `v${seq + 1}` }],
      reason: "",
      requestId: `gen-${seq}`,
      prevHash,
    };
    const hash = hashEvent(body);
    rows.push({ ...body, occurredAt: new Date(body.occurredAt), changes: JSON.stringify(body.changes), hash });
    prevHash = hash;
  }
  await sqlInsert("AuditEvent", rows);
}, 60_000);

/** Runs `work` and counts the event-loop turns (setImmediate) that happened while it ran. */
async function ticksDuring<T>(work: () => Promise<T>): Promise<{ result: T; ticks: number }> {
  let ticks = 0;
  let running = true;
  const tick = () => {
    if (!running) return;
    ticks++;
    setImmediate(tick);
  };
  setImmediate(tick);
  const result = await work();
  running = false;
  return { result, ticks };
}

const post = (cookie: string, path = "/audit?index") => call(auditAction, path, cookie, { method: "POST", body: new URLSearchParams() });

describe("audit chain verification", () => {
  it("a GET with ?verify=1 no longer verifies", async () => {
    const res = await call(auditPage, "/audit?verify=1", await sessionCookie("viewer@example.org"));
    expect(res.status).toBe(200);
    const data = (await res.json()) as Record<string, unknown>;
    expect(data.verification ?? null).toBeNull();
  });

  it("runs off the main thread: the event loop keeps turning while a POST verifies the chain", async () => {
    const { result: res, ticks } = await ticksDuring(async () => post(await sessionCookie("viewer@example.org")));
    expect(res.status).toBe(200);
    const { data: verification } = (await res.json()) as { data: { ok: boolean; count: number; source: string; checkedAt: string } };
    expect(verification).toMatchObject({ ok: true, source: "fresh" });
    expect(verification.count).toBeGreaterThan(EVENTS);
    expect(Date.parse(verification.checkedAt)).not.toBeNaN();
    // Verifying on the main thread would allow no turn at all until it is done.
    expect(ticks).toBeGreaterThan(20);
  });

  it("one run at a time: concurrent requests join it, and a repeat within a minute reuses it", async () => {
    const runs = await Promise.all([
      verifyChainShared(databaseTarget, { maxAgeMs: 0 }),
      verifyChainShared(databaseTarget, { maxAgeMs: 0 }),
      verifyChainShared(databaseTarget, { maxAgeMs: 0 }),
    ]);
    expect(runs.map((r) => r.source).sort()).toEqual(["fresh", "joined", "joined"]);
    expect(new Set(runs.map((r) => r.checkedAt)).size).toBe(1);
    const again = await verifyChainShared(databaseTarget);
    expect(again.source).toBe("recent");
    expect(again.checkedAt).toBe(runs[0].checkedAt);
  });

  it("is limited per user: past the allowance a POST gets 429 with Retry-After, another user is unaffected", async () => {
    const cookie = await sessionCookie("analyst@example.org");
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await post(cookie)).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
    const refused = await post(cookie);
    expect(Number(refused.headers.get("Retry-After"))).toBeGreaterThan(0);
    const body = (await refused.json()) as { data?: unknown; result: { error: Record<string, unknown[]> } };
    expect(body.data ?? null).toBeNull();
    expect(words(body.result.error[""])).toMatch(/verification too often/);
    expect((await post(await sessionCookie("analyst2@example.org"))).status).toBe(200);
  });
});

describe("a verification that cannot finish", () => {
  it("rejects when the worker cannot read the file, and when it runs past its time limit (the worker is stopped)", async () => {
    await expect(verifyInWorker(`${databaseTarget}.missing`)).rejects.toThrow();
    await expect(verifyInWorker(databaseTarget, undefined, 1)).rejects.toThrow(/did not finish within/);
    // The next verification is not blocked by either.
    const ok = await verifyInWorker(databaseTarget);
    expect(ok.ok).toBe(true);
  });
});
