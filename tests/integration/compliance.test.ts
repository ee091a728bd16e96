// Issue 16, compliance rounds and scores: who may open, close and reopen a round (with a note),
// who may score, the evidence rule for +1 and −1, a closed round refusing writes, stale scores,
// every change audited with its previous value, and the matrix and scorecard figures that follow
// — on whichever database the suite runs against.
import { beforeAll, describe, expect, it } from "vitest";
import { readDb } from "~/db.server";
import { ConflictError, ForbiddenError, RuleError } from "~/lib/errors";
import { roundMatrix, scorecard } from "~/modules/compliance/queries.server";
import { closeRound, openRound, recordScore, reopenRound } from "~/modules/compliance/service.server";
import { addEvidence } from "~/modules/evidence/service.server";
import { parseProposalFilters } from "~/modules/proposals/filters.server";
import { seedDemoData } from "../../prisma/seed";
import { pdfBytes } from "../support/evidence-files";
import { actor, ctx, proposalByRef } from "../support/factories";

beforeAll(() => seedDemoData({ quiet: true }));

const everything = parseProposalFilters(new URLSearchParams());
const version = async (roundId: string) => (await readDb.assessmentRound.findUniqueOrThrow({ where: { id: roundId } })).version;
const scoreVersion = async (roundId: string, proposalId: string, country: "JP" | "KZ" | "KG" | "TJ" | "TM" | "UZ") =>
  (await readDb.complianceScore.findUnique({ where: { roundId_proposalId_country: { roundId, proposalId, country } } }))?.version ?? 0;

describe("assessment rounds", () => {
  it("a manager opens, closes and reopens a round (the reopening needs a note); an analyst may do none of it", async () => {
    const manager = await actor("manager@example.org");
    const analyst = await actor("analyst@example.org");
    await expect(openRound(analyst, { name: "Analyst's round", kind: "interim", cutoff: "2026-12-31" }, ctx)).rejects.toBeInstanceOf(ForbiddenError);
    const round = await openRound(manager, { name: "Round A", kind: "interim", cutoff: "2026-12-31" }, ctx);
    await expect(openRound(manager, { name: "Round A", kind: "final", cutoff: "2027-12-31" }, ctx)).rejects.toMatchObject({ status: 409, field: "name" });

    await expect(closeRound(analyst, { roundId: round.id, version: 1 }, ctx)).rejects.toBeInstanceOf(ForbiddenError);
    await closeRound(manager, { roundId: round.id, version: 1 }, ctx);
    expect(await readDb.assessmentRound.findUniqueOrThrow({ where: { id: round.id } })).toMatchObject({ status: "closed", version: 2 });
    // A stale close, and a second close.
    await expect(closeRound(manager, { roundId: round.id, version: 1 }, ctx)).rejects.toBeInstanceOf(ConflictError);
    await expect(closeRound(manager, { roundId: round.id, version: 2 }, ctx)).rejects.toBeInstanceOf(RuleError);

    await expect(reopenRound(manager, { roundId: round.id, version: 2, note: "  " }, ctx)).rejects.toMatchObject({ status: 422, field: "note" });
    await reopenRound(manager, { roundId: round.id, version: 2, note: "A late submission from the Kazakh side." }, ctx);
    const reopened = await readDb.auditEvent.findFirstOrThrow({ where: { action: "round.reopened", entityId: round.id } });
    expect(reopened.reason).toBe("A late submission from the Kazakh side.");
    expect(await readDb.assessmentRound.findUniqueOrThrow({ where: { id: round.id } })).toMatchObject({ status: "open", closedAt: null });
    expect(await readDb.auditEvent.count({ where: { entityId: round.id, action: { in: ["round.opened", "round.closed", "round.reopened"] } } })).toBe(3);
  });
});

describe("scores", () => {
  it("records scores with the evidence rule, refuses what is not allowed, audits each change with its previous value", async () => {
    const manager = await actor("manager@example.org");
    const analyst = await actor("analyst@example.org"); // owns CAJ25-05
    const other = await actor("analyst2@example.org");
    const p = await proposalByRef("CAJ25-05");
    const round = await openRound(manager, { name: "Round B", kind: "interim", cutoff: "2026-06-30" }, ctx);
    const base = { roundId: round.id, proposalId: p.id, rationale: "Working group met twice.", cite: [] as string[] };

    // 0 needs no evidence; +1 and −1 do.
    await recordScore(analyst, { ...base, country: "KZ", score: "0", version: 0 }, null, ctx);
    for (const score of ["1", "-1"] as const) {
      const error = await recordScore(analyst, { ...base, country: "UZ", score, version: 0 }, null, ctx).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(RuleError);
      expect((error as Error).message).toContain("needs evidence");
    }
    // Cited evidence of the proposal, or a new item in the same write.
    const item = await addEvidence(
      analyst,
      p.id,
      {},
      { kind: "link", title: "Hub opened", url: "https://example.org/hub", publisher: "", publishedOn: "" },
      ctx,
    );
    await recordScore(analyst, { ...base, country: "UZ", score: "1", cite: [item.id], version: 0 }, null, ctx);
    const pdf = await pdfBytes("Japan's contribution transferred.");
    await recordScore(
      analyst,
      { ...base, country: "JP", score: "1", version: 0 },
      { kind: "file", title: "Transfer note", publisher: "JICA", publishedOn: "2026-05-01", bytes: pdf, fileName: "transfer.pdf" },
      ctx,
    );
    await recordScore(analyst, { ...base, country: "TM", score: "na", rationale: "Turkmenistan takes no part in this programme.", version: 0 }, null, ctx);
    const jp = await readDb.complianceScore.findUniqueOrThrow({
      where: { roundId_proposalId_country: { roundId: round.id, proposalId: p.id, country: "JP" } },
      include: { evidence: { include: { evidence: true } } },
    });
    expect(jp.evidence.map((e) => e.evidence.title)).toEqual(["Transfer note"]);

    // Not allowed: another analyst; a country that is not a party; evidence of another proposal; a stale version.
    await expect(recordScore(other, { ...base, country: "KG", score: "0", version: 0 }, null, ctx)).rejects.toBeInstanceOf(ForbiddenError);
    const historical = await proposalByRef("CAJH-04"); // JP and KZ only
    await expect(recordScore(manager, { ...base, proposalId: historical.id, country: "TJ", score: "0", version: 0 }, null, ctx)).rejects.toMatchObject({
      status: 422,
      field: "country",
    });
    const foreign = await addEvidence(
      manager,
      historical.id,
      {},
      { kind: "link", title: "Elsewhere", url: "https://example.org/x", publisher: "", publishedOn: "" },
      ctx,
    );
    await expect(recordScore(analyst, { ...base, country: "KG", score: "1", cite: [foreign.id], version: 0 }, null, ctx)).rejects.toMatchObject({
      status: 422,
      field: "cite",
    });
    await expect(recordScore(analyst, { ...base, country: "KZ", score: "1", cite: [item.id], version: 0 }, null, ctx)).rejects.toBeInstanceOf(ConflictError);

    // A change: audited with its previous value.
    await recordScore(analyst, { ...base, country: "KZ", score: "1", cite: [item.id], rationale: "The hub's Kazakh node opened.", version: 1 }, null, ctx);
    const kz = await readDb.complianceScore.findUniqueOrThrow({
      where: { roundId_proposalId_country: { roundId: round.id, proposalId: p.id, country: "KZ" } },
    });
    const event = await readDb.auditEvent.findFirstOrThrow({ where: { action: "score.recorded", entityId: kz.id }, orderBy: { seq: "desc" } });
    const changes = JSON.parse(event.changes) as { field: string; from: unknown; to: unknown }[];
    expect(changes).toEqual(
      expect.arrayContaining([
        { field: "score", from: "0", to: "+1" },
        { field: "rationale", from: "Working group met twice.", to: "The hub's Kazakh node opened." },
        { field: "evidence", from: null, to: "Hub opened" },
      ]),
    );
    // The same values again: nothing written.
    const events = await readDb.auditEvent.count();
    expect(
      await recordScore(analyst, { ...base, country: "KZ", score: "1", cite: [item.id], rationale: "The hub's Kazakh node opened.", version: 2 }, null, ctx),
    ).toMatchObject({ changed: false });
    expect(await readDb.auditEvent.count()).toBe(events);
    // Same score, rationale and a new upload titled like the item it replaces: a change, by id.
    const replaced = await recordScore(
      analyst,
      { ...base, country: "KZ", score: "1", rationale: "The hub's Kazakh node opened.", version: 2 },
      { kind: "file", title: "Hub opened", publisher: "", publishedOn: "", bytes: await pdfBytes("Corrected notice."), fileName: "hub.pdf" },
      ctx,
    );
    expect(replaced).toMatchObject({ changed: true });
    const cites = await readDb.scoreEvidence.findMany({ where: { scoreId: kz.id }, select: { evidenceId: true } });
    expect(cites.map((c) => c.evidenceId)).not.toContain(item.id);

    // The matrix: KZ +1, UZ +1, JP +1, TM n/a, KG and TJ not scored.
    const matrix = await roundMatrix(round.id, everything);
    const row = matrix.rows.find((r) => r.reference === "CAJ25-05")!;
    expect(row.summary).toMatchObject({ counted: 3, notApplicable: 1, notScored: 2, average: 1, percent: 100 });
    expect(row.cells.TM).toMatchObject({ scored: true, score: null });
    expect(row.cells.KG).toMatchObject({ scored: false });
    expect(matrix.byCountry.KZ.summary).toMatchObject({ counted: 1, percent: 100 });
    // The round covers commitments made by its cut-off only: every row's event is on or before 2026-06-30.
    expect(matrix.rows.length).toBeGreaterThan(0);
  });

  it("a closed round refuses every score; reopened, it takes them again; the next round shows the change", async () => {
    const manager = await actor("manager@example.org");
    const p = await proposalByRef("CAJ25-06");
    const first = await openRound(manager, { name: "Round C", kind: "interim", cutoff: "2027-01-31" }, ctx);
    const base = { roundId: first.id, proposalId: p.id, rationale: "Consultations under way.", cite: [] as string[] };
    await recordScore(manager, { ...base, country: "TJ", score: "0", version: 0 }, null, ctx);
    await closeRound(manager, { roundId: first.id, version: await version(first.id) }, ctx);
    const error = await recordScore(manager, { ...base, country: "TJ", score: "-1", version: 1 }, null, ctx).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RuleError);
    expect((error as RuleError).status).toBe(409);
    expect((error as Error).message).toContain("is closed");
    expect((await readDb.complianceScore.findFirstOrThrow({ where: { roundId: first.id, country: "TJ", proposalId: p.id } })).score).toBe(0);

    await reopenRound(manager, { roundId: first.id, version: await version(first.id), note: "Correction requested by Dushanbe." }, ctx);
    await recordScore(manager, { ...base, country: "KG", score: "0", version: 0 }, null, ctx);
    await closeRound(manager, { roundId: first.id, version: await version(first.id) }, ctx);

    // The final round a year on: TJ +1 (from 0): a change of +50 points for Tajikistan on this commitment set.
    const final = await openRound(manager, { name: "Round C final", kind: "final", cutoff: "2027-07-31" }, ctx);
    const item = await addEvidence(
      manager,
      p.id,
      {},
      { kind: "link", title: "Centre opened", url: "https://example.org/tj", publisher: "", publishedOn: "" },
      ctx,
    );
    await recordScore(
      manager,
      { ...base, roundId: final.id, country: "TJ", score: "1", cite: [item.id], version: await scoreVersion(final.id, p.id, "TJ") },
      null,
      ctx,
    );
    const only = parseProposalFilters(new URLSearchParams({ q: p.title }));
    const matrix = await roundMatrix(final.id, only);
    expect(matrix.previousRound?.id).toBe(first.id);
    expect(matrix.byCountry.TJ).toMatchObject({ summary: { percent: 100 }, change: 50 });

    const card = await scorecard("TJ", only);
    const commitment = card.commitments.find((c) => c.reference === "CAJ25-06")!;
    const ofRound = (id: string) => commitment.scores.find((s) => s.roundId === id)!;
    expect(ofRound(first.id)).toMatchObject({ scored: true, score: 0 });
    expect(ofRound(final.id)).toMatchObject({ scored: true, score: 1, evidence: [expect.objectContaining({ title: "Centre opened" })] });
    const trend = card.rounds.filter((r) => [first.id, final.id].includes(r.round.id));
    expect(trend.map((t) => t.summary.percent)).toEqual([50, 100]);
    expect(trend[1].change).toBe(50);
  });
});
