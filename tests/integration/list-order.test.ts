// The list's sort orders come from the vocabulary (STATUSES, HEALTHS, AREAS), not from hand-written
// CASEs or the alphabet; the timeline and briefing group areas the same way.
import { beforeAll, describe, expect, it } from "vitest";
import { parseProposalFilters } from "~/modules/proposals/filters.server";
import { boardProposals, briefingData, listProposals, timelineProposals } from "~/modules/proposals/queries.server";
import { AREAS, HEALTHS, STATUSES } from "~/modules/proposals/vocabulary";
import { seedDemoData } from "../../prisma/seed";

beforeAll(() => seedDemoData({ quiet: true }));
const filters = (query: string) => parseProposalFilters(new URLSearchParams(query));
const list = (query: string) => listProposals(filters(query));

/** Ranks of `values` in `vocabulary`, which must never go down. */
const inOrder = (values: string[], vocabulary: readonly string[]) => {
  const ranks = values.map((v) => vocabulary.indexOf(v));
  return ranks.every((r, i) => r >= 0 && (i === 0 || r >= ranks[i - 1]));
};

describe("list order", () => {
  it.each([
    ["status", STATUSES],
    ["health", HEALTHS],
    ["area", AREAS],
  ] as const)("sorting by %s follows the vocabulary, both ways, then the reference", async (key, vocabulary) => {
    const asc = await list(`sort=${key}`);
    const desc = await list(`sort=${key}&dir=desc`);
    expect(asc.rows.length).toBe(44);
    expect(
      inOrder(
        asc.rows.map((r) => r[key]),
        vocabulary,
      ),
    ).toBe(true);
    expect(inOrder(desc.rows.map((r) => r[key]).reverse(), vocabulary)).toBe(true);
    // Within one value, by reference.
    const first = asc.rows.filter((r) => r[key] === asc.rows[0][key]).map((r) => r.reference);
    expect(first).toEqual([...first].sort());
    // More than one value is present, or the check above proves nothing.
    expect(new Set(asc.rows.map((r) => r[key])).size).toBeGreaterThan(1);
  });

  it("sorts titles without regard to case and puts missing target dates last (first when descending)", async () => {
    const titles = (await list("sort=title")).rows.map((r) => r.title.toLowerCase());
    expect(titles).toEqual([...titles].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    const asc = (await list("sort=targetDate")).rows.map((r) => r.targetDate);
    const desc = (await list("sort=targetDate&dir=desc")).rows.map((r) => r.targetDate);
    const dated = asc.filter((d): d is string => d !== null);
    expect(asc).toEqual([...dated.sort(), ...asc.filter((d) => d === null)]);
    expect(desc[0] === null || !asc.includes(null)).toBe(true);
  });

  it("groups the timeline and the briefing by area in the vocabulary's order", async () => {
    const timeline = await timelineProposals(filters(""));
    expect(
      inOrder(
        timeline.map((p) => p.area),
        AREAS,
      ),
    ).toBe(true);
    const briefing = await briefingData(filters(""));
    expect(
      inOrder(
        briefing.map((p) => p.area),
        AREAS,
      ),
    ).toBe(true);
  });

  it("gives each board column its cards by reference and its total from the list's filter", async () => {
    const board = await boardProposals(filters("historical=exclude"), 3);
    for (const status of STATUSES) {
      const cards = board.cards.filter((c) => c.status === status).map((c) => c.reference);
      expect(cards).toEqual([...cards].sort());
      const total = (await list(`historical=exclude&status=${status}`)).total;
      expect(board.totals[status] ?? 0, status).toBe(total);
      expect(cards.length).toBe(Math.min(3, total));
    }
  });
});
