import { XMLParser, XMLValidator } from "fast-xml-parser";
import { beforeAll, describe, expect, it } from "vitest";
import { countsBy, overdueMilestones, overdueProposalCount, staleProposals } from "~/modules/dashboard/queries.server";
import { proposalsForExport, proposalsIati, proposalsCsv } from "~/modules/proposals/export.server";
import { facetCounts, listProposals } from "~/modules/proposals/queries.server";
import { parseProposalFilters } from "~/modules/proposals/filters.server";
import { AREAS, COUNTRIES, HEALTHS, STATUSES } from "~/modules/proposals/vocabulary";
import { seedDemoData } from "../../prisma/seed";
import { sqlGet, sqlRun } from "../support/sql";

beforeAll(() => seedDemoData({ quiet: true }));
const list = (q: string) => listProposals(parseProposalFilters(new URLSearchParams(q)));

describe("dashboard counts", () => {
  it("equal the list's totals under the same filter, for every status and area", async () => {
    const byStatus = await countsBy("status");
    for (const s of STATUSES) expect(byStatus[s] ?? 0, s).toBe((await list(`status=${s}`)).total);
    const byArea = await countsBy("area");
    for (const a of AREAS) expect(byArea[a] ?? 0, a).toBe((await list(`area=${a}`)).total);
    expect(await overdueProposalCount()).toBe((await list("overdue=1")).total);
  });

  it.each(["", "area=energy", "status=in_progress&area=energy", "country=KZ&health=on_track", "q=centre"])(
    "facet counts match the list with that value chosen (under %j)",
    async (query) => {
      const facets = await facetCounts(parseProposalFilters(new URLSearchParams(query)));
      const total = async (key: string, value: string) => {
        const params = new URLSearchParams(query);
        params.set(key, value);
        return (await list(params.toString())).total;
      };
      const owners = Object.keys(facets.owner);
      expect(owners.length).toBeGreaterThan(0);
      for (const s of STATUSES) expect(facets.status[s] ?? 0, s).toBe(await total("status", s));
      for (const a of AREAS) expect(facets.area[a] ?? 0, a).toBe(await total("area", a));
      for (const h of HEALTHS) expect(facets.health[h] ?? 0, h).toBe(await total("health", h));
      for (const c of COUNTRIES) expect(facets.country[c] ?? 0, c).toBe(await total("country", c));
      for (const o of owners) expect(facets.owner[o], o).toBe(await total("owner", o));
    },
  );
});

describe("overdue and stale, on a fixture with known dates", () => {
  const today = new Date("2030-06-15T10:00:00Z");
  const at = (days: number) => new Date(Date.UTC(2030, 5, 15 + days)).toISOString().replace("Z", "+00:00");

  beforeAll(async () => {
    await sqlRun(`UPDATE "Milestone" SET "dueDate" = ? WHERE "status" = 'planned'`, at(30));
    await sqlRun(`UPDATE "Proposal" SET "updatedAt" = ?`, at(-1));
    const ms = async (ref: string) =>
      (await sqlGet<{ id: string }>(
        `SELECT m."id" FROM "Milestone" m JOIN "Proposal" p ON p."id" = m."proposalId" WHERE p."reference" = ? AND m."status" = 'planned' ORDER BY m."position" LIMIT 1`,
        ref,
      ))!;
    await sqlRun(`UPDATE "Milestone" SET "dueDate" = ? WHERE "id" = ?`, at(-1), (await ms("CAJ25-01")).id); // 1 day late
    await sqlRun(`UPDATE "Milestone" SET "dueDate" = ? WHERE "id" = ?`, at(-40), (await ms("CAJ25-05")).id); // 40 days late
    await sqlRun(`UPDATE "Milestone" SET "dueDate" = ? WHERE "id" = ?`, at(0), (await ms("CAJ25-06")).id); // due today: not late
    await sqlRun(`UPDATE "Proposal" SET "updatedAt" = ? WHERE "reference" = 'CAJ25-08'`, at(-31)); // amber
    await sqlRun(`UPDATE "Proposal" SET "updatedAt" = ? WHERE "reference" = 'CAJ25-10'`, at(-59)); // amber
    await sqlRun(`UPDATE "Proposal" SET "updatedAt" = ? WHERE "reference" = 'CAJ25-12'`, at(-61)); // red
    await sqlRun(`UPDATE "Proposal" SET "updatedAt" = ? WHERE "reference" = 'CAJH-01'`, at(-400)); // completed: never stale
  });

  it("lists exactly the overdue milestones with their days late", async () => {
    const overdue = await overdueMilestones("", today);
    expect(overdue.total).toBe(2);
    expect(overdue.rows.map((r) => [r.proposal.reference, r.daysOverdue])).toEqual([
      ["CAJ25-05", 40],
      ["CAJ25-01", 1],
    ]);
  });

  it("lists exactly the stale proposals, amber then red", async () => {
    const stale = await staleProposals("", today);
    expect(stale.amber).toBe(2);
    expect(stale.red).toBe(1);
    expect(stale.rows.map((r) => [r.reference, r.level, r.days])).toEqual([
      ["CAJ25-12", "red", 61],
      ["CAJ25-10", "amber", 59],
      ["CAJ25-08", "amber", 31],
    ]);
  });
});

describe("search ranking", () => {
  it("ranks title matches above matches only in a quote", async () => {
    const r = await list("q=Tashkent");
    const refs = r.rows.map((p) => p.reference);
    expect(refs).toHaveLength(4);
    expect(refs.slice(0, 2).sort()).toEqual(["CAJ25-16", "CAJ25-21"]);
    expect(refs.indexOf("CAJ25-20")).toBeGreaterThan(1);
  });

  it("matches word prefixes, ignores case and accents, and treats FTS syntax as text", async () => {
    expect((await list("q=SEISM")).rows.map((p) => p.reference)).toEqual(expect.arrayContaining(["CAJ25-20", "CAJ25-21"]));
    expect((await list("q=Ronesans")).rows.map((p) => p.reference)).toEqual(["CAJH-18"]);
    expect((await list('q="unbalanced AND OR NEAR(')).total).toBe(0);
    expect((await list("q=%25")).total).toBe(0);
  });
});

describe("exports", () => {
  it("the IATI file is well-formed, has the required elements and codes in range", async () => {
    const rows = await proposalsForExport(parseProposalFilters(new URLSearchParams("")));
    const xml = proposalsIati(rows);
    expect(XMLValidator.validate(xml)).toBe(true);
    const doc = new XMLParser({
      ignoreAttributes: false,
      isArray: (name) => ["iati-activity", "participating-org", "activity-date", "recipient-country", "result", "description"].includes(name),
    }).parse(xml);
    const activities = doc["iati-activities"]["iati-activity"];
    expect(doc["iati-activities"]["@_version"]).toBe("2.03");
    expect(activities).toHaveLength(44);
    for (const a of activities) {
      expect(a["iati-identifier"]).toMatch(/^XM-SUMMIT-TRACKER-CAJ/);
      expect(a["reporting-org"]["@_ref"]).toBe("XM-SUMMIT-TRACKER");
      expect(a.title.narrative).toBeTruthy();
      expect(a.description[0].narrative).toBeTruthy();
      expect(a["participating-org"].length).toBeGreaterThan(0);
      for (const o of a["participating-org"]) expect(["1", "2", "3", "4"]).toContain(o["@_role"]);
      expect(["1", "2", "3", "4", "5", "6"]).toContain(a["activity-status"]["@_code"]);
      expect(a["activity-date"].some((d: Record<string, string>) => d["@_type"] === "1")).toBe(true);
      for (const d of a["activity-date"]) expect(d["@_iso-date"]).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      const countries = a["recipient-country"] ?? [];
      expect(countries.length > 0 || a["recipient-region"]).toBeTruthy();
      const total = countries.reduce((s: number, c: Record<string, string>) => s + Number(c["@_percentage"]), 0);
      if (countries.length) expect(total).toBe(100);
      for (const c of countries) expect(["KZ", "KG", "TJ", "TM", "UZ"]).toContain(c["@_code"]);
    }
    const completed = activities.find((a: Record<string, string>) => a["iati-identifier"].endsWith("CAJH-01"));
    expect(completed["activity-status"]["@_code"]).toBe("3");
  });

  it("the CSV has one row per proposal of the filter", async () => {
    const rows = await proposalsForExport(parseProposalFilters(new URLSearchParams("area=energy")));
    const csv = proposalsCsv(rows);
    expect(csv.trim().split("\n").length).toBe(1 + (await list("area=energy")).total);
    expect(csv.charCodeAt(0)).toBe(0xfeff);
  });
});
