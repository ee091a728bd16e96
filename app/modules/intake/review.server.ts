// The intake's review (issue 15, docs/decisions/021-intake.md): a document is read once when it is
// added (its candidates stored beside it), then an analyst accepts, edits, splits, merges or
// rejects candidates, or adds a span the rules missed. Accepting a batch creates its proposals
// through the proposals service, each with its audit event, all in one transaction.
import { readDb, writeTransaction, type Tx } from "~/db.server";
import { NotFoundError, RuleError } from "~/lib/errors";
import { msg } from "~/i18n/message";
import { recordAuditEvent, type RequestContext } from "~/modules/audit/record.server";
import { locate } from "~/modules/events/quote";
import { addSourceDocumentIn } from "~/modules/events/service.server";
import { refuse, type ServiceActor } from "~/modules/proposals/guard.server";
import { createProposalIn } from "~/modules/proposals/service.server";
import { codePoints, withoutForbidden } from "~/modules/proposals/text";
import { similarity } from "~/modules/proposals/search.server";
import { COUNTRIES, LIMITS, STATUSES, type Area, type Country, type DocumentLanguage, type FollowUpKind } from "~/modules/proposals/vocabulary";
import { column, rowParser, type RowOf } from "~/lib/sql-rows.server";
import { roleAtLeast } from "~/modules/users/roles";
import { findCandidates } from "./candidates";
import { detectLanguage, extractDocument, isRefusal, type ExtractionRefusal } from "./extract.server";

const actorOf = (a: ServiceActor) => ({ id: a.id, name: a.name, role: a.role });
const countriesText = (codes: readonly Country[]) => COUNTRIES.filter((c) => codes.includes(c)).join(",");
export const countriesOf = (text: string) => COUNTRIES.filter((c) => text.split(",").includes(c));
/** A document's first line as its title when it has no other: cut at a word past 100 characters. */
const opening = (text: string) => {
  const line = (text.split("\n").find((l) => l.trim()) ?? "").trim();
  if (line.length <= 100) return line;
  const cut = line.lastIndexOf(" ", 100);
  return `${line.slice(0, cut > 40 ? cut : 100)}…`;
};
const singleLine = (s: string, max: number) => [...s.replace(/\s+/gu, " ").trim()].slice(0, max).join("");

async function assertMayReview(actor: ServiceActor, context: RequestContext, entityId: string, attempted: string) {
  if (!roleAtLeast(actor.role, "analyst")) throw await refuse(actor, context, msg("refusal.recordEvents"), { entityType: "document", entityId, attempted });
}

export type UploadInput = { bytes: Uint8Array; fileName: string; declaredType?: string; title: string; language?: DocumentLanguage };
export type UploadResult = { documentId: string; candidates: number } | { refusal: ExtractionRefusal };

/**
 * Reads a file (or pasted text) into an event's document and its candidates. A file the intake
 * cannot read is refused with the reason and nothing is stored; a stored one is one transaction:
 * the file, the document, its audit event and its candidates.
 */
export async function addDocumentForReview(actor: ServiceActor, eventId: string, input: UploadInput, context: RequestContext): Promise<UploadResult> {
  await assertMayReview(actor, context, eventId, "document.add");
  const event = await readDb.summit.findUnique({ where: { id: eventId }, select: { id: true, date: true, countries: { select: { country: true } } } });
  if (!event) throw new NotFoundError(msg("what.event"));
  const extracted = await extractDocument(input.bytes, { fileName: input.fileName, declaredType: input.declaredType });
  if (isRefusal(extracted)) return { refusal: extracted };
  const text = withoutForbidden(extracted.text);
  const language = input.language ?? extracted.language ?? detectLanguage(text);
  // A file's name is the browser's to send: cleaned like the text before it may be a title.
  const fileName = singleLine(withoutForbidden(input.fileName), 255);
  const title = singleLine(input.title || withoutForbidden(extracted.title ?? ""), 300) || fileName || singleLine(opening(text), 300) || "—";
  const found = findCandidates(text, {
    lang: language,
    eventDate: event.date.toISOString().slice(0, 10),
    countries: event.countries.length ? event.countries.map((c) => c.country) : undefined,
  });
  return writeTransaction(async (tx) => {
    const document = await addSourceDocumentIn(
      tx,
      actorOf(actor),
      eventId,
      { title, language, kind: extracted.kind, mediaType: extracted.mediaType, fileName, bytes: input.bytes, text },
      context,
    );
    await tx.intakeCandidate.createMany({
      data: found.map((c) => ({
        documentId: document.id,
        start: c.start,
        end: c.end,
        quote: c.quote,
        title: singleLine(c.title, LIMITS.title),
        area: c.area,
        party: c.party,
        countries: countriesText(c.countries),
        targetDate: c.targetDate ? new Date(`${c.targetDate}T00:00:00.000Z`) : null,
        place: singleLine(c.place ?? "", 200),
        cue: singleLine(c.cue, 200),
        origin: "rules" as const,
      })),
    });
    return { documentId: document.id, candidates: found.length };
  });
}

/** The document, its candidates in reading order and the spans of proposals already made from it. */
export async function reviewOf(documentId: string) {
  const document = await readDb.sourceDocument.findUnique({
    where: { id: documentId },
    select: {
      id: true,
      title: true,
      language: true,
      kind: true,
      fileName: true,
      text: true,
      sha256: true,
      summit: { select: { id: true, name: true, date: true, datePrecision: true } },
      proposals: { select: { id: true, reference: true, title: true, quoteStart: true, quoteEnd: true }, orderBy: { quoteStart: "asc" } },
    },
  });
  if (!document) throw new NotFoundError(msg("what.document"));
  const candidates = await readDb.intakeCandidate.findMany({
    where: { documentId, status: { not: "replaced" } },
    orderBy: [{ start: "asc" }, { end: "asc" }, { id: "asc" }],
    select: {
      id: true,
      start: true,
      end: true,
      quote: true,
      title: true,
      area: true,
      party: true,
      countries: true,
      targetDate: true,
      place: true,
      cue: true,
      acceptAs: true,
      linkRef: true,
      linkKind: true,
      origin: true,
      status: true,
      version: true,
      proposal: { select: { id: true, reference: true } },
    },
  });
  return {
    document,
    candidates: candidates.map((c) => ({ ...c, countries: countriesOf(c.countries), targetDate: c.targetDate?.toISOString().slice(0, 10) ?? "" })),
  };
}

/** A candidate as the review page shows and edits it. */
export type CandidateRow = Awaited<ReturnType<typeof reviewOf>>["candidates"][number];

/** The candidate, checked to belong to the document and to be still open to change. */
async function openCandidate(tx: Tx, documentId: string, id: string) {
  const c = await tx.intakeCandidate.findUnique({ where: { id } });
  if (!c || c.documentId !== documentId) throw new NotFoundError(msg("what.candidate"));
  if (c.status !== "pending" && c.status !== "rejected") throw new RuleError(msg("intake.v.settled"), { status: 409 });
  return c;
}

async function recordReview(
  tx: Tx,
  actor: ServiceActor,
  documentId: string,
  what: string,
  changes: { field: string; from: unknown; to: unknown }[],
  context: RequestContext,
) {
  await recordAuditEvent(tx, {
    actor: actorOf(actor),
    action: "document.reviewed",
    entityType: "document",
    entityId: documentId,
    changes,
    reason: what,
    context,
  });
}

/** Rejects a candidate (or brings a rejected one back). */
export async function setCandidateRejected(actor: ServiceActor, documentId: string, id: string, rejected: boolean, context: RequestContext) {
  await assertMayReview(actor, context, documentId, "candidate.reject");
  return writeTransaction(async (tx) => {
    const c = await openCandidate(tx, documentId, id);
    const status = rejected ? "rejected" : "pending";
    if (c.status === status) return;
    await tx.intakeCandidate.update({ where: { id }, data: { status, version: { increment: 1 } }, select: { id: true } });
    await recordReview(
      tx,
      actor,
      documentId,
      rejected ? "candidate rejected" : "candidate restored",
      [{ field: "candidate", from: c.status, to: status }],
      context,
    );
  });
}

/** Adds a candidate for a span the rules missed: given by its exact words (no JavaScript) or its offsets (a selection). */
export async function addCandidate(actor: ServiceActor, documentId: string, input: { quote: string; start?: number }, context: RequestContext) {
  await assertMayReview(actor, context, documentId, "candidate.add");
  return writeTransaction(async (tx) => {
    const document = await tx.sourceDocument.findUnique({ where: { id: documentId }, select: { text: true } });
    if (!document) throw new NotFoundError(msg("what.document"));
    // A selection sends where it began: of several places with these words, the nearest is it.
    const span = locate(document.text, input.quote, input.start ?? 0);
    if (!span) throw new RuleError(msg("intake.v.notInDocument"), { status: 400, field: "quote" });
    const quote = document.text.slice(span.start, span.end);
    if (codePoints(quote) > LIMITS.sourceQuote) throw new RuleError(msg("intake.v.quoteTooLong", { max: LIMITS.sourceQuote }), { status: 400, field: "quote" });
    const created = await tx.intakeCandidate.create({
      data: { documentId, ...span, quote, title: singleLine(quote, 120), origin: "analyst" },
      select: { id: true },
    });
    await recordReview(tx, actor, documentId, "candidate added", [{ field: "quote", from: null, to: quote }], context);
    return created;
  });
}

/** Splits a candidate where `at` (the words the second part begins with) stands in its quote. */
export async function splitCandidate(actor: ServiceActor, documentId: string, id: string, at: string, context: RequestContext) {
  await assertMayReview(actor, context, documentId, "candidate.split");
  return writeTransaction(async (tx) => {
    const c = await openCandidate(tx, documentId, id);
    const offset = at.trim() ? c.quote.indexOf(at.trim()) : -1;
    if (offset <= 0) throw new RuleError(msg("intake.v.splitAt"), { status: 400, field: "at" });
    const first = c.quote.slice(0, offset).replace(/[\s,;:–—-]+$/u, "");
    const second = c.quote.slice(offset);
    if (!first.trim()) throw new RuleError(msg("intake.v.splitAt"), { status: 400, field: "at" });
    const { id: _id, createdAt: _created, version: _version, ...rest } = c;
    await tx.intakeCandidate.update({ where: { id }, data: { status: "replaced", version: { increment: 1 } }, select: { id: true } });
    await tx.intakeCandidate.createMany({
      data: [
        { ...rest, status: "pending", origin: "split", end: c.start + first.length, quote: first },
        { ...rest, status: "pending", origin: "split", start: c.start + offset, quote: second, title: singleLine(second, 120) },
      ],
    });
    await recordReview(tx, actor, documentId, "candidate split", [{ field: "quote", from: c.quote, to: [first, second] }], context);
  });
}

/** Merges a candidate with the next open one in reading order: one span from the first's start to the later end. */
export async function mergeWithNext(actor: ServiceActor, documentId: string, id: string, context: RequestContext) {
  await assertMayReview(actor, context, documentId, "candidate.merge");
  return writeTransaction(async (tx) => {
    const c = await openCandidate(tx, documentId, id);
    const next = await tx.intakeCandidate.findFirst({
      where: {
        documentId,
        id: { not: c.id },
        status: { in: ["pending", "rejected"] },
        OR: [{ start: { gt: c.start } }, { start: c.start, end: { gt: c.end } }],
      },
      orderBy: [{ start: "asc" }, { end: "asc" }],
    });
    if (!next) throw new RuleError(msg("intake.v.nothingToMerge"), { status: 409 });
    const document = await tx.sourceDocument.findUniqueOrThrow({ where: { id: documentId }, select: { text: true } });
    const end = Math.max(c.end, next.end);
    const quote = document.text.slice(c.start, end);
    if (codePoints(quote) > LIMITS.sourceQuote) throw new RuleError(msg("intake.v.quoteTooLong", { max: LIMITS.sourceQuote }), { status: 409 });
    // A merge does not swallow what is settled: a proposal's span or a decided candidate between the two.
    const between = await tx.intakeCandidate.count({
      where: { documentId, id: { notIn: [c.id, next.id] }, status: { in: ["accepted", "duplicate"] }, start: { lt: end }, end: { gt: c.start } },
    });
    const cited = await tx.proposal.count({ where: { sourceDocumentId: documentId, quoteStart: { lt: end }, quoteEnd: { gt: c.start } } });
    if (between || cited) throw new RuleError(msg("intake.v.mergeOverSettled"), { status: 409 });
    await tx.intakeCandidate.updateMany({ where: { id: { in: [c.id, next.id] } }, data: { status: "replaced", version: { increment: 1 } } });
    const { id: _id, createdAt: _created, version: _version, ...rest } = c;
    await tx.intakeCandidate.create({
      data: { ...rest, status: "pending", origin: "merge", end, quote, countries: countriesText(countriesOf(`${c.countries},${next.countries}`)) },
      select: { id: true },
    });
    await recordReview(tx, actor, documentId, "candidates merged", [{ field: "quote", from: [c.quote, next.quote], to: quote }], context);
  });
}

export type Decision =
  | {
      id: string;
      version: number;
      as: "new";
      title: string;
      area: Area;
      party: Country;
      countries: Country[];
      targetDate?: string;
      summary: string;
      followUp?: { reference: string; kind?: FollowUpKind };
    }
  | { id: string; version: number; as: "duplicate"; of: string };

/**
 * Accepts a batch of candidates in one transaction: each "new" one becomes a proposal of the
 * document's event (through the proposals service: reference, owner, audit event, follow-up
 * link) quoting its span; each "duplicate" one is tied to the existing proposal it repeats, and
 * no record is made. One refused item refuses the batch: nothing is written.
 */
export async function acceptCandidates(actor: ServiceActor, documentId: string, decisions: Decision[], context: RequestContext) {
  if (!roleAtLeast(actor.role, "analyst")) {
    throw await refuse(actor, context, msg("refusal.createProposal"), { entityType: "document", entityId: documentId, attempted: "candidate.accept" });
  }
  return writeTransaction(async (tx) => {
    const document = await tx.sourceDocument.findUnique({ where: { id: documentId }, select: { summitId: true } });
    if (!document) throw new NotFoundError(msg("what.document"));
    const made: { reference: string; id: string }[] = [];
    for (const d of decisions) {
      try {
        const created = await acceptOne(tx, actor, documentId, document.summitId, d, context);
        if (created) made.push(created);
      } catch (error) {
        // A refusal that names a field (the reference followed up or repeated) is the
        // candidate's own: "of-<id>", where the page shows it.
        if (error instanceof RuleError && error.field) throw new RuleError(error.detail, { status: error.status, field: `of-${d.id}` });
        throw error;
      }
    }
    return made;
  });
}

/** One decision of a batch, inside its transaction: a proposal made (returned) or a duplicate tied (null). */
async function acceptOne(tx: Tx, actor: ServiceActor, documentId: string, summitId: string, d: Decision, context: RequestContext) {
  const c = await openCandidate(tx, documentId, d.id);
  if (c.version !== d.version) throw new RuleError(msg("intake.v.changed"), { status: 409 });
  if (codePoints(c.quote) > LIMITS.sourceQuote) throw new RuleError(msg("intake.v.quoteTooLong", { max: LIMITS.sourceQuote }), { status: 400 });
  if (d.as === "duplicate") {
    const existing = await tx.proposal.findUnique({ where: { reference: d.of.trim().toUpperCase() }, select: { id: true, reference: true } });
    if (!existing) throw new RuleError(msg("v.followUpUnknown", { reference: d.of }), { status: 400, field: "of" });
    await tx.intakeCandidate.update({
      where: { id: c.id },
      data: { status: "duplicate", proposalId: existing.id, version: { increment: 1 } },
      select: { id: true },
    });
    await recordReview(tx, actor, documentId, "candidate is a duplicate", [{ field: "duplicateOf", from: null, to: existing.reference }], context);
    return null;
  }
  const created = await createProposalIn(
    tx,
    actor,
    {
      title: d.title,
      summary: d.summary,
      area: d.area,
      proposingParty: d.party,
      countries: d.countries,
      sourceQuote: c.quote,
      leadOrganisation: "",
      targetDate: d.targetDate,
      priority: "medium",
      summitId,
      ownerId: actor.id,
      followUp: d.followUp,
      span: { documentId, start: c.start, end: c.end },
    },
    context,
  );
  await tx.intakeCandidate.update({
    where: { id: c.id },
    data: { status: "accepted", proposalId: created.id, version: { increment: 1 } },
    select: { id: true },
  });
  return created;
}

const duplicateShape = {
  id: column.text,
  reference: column.text,
  title: column.text,
  status: column.oneOf(STATUSES),
  summitName: column.text,
};
const duplicateRow = rowParser("likely duplicate", duplicateShape);
export type LikelyDuplicate = RowOf<typeof duplicateShape>;

/**
 * For each candidate, up to three existing proposals it may repeat (full-text similarity: two or
 * more significant words in common, best first), leaving out proposals made from this document.
 */
export async function likelyDuplicates(documentId: string, candidates: readonly { id: string; title: string; quote: string }[]) {
  const out: Record<string, LikelyDuplicate[]> = {};
  for (const c of candidates) {
    const like = similarity(`${c.title} ${c.quote}`);
    out[c.id] = like
      ? duplicateRow.rows(
          await readDb.$queryRaw`
            SELECT p."id", p."reference", p."title", p."status", ev."name" AS "summitName"
            FROM "Proposal" p ${like.join} JOIN "Summit" ev ON ev."id" = p."summitId"
            WHERE p."sourceDocumentId" IS NULL OR p."sourceDocumentId" <> ${documentId}
            ORDER BY ${like.rank}, p."reference" LIMIT 3`,
        )
      : [];
  }
  return out;
}

export type Draft = {
  id: string;
  title?: string;
  area?: Area | null;
  party?: Country | null;
  countries?: Country[];
  targetDate?: string | null;
  acceptAs?: "new" | "followup" | "duplicate";
  linkRef?: string;
  linkKind?: FollowUpKind;
};

/**
 * Keeps what the analyst typed or chose in open candidates (every press of a button on the review
 * form saves it first, so rejecting one candidate loses no edit made to another). Not audited: a
 * draft changes no record; what is accepted is, in the proposal's own event.
 */
export async function saveDrafts(actor: ServiceActor, documentId: string, drafts: readonly Draft[], context: RequestContext) {
  if (!drafts.length) return;
  await assertMayReview(actor, context, documentId, "candidate.edit");
  await writeTransaction(async (tx) => {
    for (const d of drafts) {
      const c = await tx.intakeCandidate.findUnique({ where: { id: d.id }, select: { documentId: true, status: true } });
      if (!c || c.documentId !== documentId || (c.status !== "pending" && c.status !== "rejected")) continue;
      await tx.intakeCandidate.update({
        where: { id: d.id },
        data: {
          ...(d.title !== undefined ? { title: singleLine(d.title, LIMITS.title) } : {}),
          ...(d.area !== undefined ? { area: d.area } : {}),
          ...(d.party !== undefined ? { party: d.party } : {}),
          ...(d.countries !== undefined ? { countries: countriesText(d.countries) } : {}),
          ...(d.targetDate !== undefined ? { targetDate: d.targetDate ? new Date(`${d.targetDate}T00:00:00.000Z`) : null } : {}),
          ...(d.acceptAs !== undefined ? { acceptAs: d.acceptAs } : {}),
          ...(d.linkRef !== undefined ? { linkRef: singleLine(d.linkRef, 40) } : {}),
          ...(d.linkKind !== undefined ? { linkKind: d.linkKind } : {}),
        },
        select: { id: true },
      });
    }
  });
}
