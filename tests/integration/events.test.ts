// Issue 15, events and follow-ups: the demo data's events and documents (hashed files, quotes
// located in their text), the proposal page's quote in context and follow-up chain, and the
// follow-up rules (unknown, itself, cycles), on whichever database the suite runs against.
import { createHash } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { readDb } from "~/db.server";
import { RuleError } from "~/lib/errors";
import { getEvent, listEvents } from "~/modules/events/queries.server";
import { getProposal } from "~/modules/proposals/queries.server";
import { updateProposal } from "~/modules/proposals/service.server";
import { seedDemoData } from "../../prisma/seed";
import { actor, ctx, proposalByRef } from "../support/factories";
import { sqlRun } from "../support/sql";

beforeAll(() => seedDemoData({ quiet: true }));

/** The edit form's fields for a proposal as it is now, with the follow-up asked for. */
async function editWith(
  reference: string,
  followUp: { reference: string; kind?: "reaffirms" | "extends" | "replaces" },
  changes: Record<string, unknown> = {},
) {
  const p = await readDb.proposal.findUniqueOrThrow({ where: { reference }, include: { countries: true } });
  const manager = await actor("manager@example.org");
  return updateProposal(
    manager,
    p.id,
    {
      title: p.title,
      summary: p.summary,
      area: p.area,
      proposingParty: p.proposingParty,
      countries: p.countries.map((c) => c.country),
      sourceQuote: p.sourceQuote,
      leadOrganisation: p.leadOrganisation,
      targetDate: p.targetDate?.toISOString().slice(0, 10),
      priority: p.priority,
      version: p.version,
      followUp,
      ...changes,
    },
    ctx,
  );
}

describe("the demo events", () => {
  it("are the Tokyo summit, the 9th foreign ministers' meeting, the 2004 launch and the earlier projects, as precise as their source", async () => {
    const events = await listEvents();
    const bySlug = new Map(events.map((e) => [e.slug, e]));
    expect([...bySlug.keys()].sort()).toEqual(["caj-dialogue-launch-2004", "caj-dialogue-projects", "caj-fm-09-2022", "caj-summit-2025"]);
    expect(bySlug.get("caj-summit-2025")).toMatchObject({ kind: "summit", datePrecision: "day", place: "Tokyo, Japan", proposals: 25, documents: 1 });
    expect(bySlug.get("caj-fm-09-2022")).toMatchObject({ kind: "ministerial", datePrecision: "year", place: "Tokyo, Japan", proposals: 0 });
    // The source names the year of the launch and nothing else: no date, no place is invented.
    expect(bySlug.get("caj-dialogue-launch-2004")).toMatchObject({ datePrecision: "year", place: "" });
    expect(bySlug.get("caj-summit-2025")!.countries).toEqual(["JP", "KZ", "KG", "TJ", "TM", "UZ"]);
    // Newest first.
    expect(events[0].slug).toBe("caj-summit-2025");
  });

  it("keep each document's original file under its SHA-256, with the hash in the audit event that added it", async () => {
    const documents = await readDb.sourceDocument.findMany({
      select: { id: true, sha256: true, byteSize: true, text: true, file: { select: { content: true } } },
    });
    expect(documents).toHaveLength(2);
    for (const d of documents) {
      expect(createHash("sha256").update(d.file.content).digest("hex")).toBe(d.sha256);
      expect(d.file.content.byteLength).toBe(d.byteSize);
      const event = await readDb.auditEvent.findFirstOrThrow({ where: { action: "document.added", entityId: d.id } });
      expect(JSON.parse(event.changes)).toContainEqual({ field: "sha256", from: null, to: d.sha256 });
    }
  });

  it("point every demo proposal at the exact span of its document its quote comes from", async () => {
    const proposals = await readDb.proposal.findMany({
      select: { reference: true, sourceQuote: true, quoteStart: true, quoteEnd: true, sourceDocument: { select: { text: true } } },
    });
    expect(proposals).toHaveLength(44);
    for (const p of proposals) {
      expect(p.sourceDocument, p.reference).not.toBeNull();
      expect(p.sourceDocument!.text.slice(p.quoteStart!, p.quoteEnd!), p.reference).toBe(p.sourceQuote);
    }
  });

  it("an event's page lists its proposals, their status counts and its documents", async () => {
    const summit = await readDb.summit.findUniqueOrThrow({ where: { slug: "caj-summit-2025" } });
    const event = await getEvent(summit.id);
    expect(event.proposals.map((p) => p.reference)).toEqual(Array.from({ length: 25 }, (_, i) => `CAJ25-${String(i + 1).padStart(2, "0")}`));
    expect(event.statusCounts.reduce((n, s) => n + s.n, 0)).toBe(25);
    expect(event.documents[0]).toMatchObject({ fileName: "001_919d899f44ccd421.txt", language: "en", kind: "text" });
  });
});

describe("the proposal page's quote", () => {
  it("is shown in its paragraph: the sentence before it in the same paragraph comes with it", async () => {
    const p = await getProposal((await proposalByRef("CAJ25-02")).id);
    expect(p.quote).toMatchObject({ quote: "Readiness was expressed to host one of these future meetings in Uzbekistan.", after: "", clippedBefore: false });
    expect(p.quote!.before).toMatch(/^First, it was proposed to hold summits at the heads-of-state level/);
  });

  it("follows an edited quote to its new place in the document, and is dropped when the document does not say it", async () => {
    await editWith("CAJ25-02", { reference: "" }, { sourceQuote: "Readiness was expressed to host one of these future meetings" });
    let p = await getProposal((await proposalByRef("CAJ25-02")).id);
    expect(p.quote).toMatchObject({ quote: "Readiness was expressed to host one of these future meetings", after: " in Uzbekistan." });
    await editWith("CAJ25-02", { reference: "" }, { sourceQuote: "A quote the report never had." });
    p = await getProposal((await proposalByRef("CAJ25-02")).id);
    expect(p.quote).toBeNull();
    expect(p.sourceQuote).toBe("A quote the report never had.");
  });

  it("the database refuses a span that is backwards or has no document", async () => {
    const id = (await proposalByRef("CAJ25-03")).id;
    await expect(sqlRun(`UPDATE "Proposal" SET "quoteStart" = 10, "quoteEnd" = 5 WHERE "id" = ?`, id)).rejects.toThrow();
    await expect(sqlRun(`UPDATE "Proposal" SET "sourceDocumentId" = NULL WHERE "id" = ?`, id)).rejects.toThrow();
  });
});

describe("follow-ups", () => {
  it("link a proposal to an earlier one, audited like a field, and the page shows the chain both ways", async () => {
    await editWith("CAJ25-06", { reference: "caj25-05", kind: "extends" });
    await editWith("CAJ25-07", { reference: "CAJ25-06", kind: "reaffirms" });
    const middle = await getProposal((await proposalByRef("CAJ25-06")).id);
    expect(middle.followsUp).toMatchObject({ kind: "extends", reference: "CAJ25-05" });
    expect(middle.chain.map((c) => [c.direction, c.depth, c.reference])).toEqual([
      ["earlier", 1, "CAJ25-05"],
      ["later", 1, "CAJ25-07"],
    ]);
    const last = await getProposal((await proposalByRef("CAJ25-07")).id);
    expect(last.chain.filter((c) => c.direction === "earlier").map((c) => c.reference)).toEqual(["CAJ25-06", "CAJ25-05"]);
    const first = await getProposal((await proposalByRef("CAJ25-05")).id);
    expect(first.chain.map((c) => [c.direction, c.depth, c.reference, c.kind])).toEqual([
      ["later", 1, "CAJ25-06", "extends"],
      ["later", 2, "CAJ25-07", "reaffirms"],
    ]);
    const event = await readDb.auditEvent.findFirstOrThrow({ where: { action: "proposal.updated", proposalId: middle.id }, orderBy: { seq: "desc" } });
    expect(JSON.parse(event.changes)).toEqual([
      { field: "followsUp", from: "", to: "CAJ25-05" },
      { field: "followUpKind", from: "", to: "extends" },
    ]);
  });

  it("refuse an unknown reference, the proposal itself and a link that would close a circle, as field errors that change nothing", async () => {
    const version = (await proposalByRef("CAJ25-05")).version;
    const fieldOf = (p: Promise<unknown>) =>
      p.then(
        () => "written",
        (e: unknown) => (e instanceof RuleError ? `${e.status} ${e.field}` : String(e)),
      );
    expect(await fieldOf(editWith("CAJ25-05", { reference: "CAJ99-99", kind: "extends" }))).toBe("400 followsUp");
    expect(await fieldOf(editWith("CAJ25-05", { reference: "CAJ25-05", kind: "extends" }))).toBe("400 followsUp");
    expect(await fieldOf(editWith("CAJ25-05", { reference: "CAJ25-07", kind: "extends" }))).toBe("400 followsUp");
    expect(await fieldOf(editWith("CAJ25-05", { reference: "CAJ25-01" }))).toBe("400 followUpKind");
    expect((await proposalByRef("CAJ25-05")).version).toBe(version);
    expect(await readDb.proposalFollowUp.count({ where: { proposal: { reference: "CAJ25-05" } } })).toBe(0);
  });

  it("an empty reference removes the link; a form that does not send one leaves it", async () => {
    await editWith("CAJ25-07", { reference: "" });
    expect(await readDb.proposalFollowUp.count({ where: { proposal: { reference: "CAJ25-07" } } })).toBe(0);
    const p = await readDb.proposal.findUniqueOrThrow({ where: { reference: "CAJ25-06" }, include: { countries: true } });
    const manager = await actor("manager@example.org");
    await updateProposal(
      manager,
      p.id,
      { ...p, countries: p.countries.map((c) => c.country), targetDate: undefined, title: "Renamed", version: p.version },
      ctx,
    );
    expect(await readDb.proposalFollowUp.count({ where: { proposal: { reference: "CAJ25-06" } } })).toBe(1);
  });
});
