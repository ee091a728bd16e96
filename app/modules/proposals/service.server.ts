// Writes to proposals. Each function: check permission (refusals recorded), open one write
// transaction, check the version, write the change and its audit event(s) together.
import { writeTransaction, readDb, type Tx } from "~/db.server";
import { ConflictError, DomainError, NotFoundError, RuleError } from "~/lib/errors";
import { DuplicateSubmissionError } from "~/lib/submissions.server";
import { diffFields, recordAuditEvent, type RequestContext } from "~/modules/audit/record.server";
import { refuse, Refusal, refusingInTransaction, type ServiceActor } from "./guard.server";
import { highestReferenceNumber } from "./references.server";
import { followUpState, wantedFollowUp, writeFollowUp, type FollowUpInput } from "./follow-ups.server";
import { locate } from "~/modules/events/quote";
import type { ProposalFields } from "./schemas";
import { dayToDate } from "./text";
import type { Health, Status } from "./vocabulary";
import { roleAtLeast } from "~/modules/users/roles";
import { canEditProposal, checkTransition } from "./workflow";
import { msg, type Message } from "~/i18n/message";

const EDITABLE = ["title", "summary", "area", "proposingParty", "sourceQuote", "leadOrganisation", "targetDate", "priority", "countries"] as const;

/** The columns a write reads as the proposal's current state (also the property test's snapshot, tests/support/property-run.ts). */
export const CURRENT_SELECT = {
  id: true,
  title: true,
  summary: true,
  area: true,
  proposingParty: true,
  sourceQuote: true,
  leadOrganisation: true,
  targetDate: true,
  priority: true,
  status: true,
  health: true,
  ownerId: true,
  version: true,
  countries: { select: { country: true } },
} as const;

async function currentProposal(client: Tx | typeof readDb, id: string) {
  const p = await client.proposal.findUnique({ where: { id }, select: CURRENT_SELECT });
  if (!p) throw new NotFoundError(msg("what.proposal"));
  return { ...p, countries: p.countries.map((c) => c.country).sort() };
}
export type CurrentProposal = Awaited<ReturnType<typeof currentProposal>>;

const actorOf = (a: ServiceActor) => ({ id: a.id, name: a.name, role: a.role });

async function nextReference(tx: Tx, summitId: string): Promise<string> {
  const summit = await tx.summit.findUnique({ where: { id: summitId }, select: { date: true } });
  if (!summit) throw new RuleError(msg("rule.summitMissing"), { status: 422, field: "summitId" });
  const prefix = `CAJ${String(summit.date.getUTCFullYear()).slice(2)}-`;
  const n = (await highestReferenceNumber(tx, prefix)) + 1;
  return `${prefix}${String(n).padStart(2, "0")}`;
}

async function assertAssignable(tx: Tx, ownerId: string) {
  const owner = await tx.user.findUnique({ where: { id: ownerId }, select: { role: true, active: true } });
  if (!owner || !owner.active || owner.role === "viewer") {
    throw new RuleError(msg("rule.ownerNotAssignable"), { status: 422, field: "ownerId" });
  }
}

export async function createProposal(actor: ServiceActor, input: ProposalFields & { summitId: string; followUp?: FollowUpInput }, context: RequestContext) {
  if (!roleAtLeast(actor.role, "analyst")) {
    throw await refuse(actor, context, msg("refusal.createProposal"), {
      entityType: "proposal",
      entityId: "new",
      attempted: "proposal.create",
    });
  }
  const ownerId = input.ownerId && input.ownerId !== actor.id ? input.ownerId : actor.id;
  if (ownerId !== actor.id && !roleAtLeast(actor.role, "manager")) {
    throw await refuse(actor, context, msg("refusal.chooseOwner"), {
      entityType: "proposal",
      entityId: "new",
      attempted: "proposal.create with ownerId",
    });
  }
  return writeTransaction((tx) => createProposalIn(tx, actor, { ...input, ownerId }, context));
}

/** Where a proposal's quote comes from in a source document (the intake's accepted candidates). */
export type QuoteSpan = { documentId: string; start: number; end: number };

/**
 * createProposal's write, inside a transaction the caller holds (the intake accepts a batch of
 * candidates in one): permission is the caller's to check; `ownerId` is final.
 */
export async function createProposalIn(
  tx: Tx,
  actor: ServiceActor,
  input: ProposalFields & { summitId: string; ownerId: string; followUp?: FollowUpInput; span?: QuoteSpan },
  context: RequestContext,
) {
  const ownerId = input.ownerId;
  if (ownerId !== actor.id) await assertAssignable(tx, ownerId);
  const reference = await nextReference(tx, input.summitId);
  const created = await tx.proposal.create({
    data: {
      reference,
      title: input.title,
      summary: input.summary,
      area: input.area,
      proposingParty: input.proposingParty,
      sourceQuote: input.sourceQuote,
      leadOrganisation: input.leadOrganisation,
      targetDate: input.targetDate ? dayToDate(input.targetDate) : null,
      priority: input.priority,
      summitId: input.summitId,
      ownerId,
      ...(input.span ? { sourceDocumentId: input.span.documentId, quoteStart: input.span.start, quoteEnd: input.span.end } : {}),
      countries: { create: [...new Set(input.countries)].map((country) => ({ country })) },
    },
    select: { id: true, reference: true },
  });
  const followUp = input.followUp ? wantedFollowUp(input.followUp) : null;
  if (followUp?.followsUp) await writeFollowUp(tx, created.id, followUp);
  await recordAuditEvent(tx, {
    actor: actorOf(actor),
    action: "proposal.created",
    entityType: "proposal",
    entityId: created.id,
    proposalId: created.id,
    changes: [
      { field: "reference", from: null, to: reference },
      { field: "title", from: null, to: input.title },
      { field: "status", from: null, to: "proposed" },
      { field: "owner", from: null, to: ownerId },
      ...(followUp?.followsUp
        ? [
            { field: "followsUp", from: null, to: followUp.followsUp },
            { field: "followUpKind", from: null, to: followUp.followUpKind },
          ]
        : []),
    ],
    context,
  });
  return created;
}

/** Edits the fields; a manager may also reassign the owner (recorded as its own event). */
export async function updateProposal(
  actor: ServiceActor,
  id: string,
  input: ProposalFields & { version: number; followUp?: FollowUpInput },
  context: RequestContext,
) {
  const target = { entityType: "proposal", entityId: id, proposalId: id };
  return refusingInTransaction(actor, context, () =>
    writeTransaction(async (tx) => {
      // Permission is judged on the row this transaction writes: a reassignment that committed a
      // moment ago is seen here, so a former owner's edit cannot slip through.
      const current = await currentProposal(tx, id);
      if (!canEditProposal(actor, current)) {
        throw new Refusal(msg("refusal.editProposal"), { ...target, attempted: "proposal.update" });
      }
      const wantsOwner = input.ownerId && input.ownerId !== current.ownerId ? input.ownerId : null;
      if (wantsOwner && !roleAtLeast(actor.role, "manager")) {
        throw new Refusal(msg("refusal.reassignOwner"), { ...target, attempted: "proposal.update ownerId" });
      }
      // A conflict shows the current values, the follow-up link among them.
      const conflict = async () => new ConflictError({ ...current, ...(await followUpState(tx, id)) });
      if (current.version !== input.version) throw await conflict();
      if (wantsOwner) await assertAssignable(tx, wantsOwner);
      const { followUp, ...fields } = input;
      // The follow-up link is compared and audited like a field, when the form sent it.
      const link = followUp ? { before: await followUpState(tx, id), after: wantedFollowUp(followUp) } : null;
      const next = {
        ...fields,
        targetDate: fields.targetDate ? dayToDate(fields.targetDate) : null,
        countries: [...new Set(fields.countries)].sort(),
      };
      const changes = [
        ...diffFields(current as unknown as Record<string, unknown>, next as unknown as Record<string, unknown>, EDITABLE),
        ...(link ? diffFields(link.before, link.after, ["followsUp", "followUpKind"]) : []),
      ];
      if (!changes.length && !wantsOwner) return { changed: false };
      const result = await tx.proposal.updateMany({
        where: { id, version: input.version },
        data: {
          title: next.title,
          summary: next.summary,
          area: next.area,
          proposingParty: next.proposingParty,
          sourceQuote: next.sourceQuote,
          leadOrganisation: next.leadOrganisation,
          targetDate: next.targetDate,
          priority: next.priority,
          ...(wantsOwner ? { ownerId: wantsOwner } : {}),
          version: { increment: 1 },
        },
      });
      if (result.count !== 1) throw await conflict();
      if (link && changes.some((c) => c.field === "followsUp" || c.field === "followUpKind")) await writeFollowUp(tx, id, link.after);
      if (changes.some((c) => c.field === "sourceQuote")) await relocateQuote(tx, id, next.sourceQuote);
      if (changes.some((c) => c.field === "countries")) {
        await tx.proposalCountry.deleteMany({ where: { proposalId: id } });
        await tx.proposalCountry.createMany({ data: next.countries.map((country) => ({ proposalId: id, country })) });
      }
      if (changes.length) {
        await recordAuditEvent(tx, {
          actor: actorOf(actor),
          action: "proposal.updated",
          entityType: "proposal",
          entityId: id,
          proposalId: id,
          changes,
          context,
        });
      }
      if (wantsOwner) {
        await recordAuditEvent(tx, {
          actor: actorOf(actor),
          action: "proposal.owner_changed",
          entityType: "proposal",
          entityId: id,
          proposalId: id,
          changes: [{ field: "owner", from: current.ownerId, to: wantsOwner }],
          context,
        });
      }
      return { changed: true };
    }),
  );
}

/** Moves a proposal through the workflow (product.md §3), judged by workflow.ts only. */
export async function transitionStatus(actor: ServiceActor, id: string, input: { to: Status; note?: string; version: number }, context: RequestContext) {
  return refusingInTransaction(actor, context, () =>
    writeTransaction(async (tx) => {
      const current = await currentProposal(tx, id);
      const planned =
        input.to === "completed"
          ? await tx.milestone.findMany({ where: { proposalId: id, status: "planned" }, select: { title: true }, orderBy: { position: "asc" } })
          : [];
      const evidenceCount = input.to === "completed" ? await tx.evidence.count({ where: { proposalId: id } }) : undefined;
      const check = checkTransition({
        actor,
        proposal: { status: current.status, ownerId: current.ownerId },
        to: input.to,
        note: input.note,
        plannedMilestones: planned.map((m) => m.title),
        evidenceCount,
      });
      // Who may act is judged first, on the row as this transaction reads it; then the version.
      if (!check.ok && check.kind === "forbidden") {
        throw new Refusal(check.message, {
          entityType: "proposal",
          entityId: id,
          proposalId: id,
          attempted: `proposal.status ${current.status} → ${input.to}`,
        });
      }
      if (current.version !== input.version) throw new ConflictError(current);
      if (!check.ok) {
        throw new RuleError(check.message, { status: check.kind === "note_required" ? 422 : 409, field: check.kind === "note_required" ? "note" : undefined });
      }
      const result = await tx.proposal.updateMany({ where: { id, version: input.version }, data: { status: input.to, version: { increment: 1 } } });
      if (result.count !== 1) throw new ConflictError(current);
      await recordAuditEvent(tx, {
        actor: actorOf(actor),
        action: "proposal.status_changed",
        entityType: "proposal",
        entityId: id,
        proposalId: id,
        changes: [{ field: "status", from: current.status, to: input.to }],
        reason: input.note ?? "",
        context,
      });
      return { from: current.status, to: input.to };
    }),
  );
}

/** An analyst's narrative update; its health becomes the proposal's current health. */
export async function postProgressUpdate(actor: ServiceActor, id: string, input: { health: Health; body: string }, context: RequestContext) {
  return refusingInTransaction(actor, context, () =>
    writeTransaction(async (tx) => {
      const current = await currentProposal(tx, id);
      if (!canEditProposal(actor, current)) {
        throw new Refusal(msg("refusal.postUpdate"), { entityType: "proposal", entityId: id, proposalId: id, attempted: "update.post" });
      }
      const update = await tx.progressUpdate.create({
        data: { proposalId: id, authorId: actor.id, health: input.health, body: input.body },
        select: { id: true },
      });
      // Health is not a form field, so this does not bump the version (no edit form goes stale).
      await tx.proposal.update({ where: { id }, data: { health: input.health }, select: { id: true } });
      await recordAuditEvent(tx, {
        actor: actorOf(actor),
        action: "update.posted",
        entityType: "update",
        entityId: update.id,
        proposalId: id,
        changes: [
          ...(current.health !== input.health ? [{ field: "health", from: current.health, to: input.health }] : []),
          { field: "body", from: null, to: input.body },
        ],
        context,
      });
      return update;
    }),
  );
}

/** What a manager's bulk action does to each selected proposal (issue 12 item 10). */
export type BulkChange = { op: "owner"; ownerId: string } | { op: "health"; health: Health; note: string } | { op: "transition"; to: Status; note: string };
export type BulkOutcome = { id: string; reference: string | null; outcome: "done" | "unchanged" | "refused"; message: Message };

/** At most this many proposals per bulk action (the list shows 50 a page). */
export const BULK_LIMIT = 100;
const BULK_ATTEMPTS = 3;

/**
 * Applies one change to each selected proposal through the very service function a single edit
 * uses (updateProposal, postProgressUpdate, transitionStatus), so each record gets the same rules
 * and its own audit event. Each record is read fresh and written at the version it has now: a
 * bulk action never goes stale (a write that raced it is re-read and tried again). What each
 * record's function refused is reported with its reason; the others go on.
 */
export async function bulkApply(actor: ServiceActor, ids: string[], change: BulkChange, context: RequestContext): Promise<BulkOutcome[]> {
  if (!roleAtLeast(actor.role, "manager")) {
    throw await refuse(actor, context, msg("refusal.bulk"), { entityType: "proposal", entityId: "bulk", attempted: `proposal.bulk ${change.op}` });
  }
  // Health is set by a progress update, whose text the note is.
  if (change.op === "health" && !change.note) throw new RuleError(msg("bulk.noteForHealth"), { status: 422, field: "note" });
  const unique = [...new Set(ids)];
  if (!unique.length) throw new RuleError(msg("bulk.noneSelected"), { status: 422, field: "ids" });
  if (unique.length > BULK_LIMIT) throw new RuleError(msg("bulk.tooMany", { max: BULK_LIMIT }), { status: 422, field: "ids" });
  const outcomes: BulkOutcome[] = [];
  // The form's submission (a double post writes once) is claimed by the first record written;
  // the writes after it are records of their own.
  let claimed = false;
  for (const id of unique) {
    let outcome: BulkOutcome | null = null;
    for (let attempt = 1; !outcome; attempt++) {
      const row = await readDb.proposal.findUnique({ where: { id }, select: { ...CURRENT_SELECT, reference: true } });
      if (!row) {
        outcome = { id, reference: null, outcome: "refused", message: msg("error.notFound", { what: msg("what.proposal") }) };
        break;
      }
      const current = { ...row, countries: row.countries.map((c) => c.country).sort() };
      const ctx = claimed ? { requestId: context.requestId, ip: context.ip } : context;
      try {
        outcome = { id, reference: row.reference, ...(await applyOne(actor, current, change, ctx)) };
        if (outcome.outcome === "done") claimed = true;
      } catch (error) {
        if (error instanceof DuplicateSubmissionError) throw error;
        if (error instanceof ConflictError && attempt < BULK_ATTEMPTS) continue;
        if (error instanceof DomainError) outcome = { id, reference: row.reference, outcome: "refused", message: error.detail };
        else throw error;
      }
    }
    outcomes.push(outcome);
  }
  return outcomes;
}

async function applyOne(
  actor: ServiceActor,
  current: CurrentProposal,
  change: BulkChange,
  context: RequestContext,
): Promise<Pick<BulkOutcome, "outcome" | "message">> {
  switch (change.op) {
    case "owner": {
      if (current.ownerId === change.ownerId) return { outcome: "unchanged", message: msg("bulk.unchanged.owner") };
      const fields: ProposalFields = {
        title: current.title,
        summary: current.summary,
        area: current.area,
        proposingParty: current.proposingParty,
        countries: current.countries,
        sourceQuote: current.sourceQuote,
        leadOrganisation: current.leadOrganisation,
        targetDate: current.targetDate ? current.targetDate.toISOString().slice(0, 10) : undefined,
        priority: current.priority,
        ownerId: change.ownerId,
      };
      await updateProposal(actor, current.id, { ...fields, version: current.version }, context);
      return { outcome: "done", message: msg("bulk.done.owner") };
    }
    case "health":
      if (current.health === change.health) return { outcome: "unchanged", message: msg("bulk.unchanged.health", { health: msg(`health.${change.health}`) }) };
      await postProgressUpdate(actor, current.id, { health: change.health, body: change.note }, context);
      return { outcome: "done", message: msg("bulk.done.health", { from: msg(`health.${current.health}`), to: msg(`health.${change.health}`) }) };
    case "transition": {
      const moved = await transitionStatus(actor, current.id, { to: change.to, note: change.note, version: current.version }, context);
      return { outcome: "done", message: msg("bulk.done.transition", { from: msg(`status.${moved.from}`), to: msg(`status.${moved.to}`) }) };
    }
  }
}

/**
 * After the quote is edited, the span it points at in its source document follows it: found
 * again in the document's text if it is still there verbatim, dropped (the quote stands alone)
 * if not, so the proposal page never highlights text the quote no longer says.
 */
async function relocateQuote(tx: Tx, id: string, quote: string) {
  const p = await tx.proposal.findUnique({ where: { id }, select: { quoteStart: true, sourceDocument: { select: { text: true } } } });
  if (!p?.sourceDocument) return;
  // Nearest to where it was: a phrase the document says twice keeps its place.
  const span = quote ? locate(p.sourceDocument.text, quote, p.quoteStart ?? 0) : null;
  await tx.proposal.update({
    where: { id },
    data: span ? { quoteStart: span.start, quoteEnd: span.end } : { sourceDocumentId: null, quoteStart: null, quoteEnd: null },
    select: { id: true },
  });
}
