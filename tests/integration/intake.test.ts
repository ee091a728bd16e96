// Issue 15, the intake's review on a real database (both providers): a document read into
// candidates in one transaction, a file the intake cannot read storing nothing, the review's
// edits (reject, split, merge, a span the rules missed), likely duplicates among existing
// proposals, and acceptance in one transaction per batch, one audit event per proposal.
import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { readDb } from "~/db.server";
import { RuleError } from "~/lib/errors";
import { createEvent } from "~/modules/events/service.server";
import { MAX_DOCUMENT_BYTES } from "~/modules/intake/extract.server";
import {
  acceptCandidates,
  addCandidate,
  addDocumentForReview,
  likelyDuplicates,
  mergeWithNext,
  reviewOf,
  saveDrafts,
  setCandidateRejected,
  splitCandidate,
} from "~/modules/intake/review.server";
import { MAX_UPLOAD_BYTES } from "~/modules/intake/schemas";
import { getProposal } from "~/modules/proposals/queries.server";
import { seedDemoData } from "../../prisma/seed";
import { actor, ctx } from "../support/factories";

const REPORT = fs.readFileSync(path.resolve("prisma/sources/001_919d899f44ccd421.txt"));
let eventId = "";

beforeAll(async () => {
  await seedDemoData({ quiet: true });
  const analyst = await actor("analyst@example.org");
  eventId = (
    await createEvent(
      analyst,
      {
        slug: "caj-fm-10-test",
        kind: "ministerial",
        name: "A later meeting (test)",
        date: new Date("2026-06-15T00:00:00.000Z"),
        datePrecision: "day",
        place: "Tashkent, Uzbekistan",
        sourceDocument: "",
        description: "",
        countries: ["JP", "KZ", "KG", "TJ", "TM", "UZ"],
      },
      ctx,
    )
  ).id;
});

async function addReport(title = "Report read again") {
  const analyst = await actor("analyst@example.org");
  const read = await addDocumentForReview(analyst, eventId, { bytes: REPORT, fileName: "report.txt", title }, ctx);
  if ("refusal" in read) throw new Error(read.refusal.message);
  return read;
}

describe("reading a document", () => {
  it("stores the file, its text and its candidates together, with the hash in the audit event", async () => {
    const read = await addReport();
    expect(read.candidates).toBeGreaterThanOrEqual(23);
    expect(read.candidates).toBeLessThanOrEqual(40);
    const { document, candidates } = await reviewOf(read.documentId);
    expect(document.text).toContain("Investment Fund for the Development of Infrastructure");
    expect(candidates).toHaveLength(read.candidates);
    for (const c of candidates) expect(document.text.slice(c.start, c.end)).toBe(c.quote);
    const event = await readDb.auditEvent.findFirstOrThrow({ where: { action: "document.added", entityId: read.documentId } });
    expect(JSON.parse(event.changes)).toContainEqual({ field: "sha256", from: null, to: document.sha256 });
  });

  it("a file it cannot read is refused with its reason and stores nothing", async () => {
    const analyst = await actor("analyst@example.org");
    const before = [
      await readDb.sourceDocument.count(),
      await readDb.storedFile.count(),
      await readDb.intakeCandidate.count(),
      await readDb.auditEvent.count(),
    ];
    const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...new Array(64).fill(0)]);
    const cases: [Uint8Array, string][] = [
      [new Uint8Array(0), "empty"],
      [png, "unsupported_type"],
      [new Uint8Array(MAX_DOCUMENT_BYTES + 1).fill(0x61), "too_large"],
    ];
    for (const [bytes, reason] of cases) {
      const read = await addDocumentForReview(analyst, eventId, { bytes, fileName: "statement.pdf", title: "" }, ctx);
      expect("refusal" in read && read.refusal.error).toBe(reason);
    }
    expect([
      await readDb.sourceDocument.count(),
      await readDb.storedFile.count(),
      await readDb.intakeCandidate.count(),
      await readDb.auditEvent.count(),
    ]).toEqual(before);
  });

  it("a file name with characters the fields refuse (a bidi override) is cleaned before it becomes the title", async () => {
    const analyst = await actor("analyst@example.org");
    const read = await addDocumentForReview(analyst, eventId, { bytes: REPORT, fileName: "report\u202Efdp.txt", title: "" }, ctx);
    if ("refusal" in read) throw new Error(read.refusal.message);
    const { document } = await reviewOf(read.documentId);
    expect(document.title).toBe("reportfdp.txt");
    expect(document.fileName).toBe("reportfdp.txt");
  });

  it("the form's limit is the reader's", () => {
    expect(MAX_UPLOAD_BYTES).toBe(MAX_DOCUMENT_BYTES);
  });

  it("a viewer may not add one (403, recorded)", async () => {
    const viewer = await actor("viewer@example.org");
    await expect(addDocumentForReview(viewer, eventId, { bytes: REPORT, fileName: "r.txt", title: "" }, ctx)).rejects.toMatchObject({ status: 403 });
  });
});

describe("reviewing candidates", () => {
  it("reject and bring back; split where words begin; merge with the next; add a span the rules missed", async () => {
    const analyst = await actor("analyst@example.org");
    const { documentId } = await addReport("Edited in review");
    let { candidates } = await reviewOf(documentId);
    const first = candidates[0];
    await setCandidateRejected(analyst, documentId, first.id, true, ctx);
    expect((await reviewOf(documentId)).candidates.find((c) => c.id === first.id)?.status).toBe("rejected");
    await setCandidateRejected(analyst, documentId, first.id, false, ctx);

    // Split the fund's candidate where the technoparks begin, if the rules kept them together;
    // else split the fund's own words.
    const fund = candidates.find((c) => c.quote.includes("Investment Fund"))!;
    const at = fund.quote.includes("Central Asian network") ? "create a Central Asian network" : "for the Development";
    await splitCandidate(analyst, documentId, fund.id, at, ctx);
    ({ candidates } = await reviewOf(documentId));
    const parts = candidates.filter((c) => c.origin === "split");
    expect(parts).toHaveLength(2);
    expect(parts[1].quote.startsWith(at)).toBe(true);
    expect(parts[0].end).toBeLessThanOrEqual(parts[1].start);

    await mergeWithNext(analyst, documentId, parts[0].id, ctx);
    ({ candidates } = await reviewOf(documentId));
    const merged = candidates.find((c) => c.origin === "merge")!;
    expect(merged.start).toBe(parts[0].start);
    expect(merged.end).toBe(parts[1].end);

    const missed = "Other leaders also addressed the summit.";
    await addCandidate(analyst, documentId, { quote: missed }, ctx);
    expect((await reviewOf(documentId)).candidates.some((c) => c.origin === "analyst" && c.quote === missed)).toBe(true);
    await expect(addCandidate(analyst, documentId, { quote: "Words the report never had." }, ctx)).rejects.toBeInstanceOf(RuleError);
    // Pasted from a page that wraps lines (a textarea sends CRLF): the same words, found.
    await addCandidate(analyst, documentId, { quote: "The Leader of Uzbekistan welcomed\r\nthe expansion of support" }, ctx);
    expect((await reviewOf(documentId)).candidates.some((c) => c.quote === "The Leader of Uzbekistan welcomed the expansion of support")).toBe(true);
    // A span longer than a proposal's quote may be is refused where it is typed.
    const { document } = await reviewOf(documentId);
    await expect(addCandidate(analyst, documentId, { quote: document.text.slice(0, 4500) }, ctx)).rejects.toMatchObject({ field: "quote" });
    await expect(splitCandidate(analyst, documentId, merged.id, "no such words", ctx)).rejects.toMatchObject({ field: "at" });
  });

  it("keeps a draft's edits and its 'accept as' choice, ignoring a candidate of another document", async () => {
    const analyst = await actor("analyst@example.org");
    const { documentId } = await addReport("Drafts");
    const other = await addReport("Other");
    const [c] = (await reviewOf(documentId)).candidates;
    const [foreign] = (await reviewOf(other.documentId)).candidates;
    await saveDrafts(
      analyst,
      documentId,
      [
        {
          id: c.id,
          title: "Edited title",
          area: "energy",
          party: null,
          countries: ["KZ"],
          targetDate: "2028-06-30",
          acceptAs: "followup",
          linkRef: "CAJ25-01",
          linkKind: "extends",
        },
        { id: foreign.id, title: "Not mine" },
      ],
      ctx,
    );
    expect((await reviewOf(documentId)).candidates[0]).toMatchObject({
      title: "Edited title",
      area: "energy",
      party: null,
      countries: ["KZ"],
      targetDate: "2028-06-30",
      acceptAs: "followup",
      linkRef: "CAJ25-01",
      linkKind: "extends",
    });
    expect((await reviewOf(other.documentId)).candidates[0].title).toBe(foreign.title);
  });

  it("finds the existing proposals a candidate repeats", async () => {
    const { documentId } = await addReport("Duplicates");
    const { candidates } = await reviewOf(documentId);
    const fund = candidates.find((c) => c.quote.includes("Investment Fund"))!;
    const hub = candidates.find((c) => c.quote.includes("Digital Hub"))!;
    const found = await likelyDuplicates(documentId, [fund, hub]);
    expect(found[fund.id].map((d) => d.reference)).toContain("CAJ25-08");
    expect(found[hub.id].map((d) => d.reference)).toContain("CAJ25-11");
  });

  it("accepts a batch in one transaction: new proposals quoting their spans, a follow-up, a duplicate; one bad item writes nothing", async () => {
    const analyst = await actor("analyst@example.org");
    const { documentId } = await addReport("Accepted");
    const { candidates } = await reviewOf(documentId);
    const [a, b, c] = [
      candidates.find((x) => x.quote.includes("Digital Hub"))!,
      candidates.find((x) => x.quote.includes("Expert Forum"))!,
      candidates.find((x) => x.quote.includes("air quality"))!,
    ];
    const fields = { area: "digital" as const, party: "UZ" as const, countries: ["UZ", "JP"] as ("UZ" | "JP")[], summary: "" };
    const proposalsBefore = await readDb.proposal.count();
    const eventsBefore = await readDb.auditEvent.count();
    // The duplicate names a reference that does not exist: the whole batch is refused.
    await expect(
      acceptCandidates(
        analyst,
        documentId,
        [
          { id: a.id, version: a.version, as: "new", title: "Digital Hub, again", ...fields },
          { id: c.id, version: c.version, as: "duplicate", of: "CAJ99-01" },
        ],
        ctx,
      ),
    ).rejects.toMatchObject({ status: 400, field: `of-${c.id}` });
    expect([await readDb.proposal.count(), await readDb.auditEvent.count()]).toEqual([proposalsBefore, eventsBefore]);
    // A follow-up of a reference that does not exist is the candidate's own field error too.
    await expect(
      acceptCandidates(
        analyst,
        documentId,
        [{ id: a.id, version: a.version, as: "new", title: "Hub", ...fields, followUp: { reference: "CAJ99-02", kind: "extends" } }],
        ctx,
      ),
    ).rejects.toMatchObject({ status: 400, field: `of-${a.id}` });

    const made = await acceptCandidates(
      analyst,
      documentId,
      [
        { id: a.id, version: a.version, as: "new", title: "Digital Hub, reaffirmed", ...fields, followUp: { reference: "CAJ25-11", kind: "reaffirms" } },
        { id: b.id, version: b.version, as: "new", title: "Expert Forum, again", ...fields, area: "strategy", targetDate: "2027-12-31" },
        { id: c.id, version: c.version, as: "duplicate", of: "caj25-17" },
      ],
      ctx,
    );
    expect(made).toHaveLength(2);
    expect(await readDb.proposal.count()).toBe(proposalsBefore + 2);
    const hub = await getProposal(made[0].id);
    expect(hub.quote?.quote).toBe(a.quote);
    expect(hub.sourceQuote).toBe(a.quote);
    expect(hub.followsUp).toMatchObject({ reference: "CAJ25-11", kind: "reaffirms" });
    expect(hub.summit.id).toBe(eventId);
    expect(hub.reference).toMatch(/^CAJ26-\d{2}$/);
    for (const p of made) expect(await readDb.auditEvent.count({ where: { action: "proposal.created", entityId: p.id } })).toBe(1);
    const after = await reviewOf(documentId);
    expect(after.candidates.find((x) => x.id === c.id)).toMatchObject({ status: "duplicate", proposal: { reference: "CAJ25-17" } });
    expect(after.candidates.find((x) => x.id === a.id)?.status).toBe("accepted");
    // A merge does not reach across what was accepted.
    const open = after.candidates.filter((x) => x.status === "pending");
    const beforeHub = open.filter((x) => x.end <= a.start).at(-1);
    if (beforeHub) await expect(mergeWithNext(analyst, documentId, beforeHub.id, ctx)).rejects.toMatchObject({ status: 409 });
    // Settled candidates are not accepted twice.
    await expect(acceptCandidates(analyst, documentId, [{ id: a.id, version: a.version + 1, as: "duplicate", of: "CAJ25-01" }], ctx)).rejects.toBeInstanceOf(
      RuleError,
    );
  });
});
