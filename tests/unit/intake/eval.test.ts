import { execFileSync, spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { evaluateFixtures, evaluateSummitReport, SUMMIT_REPORT } from "../../../scripts/intake-evaluation";

describe("the rules on the summit report (npm run intake:eval)", () => {
  it("find at least 23 of the 25 demo proposals with at most 40 candidates, agreeing on area and party", async () => {
    const e = await evaluateSummitReport();
    expect(e.labels).toBe(25);
    expect(e.unlocated).toEqual([]);
    expect(e.found.length, `missed ${e.missed.map((l) => l.reference).join(", ")}`).toBeGreaterThanOrEqual(23);
    expect(e.candidates.length).toBeLessThanOrEqual(40);
    expect(e.agreement.area.best).toBeGreaterThanOrEqual(22);
    expect(e.agreement.party.best).toBeGreaterThanOrEqual(22);
  });
});

describe("the rules on the hand-labelled Russian texts", () => {
  it("find every labelled commitment and take no background sentence", async () => {
    const results = await evaluateFixtures("ru");
    expect(results.length).toBeGreaterThanOrEqual(1);
    for (const r of results) {
      expect(r.unlocated, r.name).toEqual([]);
      expect(
        r.missed.map((l) => l.quote),
        r.name,
      ).toEqual([]);
      expect(r.backgroundTaken, r.name).toEqual([]);
      expect(r.candidates.length, r.name).toBeLessThanOrEqual(r.labels + 1);
    }
  });
});

describe("npm run intake:candidates", () => {
  const tsx = path.resolve("node_modules/.bin/tsx");

  it("prints one JSON object per candidate and nothing else", () => {
    const out = execFileSync(tsx, ["scripts/intake-candidates.ts", "--file", SUMMIT_REPORT, "--date", "2025-12-20"], { encoding: "utf8" });
    const lines = out.trimEnd().split("\n");
    expect(lines.length).toBeGreaterThanOrEqual(23);
    for (const line of lines)
      expect(Object.keys(JSON.parse(line))).toEqual(expect.arrayContaining(["quote", "title", "area", "party", "targetDate", "start", "end"]));
  });

  it("writes a refusal to stderr and exits 1, with nothing on stdout", () => {
    const r = spawnSync(tsx, ["scripts/intake-candidates.ts", "--file", "tests/fixtures/intake/encrypted.pdf"], { encoding: "utf8" });
    expect(r.status).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(/^encrypted: /);
  });
});
