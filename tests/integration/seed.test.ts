import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { databaseTarget, readDb } from "~/db.server";
import { verifyChain } from "~/modules/audit/verify.server";
import { seedDemoData } from "../../prisma/seed";

// Every concrete proposal of the summit report (prisma/sources/001_…), by title.
const SUMMIT_TITLES = [
  "Hold Central Asia + Japan summits every two years",
  "Host a future Central Asia + Japan summit in Uzbekistan",
  "Permanent Central Asia + Japan mechanism on justice and law",
  "First meeting of ministers of justice in Tokyo",
  '"Central Asia – Japan 2040" Cooperation Strategy',
  "Central Asia + Japan Expert Forum of leading analytical institutions",
  "Expand Japanese financial institutions' support for trade and investment projects",
  "Investment Fund for the Development of Infrastructure and Industry of Central Asia",
  '"Quality Infrastructure" Program',
  "Central Asian network of Japanese technoparks",
  '"Central Asia – Japan" Digital Hub',
  "Japanese investment in high-speed railways and highways",
  "Digitalisation of transport corridors",
  "Construction of airports and logistics centres with Japanese support",
  "Joint projects on cogeneration, loss reduction and carbon capture",
  "Regional Training Center for Renewable Energy Specialists in Tashkent",
  "Joint Program to improve air quality in Central Asia",
  "Joint Action Plan on combating climate change",
  "Meetings of heads of environmental authorities within the Dialogue",
  "Joint programme to assess and enhance seismic resilience",
  "Regional Advanced Training Center in Tashkent for seismic safety",
  "First Meeting of Ministers of Education in Uzbekistan",
  "Forum of Rectors of leading universities",
  "Regional Network Youth Development Program",
  "Coordination on a peaceful and stable Afghanistan",
];

beforeAll(async () => {
  await seedDemoData({ quiet: true });
});

describe("the demo seed", () => {
  it("contains every summit proposal, each with a source quote, an analyst owner and 1–3 milestones", async () => {
    const rows = await readDb.proposal.findMany({
      where: { historical: false },
      select: { title: true, sourceQuote: true, status: true, owner: { select: { role: true } }, _count: { select: { milestones: true } } },
    });
    expect(rows.map((r) => r.title).sort()).toEqual([...SUMMIT_TITLES].sort());
    expect(rows.length).toBeGreaterThanOrEqual(19);
    for (const r of rows) {
      expect(r.sourceQuote.length).toBeGreaterThan(40);
      expect(r.owner.role).toBe("analyst");
      expect(r._count.milestones).toBeGreaterThanOrEqual(1);
      expect(r._count.milestones).toBeLessThanOrEqual(3);
    }
  });

  it("quotes the source texts shipped in prisma/sources/ verbatim, every proposal from its own summit's text", async () => {
    // Read here, not through the seed's own check, so a fault in that check cannot hide a misquote.
    const sources = path.resolve(__dirname, "../../prisma/sources");
    const files = fs
      .readdirSync(sources)
      .filter((f) => f.endsWith(".txt"))
      .sort();
    expect(files).toEqual(["000_d8cac617cc243143.txt", "001_919d899f44ccd421.txt"]);
    const text = new Map(files.map((f) => [f, fs.readFileSync(path.join(sources, f), "utf8")]));
    for (const t of text.values()) expect(t.length).toBeGreaterThan(5000);

    const rows = await readDb.proposal.findMany({ select: { reference: true, sourceQuote: true, summit: { select: { sourceDocument: true } } } });
    expect(rows).toHaveLength(44);
    let checked = 0;
    for (const r of rows) {
      const file = r.summit.sourceDocument.split(" ")[0];
      expect(text.has(file), `${r.reference}: its summit's source document ${file} is in prisma/sources/`).toBe(true);
      expect(r.sourceQuote.length, `${r.reference} has a quote`).toBeGreaterThan(40);
      expect(text.get(file)!.includes(r.sourceQuote), `${r.reference} quote is verbatim in ${file}`).toBe(true);
      checked++;
    }
    expect(checked).toBe(44);
    // The check can fail: the same quote with one character changed is not found.
    const first = rows[0]!;
    const altered = first.sourceQuote.slice(0, 20) + (first.sourceQuote[20] === "x" ? "y" : "x") + first.sourceQuote.slice(21);
    expect(text.get(first.summit.sourceDocument.split(" ")[0])!.includes(altered)).toBe(false);
  });

  it("records the Japan-financed projects as historical with their real years", async () => {
    const rows = await readDb.proposal.findMany({ where: { historical: true }, select: { title: true, status: true } });
    const titles = rows.map((r) => r.title).join("\n");
    for (const expected of ["(1996–1999)", "Tashguzar–Kumkurgan railway (2004)", "Karshi–Termez", "USD 153 million", "Turakurgan", "1,000 MW", "Sughd-500"]) {
      expect(titles).toContain(expected);
    }
    expect(rows.length).toBeGreaterThanOrEqual(15);
  });

  it("has one demo user per role and is idempotent", async () => {
    await seedDemoData({ quiet: true });
    expect(await readDb.proposal.count()).toBe(44);
    const roles = await readDb.user.findMany({ select: { email: true, role: true }, orderBy: { email: "asc" } });
    expect(roles).toEqual([
      { email: "admin@example.org", role: "admin" },
      { email: "analyst2@example.org", role: "analyst" },
      { email: "analyst@example.org", role: "analyst" },
      { email: "manager@example.org", role: "manager" },
      { email: "viewer@example.org", role: "viewer" },
    ]);
  });

  it("leaves a verifiable audit chain", async () => {
    const result = await verifyChain(databaseTarget);
    expect(result.ok).toBe(true);
    // 44 proposals, 5 users, the 2 source documents, and the interim round: opened and closed,
    // the preview article as evidence on the 19 historical projects, 134 scores.
    expect(result.count).toBe(44 + 5 + 2 + 2 + 19 + 134);
  });
});

describe("the demo's interim round (issue 16)", () => {
  it("is closed, scores built historical projects +1 with the preview article as evidence, and leaves proposals not yet agreed unscored", async () => {
    const round = await readDb.assessmentRound.findUniqueOrThrow({ where: { name: "Interim assessment 2026" } });
    expect(round).toMatchObject({ status: "closed", kind: "interim" });
    const built = await readDb.complianceScore.findMany({
      where: { roundId: round.id, proposal: { historical: true, status: "completed" } },
      include: { evidence: { include: { evidence: { include: { file: { select: { sha256: true } } } } } } },
    });
    expect(built.length).toBeGreaterThan(0);
    for (const s of built) {
      expect(s.score).toBe(1);
      expect(s.evidence.map((e) => e.evidence.fileName)).toEqual(["000_d8cac617cc243143.txt"]);
    }
    // Proposed and under review: no score; nothing scored −1 (the seed texts report no failure).
    expect(await readDb.complianceScore.count({ where: { roundId: round.id, proposal: { status: { in: ["proposed", "under_review"] } } } })).toBe(0);
    expect(await readDb.complianceScore.count({ where: { roundId: round.id, score: -1 } })).toBe(0);
  });
});
