// What a request cost, as the benchmark reads it from Server-Timing (app/lib/request-scope.server.ts):
// the SQL statements sent through Prisma and the raw reads, and the read cache's hits and misses.
// Runs on whichever database the suite runs on.
import { beforeAll, describe, expect, it, vi } from "vitest";
import { newRequestScope, requestScope, serverTiming, type RequestScope } from "~/lib/request-scope.server";
import { cachedRead } from "~/lib/read-cache.server";
import { listProposals } from "~/modules/proposals/queries.server";
import { parseProposalFilters } from "~/modules/proposals/filters.server";
import { listAuditEvents } from "~/modules/audit/log.server";
import { parseAuditFilters } from "~/modules/audit/filters";
import { readDb } from "~/db.server";
import { seedDemoData } from "../../prisma/seed";

beforeAll(() => seedDemoData({ quiet: true }));

const within = async (work: () => Promise<unknown>): Promise<RequestScope> => {
  const scope = newRequestScope();
  await requestScope.run(scope, work);
  return scope;
};

describe("a request's scope", () => {
  it("counts the statements Prisma sends for it, and the time they ran", async () => {
    const scope = await within(() => listProposals(parseProposalFilters(new URLSearchParams("status=in_progress"))));
    // The count and the page at least.
    expect(scope.statements).toBeGreaterThanOrEqual(2);
    expect(scope.statementMs).toBeGreaterThan(0);
  });

  it("counts the raw reads outside Prisma (the audit log's)", async () => {
    const scope = await within(() => listAuditEvents(parseAuditFilters(new URLSearchParams())));
    expect(scope.statements).toBeGreaterThanOrEqual(1);
  });

  it("keeps two requests' counts apart when they run side by side", async () => {
    const alone = await within(() => listProposals(parseProposalFilters(new URLSearchParams())));
    const [one, two, idle] = await Promise.all([
      within(() => listProposals(parseProposalFilters(new URLSearchParams()))),
      // A Prisma query runs when awaited (its promise is lazy): awaited inside the scope, as loaders do.
      within(async () => {
        await readDb.user.count();
      }),
      within(async () => undefined),
    ]);
    expect(one.statements).toBe(alone.statements);
    expect(two.statements).toBe(1);
    expect(idle.statements).toBe(0);
  });

  it("counts a cached read as a miss the first time and a hit after, until the data changes", async () => {
    const load = vi.fn(async () => 42);
    const key = `test:${Math.random()}`;
    const first = await within(() => cachedRead(key, load));
    const second = await within(() => cachedRead(key, load));
    expect([first.cacheMisses, first.cacheHits]).toEqual([1, 0]);
    expect([second.cacheMisses, second.cacheHits]).toEqual([0, 1]);
    expect(load).toHaveBeenCalledTimes(1);
  });

  it("puts it all in one Server-Timing value", () => {
    const value = serverTiming({ cookies: [], statements: 7, statementMs: 3.14159, answerMs: 5, cacheHits: 2, cacheMisses: 1 });
    expect(value).toBe('db;dur=3.1;desc="statements=7", db-answer;dur=5.0, cache;desc="hits=2 misses=1"');
  });
});

describe("READ_CACHE=off", () => {
  it("loads every read and counts each as a miss", async () => {
    vi.stubEnv("READ_CACHE", "off");
    vi.resetModules();
    try {
      const fresh = await import("~/lib/read-cache.server");
      const scopes = await import("~/lib/request-scope.server");
      const load = vi.fn(async () => 42);
      const scope = scopes.newRequestScope();
      await scopes.requestScope.run(scope, async () => {
        await fresh.cachedRead("test:off", load);
        await fresh.cachedRead("test:off", load);
      });
      expect(load).toHaveBeenCalledTimes(2);
      expect([scope.cacheMisses, scope.cacheHits]).toEqual([2, 0]);
    } finally {
      vi.unstubAllEnvs();
      vi.resetModules();
    }
  });
});
