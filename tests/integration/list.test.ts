import { beforeAll, describe, expect, it } from "vitest";
import { listProposals } from "~/modules/proposals/queries.server";
import { parseProposalFilters } from "~/modules/proposals/filters.server";
import { seedDemoData } from "../../prisma/seed";
import { actor } from "../support/factories";

beforeAll(() => seedDemoData({ quiet: true }));
const list = (query: string) => listProposals(parseProposalFilters(new URLSearchParams(query)));

describe("the proposal list", () => {
  it("shows everything without filters, 50 to a page", async () => {
    const all = await list("");
    expect(all.total).toBe(44);
    expect(all.rows).toHaveLength(44);
  });

  it("narrows by status, area, owner, country and text, and combines them", async () => {
    const all = (await list("")).total;
    const inProgress = await list("status=in_progress");
    expect(inProgress.total).toBeGreaterThan(0);
    expect(inProgress.total).toBeLessThan(all);
    expect(inProgress.rows.every((r) => r.status === "in_progress")).toBe(true);

    const energy = await list("area=energy");
    expect(energy.rows.every((r) => r.area === "energy")).toBe(true);

    const aigerim = await actor("analyst@example.org");
    const owned = await list(`owner=${aigerim.id}`);
    expect(owned.rows.every((r) => r.ownerId === aigerim.id)).toBe(true);
    expect(owned.total).toBeLessThan(all);

    const kg = await list("country=KG");
    expect(kg.rows.map((r) => r.reference)).toEqual(expect.arrayContaining(["CAJH-06", "CAJH-08", "CAJH-16"]));
    expect(kg.rows.map((r) => r.reference)).not.toContain("CAJH-01");

    const tashkent = await list("q=Tashkent");
    expect(tashkent.rows.map((r) => r.reference).sort()).toEqual(["CAJ25-06", "CAJ25-16", "CAJ25-20", "CAJ25-21"]); // 20 quotes the Tashkent centre too

    const both = await list("q=Tashkent&area=energy");
    expect(both.rows.map((r) => r.reference)).toEqual(["CAJ25-16"]);
  });

  it("treats % and _ in the search as text", async () => {
    expect((await list("q=%25")).total).toBe(0);
  });

  it("sorts by any column in both directions", async () => {
    const asc = await list("sort=progress&dir=asc");
    const desc = await list("sort=progress&dir=desc");
    const score = (p: number | null) => p ?? -1;
    for (let i = 1; i < asc.rows.length; i++) expect(score(asc.rows[i].progress)).toBeGreaterThanOrEqual(score(asc.rows[i - 1].progress));
    expect(desc.rows[0].progress).toBe(1);
  });

  it("ignores unknown filter values instead of failing", async () => {
    expect((await list("status=bogus&page=-3&sort=nope")).total).toBe(44);
  });

  it("reads a value repeated in the URL once, in the vocabulary's order (one SQL shape per filter, whatever the URL)", async () => {
    const repeated = parseProposalFilters(new URLSearchParams(`${"status=agreed&".repeat(300)}status=proposed&area=energy&area=digital&area=energy`));
    expect(repeated.status).toEqual(["proposed", "agreed"]);
    expect(repeated.area).toEqual(["digital", "energy"]);
    expect((await list("status=agreed&status=agreed")).total).toBe((await list("status=agreed")).total);
  });
});
