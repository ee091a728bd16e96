// Issue 11 item 4: every figure that links to the list equals the number of rows the list shows
// for the link's query string. The real loaders on a real migrated database, with data that
// makes each figure non-trivial: more proposals at risk than the dashboard lists (it showed the
// length of its 20-row list), overdue milestones, amber and red stale proposals, a closed
// proposal that would be stale if closed ones counted.
import { beforeAll, describe, expect, it } from "vitest";
import { areaQuery, dashboardQueries, statusQuery, type DashboardTile } from "~/modules/dashboard/links";
import { narrowedListQuery } from "~/modules/proposals/list-links";
import { AREAS, STATUSES } from "~/modules/proposals/vocabulary";
import { loader as boardLoader } from "~/routes/board";
import { loader as dashboardLoader } from "~/routes/dashboard";
import { loader as listLoader } from "~/routes/proposals._index";
import { loader as reportLoader } from "~/routes/report";
import { progressOf } from "~/modules/milestones/progress";
import { readDb } from "~/db.server";
import { seedDemoData } from "../../prisma/seed";
import { call, sessionCookie } from "../support/http";
import { sqlAll, sqlTransaction } from "../support/sql";

let cookie = "";

beforeAll(async () => {
  await seedDemoData({ quiet: true });
  cookie = await sessionCookie("viewer@example.org");
  const day = 86_400_000;
  const ago = (days: number) => new Date(Date.now() - days * day);
  const refs = (
    await sqlAll<{ reference: string }>(`SELECT "reference" FROM "Proposal" WHERE "status" NOT IN ('completed', 'dropped') ORDER BY "reference"`)
  ).map((r) => r.reference);
  expect(refs.length).toBeGreaterThan(24);
  // Overdue milestones on three proposals, two on the first of them.
  const late = await sqlAll<{ id: string }>(
    `SELECT p."id" FROM "Proposal" p WHERE (SELECT COUNT(*) FROM "Milestone" m WHERE m."proposalId" = p."id" AND m."status" = 'planned') >= 2
     ORDER BY p."reference" LIMIT 3`,
  );
  expect(late).toHaveLength(3);
  const lateMilestones: string[] = [];
  for (const [i, p] of late.entries()) {
    const planned = await sqlAll<{ id: string }>(`SELECT "id" FROM "Milestone" WHERE "proposalId" = ? AND "status" = 'planned' ORDER BY "id"`, p.id);
    lateMilestones.push(...planned.slice(0, i === 0 ? 2 : 1).map((m) => m.id));
  }
  await sqlTransaction(async (set) => {
    // Everything recent and nothing late, then the cases below on top.
    await set(`UPDATE "Proposal" SET "updatedAt" = ?, "health" = 'on_track'`, ago(1));
    await set(`UPDATE "Milestone" SET "dueDate" = ? WHERE "status" = 'planned'`, ago(-30));
    // 23 open proposals at risk or off track, and a completed one at risk (not counted).
    for (const [i, ref] of refs.slice(0, 23).entries())
      await set(`UPDATE "Proposal" SET "health" = ? WHERE "reference" = ?`, i % 3 ? "at_risk" : "off_track", ref);
    await set(
      `UPDATE "Proposal" SET "health" = 'off_track', "updatedAt" = ? WHERE "reference" = (SELECT "reference" FROM "Proposal" WHERE "status" = 'completed' ORDER BY "reference" LIMIT 1)`,
      ago(90),
    );
    // Amber (31 and 59 days), red (61 and 200 days).
    for (const [i, days] of [31, 59, 61, 200].entries()) await set(`UPDATE "Proposal" SET "updatedAt" = ? WHERE "reference" = ?`, ago(days), refs[i * 5]);
    for (const id of lateMilestones) await set(`UPDATE "Milestone" SET "dueDate" = ? WHERE "id" = ?`, ago(3), id);
  });
});

type Dashboard = {
  byStatus: Record<string, number>;
  byArea: Record<string, number>;
  overdue: { total: number };
  overdueProposals: number;
  atRisk: unknown[];
  atRiskTotal: number;
  stale: { amber: number; red: number };
};

async function json<T>(fn: Parameters<typeof call>[0], url: string): Promise<T> {
  const res = await call(fn, url, cookie);
  expect(res.status, url).toBe(200);
  return res.json();
}

/** The number the list page shows ("N proposals") for a query string. */
const listTotal = async (query: string) => (await json<{ total: number }>(listLoader, `/proposals?${query}`)).total;

type Scoped = Dashboard & { scope: string; summary: { count: number; historicalLeftOut: number } };

describe("dashboard figures that link to the list", () => {
  for (const [page, historical] of [
    ["/dashboard", "exclude"],
    ["/dashboard?historical=include", "include"],
  ] as const) {
    it(`each equals the list's total for the link's query string (${page})`, async () => {
      const data = await json<Scoped>(dashboardLoader, page);
      expect(data.scope).toBe(`historical=${historical}`);
      const queries = dashboardQueries(data.scope);
      // What the page renders for each tile (app/routes/dashboard.tsx).
      const tiles: Record<DashboardTile, number> = {
        tracked: Object.values(data.byStatus).reduce((a, b) => a + b, 0),
        overdue: data.overdueProposals,
        atRisk: data.atRiskTotal,
        staleAmber: data.stale.amber,
        staleRed: data.stale.red,
      };
      const links: [string, number][] = [
        ...Object.entries(tiles).map(([key, figure]): [string, number] => [queries[key as DashboardTile], figure]),
        ...STATUSES.map((s): [string, number] => [statusQuery(data.scope, s), data.byStatus[s] ?? 0]),
        ...AREAS.map((a): [string, number] => [areaQuery(data.scope, a), data.byArea[a] ?? 0]),
      ];
      for (const [query, figure] of links) expect(figure, `/proposals?${query}`).toBe(await listTotal(query));
      // The sentence on the page says the same count.
      expect(data.summary.count).toBe(tiles.tracked);

      // The data behind them is what the fixture made, so none of the checks above was 0 = 0.
      expect(tiles.tracked).toBe(historical === "exclude" ? 25 : 44);
      expect(data.summary.historicalLeftOut).toBe(historical === "exclude" ? 19 : 0);
      expect(tiles.atRisk).toBe(23);
      expect(data.atRisk).toHaveLength(20);
      expect(tiles.overdue).toBe(3);
      expect(data.overdue.total).toBe(4);
      expect([tiles.staleAmber, tiles.staleRed]).toEqual([2, 2]);
    });
  }

  it("the dashboard and the briefing give the same headline figures, in every scope (issue 12)", async () => {
    const tokyo = await readDb.summit.findFirstOrThrow({ where: { date: new Date("2025-12-20") }, select: { id: true } });
    for (const search of ["", "historical=include", `summit=${tokyo.id}`, `summit=${tokyo.id}&historical=include`]) {
      const dashboard = await json<Scoped & { progress: { overall: number | null } }>(dashboardLoader, `/dashboard?${search}`);
      const report = await json<{ proposals: { milestones: { status: "done" | "planned" | "cancelled" }[] }[]; summary: { count: number } }>(
        reportLoader,
        `/report?${search}`,
      );
      const tracked = Object.values(dashboard.byStatus).reduce((a, b) => a + b, 0);
      expect(report.proposals.length, search).toBe(tracked);
      expect(report.summary.count, search).toBe(tracked);
      expect(progressOf(report.proposals.flatMap((p) => p.milestones)), search).toBeCloseTo(dashboard.progress.overall!, 10);
    }
    // Historical records belong to their own event, so choosing Tokyo leaves them out either way.
    expect((await json<Scoped>(dashboardLoader, `/dashboard?summit=${tokyo.id}&historical=include`)).summary.count).toBe(25);
    expect((await json<Scoped>(dashboardLoader, "/dashboard?historical=include")).summary.count).toBe(44);
  });

  it("a board column's total equals the list its link opens, under the board's filters", async () => {
    for (const search of ["", "area=energy", "health=at_risk&historical=exclude"]) {
      const board = await json<{ totals: Record<string, number> }>(boardLoader, `/board?${search}`);
      for (const s of STATUSES) {
        const query = narrowedListQuery(search, "status", s);
        expect(board.totals[s] ?? 0, `/board?${search} → /proposals?${query}`).toBe(await listTotal(query));
      }
    }
  });
});
