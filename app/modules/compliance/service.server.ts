// Compliance assessment (issue 16): a manager opens a round (name, interim or final, cut-off date)
// and later closes it; reopening a closed round needs a note. Within an open round, the owner
// analyst of a proposal (or a manager) records each participating party's score (+1, 0, −1 or not
// applicable) with a rationale and the evidence it cites — at least one item for +1 and −1. Each
// change is one transaction with its audit event, which carries the previous value.
import { writeTransaction, type Tx } from "~/db.server";
import { ConflictError, NotFoundError, RuleError } from "~/lib/errors";
import { msg } from "~/i18n/message";
import { recordAuditEvent, type RequestContext } from "~/modules/audit/record.server";
import { checkDraft, insertEvidence, type EvidenceDraft } from "~/modules/evidence/service.server";
import { assertMayChangeProposal, refuse, Refusal, refusingInTransaction, type ServiceActor } from "~/modules/proposals/guard.server";
import { dayToDate } from "~/modules/proposals/text";
import type { Country, RoundKind } from "~/modules/proposals/vocabulary";
import { canEditProposal } from "~/modules/proposals/workflow";
import { roleAtLeast } from "~/modules/users/roles";
import { scoreLabel, scoreOfChoice, type ScoreChoice } from "./scoring";

const actorOf = (a: ServiceActor) => ({ id: a.id, name: a.name, role: a.role });

const ROUND_SELECT = { id: true, name: true, kind: true, cutoff: true, status: true, closedAt: true, version: true } as const;

async function assertManager(actor: ServiceActor, context: RequestContext, attempted: string, entityId: string) {
  if (!roleAtLeast(actor.role, "manager")) throw await refuse(actor, context, msg("refusal.rounds"), { entityType: "round", entityId, attempted });
}

/** What a `round.opened` event records (the seed's demo round records the same). */
export const roundOpenedChanges = (input: { name: string; kind: RoundKind; cutoff: string }) => [
  { field: "name", from: null, to: input.name },
  { field: "kind", from: null, to: input.kind },
  { field: "cutoff", from: null, to: input.cutoff },
  { field: "status", from: null, to: "open" },
];

/** What a `round.closed` event records. */
export const roundClosedChanges = (name: string) => [
  { field: "round", from: null, to: name },
  { field: "status", from: "open", to: "closed" },
];

export async function openRound(actor: ServiceActor, input: { name: string; kind: RoundKind; cutoff: string }, context: RequestContext) {
  await assertManager(actor, context, "round.open", "new");
  return writeTransaction(async (tx) => {
    if (await tx.assessmentRound.findUnique({ where: { name: input.name }, select: { id: true } })) {
      throw new RuleError(msg("rule.roundNameTaken", { name: input.name }), { status: 409, field: "name" });
    }
    const round = await tx.assessmentRound.create({
      data: { name: input.name, kind: input.kind, cutoff: dayToDate(input.cutoff), openedById: actor.id },
      select: { id: true, name: true },
    });
    await recordAuditEvent(tx, {
      actor: actorOf(actor),
      action: "round.opened",
      entityType: "round",
      entityId: round.id,
      changes: roundOpenedChanges(input),
      context,
    });
    return round;
  });
}

async function currentRound(tx: Tx, roundId: string) {
  const round = await tx.assessmentRound.findUnique({ where: { id: roundId }, select: ROUND_SELECT });
  if (!round) throw new NotFoundError(msg("what.round"));
  return round;
}

/** Closes an open round: its scores are locked from then on. */
export async function closeRound(actor: ServiceActor, input: { roundId: string; version: number }, context: RequestContext) {
  await assertManager(actor, context, "round.close", input.roundId);
  return writeTransaction(async (tx) => {
    const round = await currentRound(tx, input.roundId);
    if (round.version !== input.version) throw new ConflictError(round);
    if (round.status === "closed") throw new RuleError(msg("rule.roundAlreadyClosed", { name: round.name }), { status: 409 });
    const result = await tx.assessmentRound.updateMany({
      where: { id: round.id, version: input.version },
      data: { status: "closed", closedAt: new Date(), version: { increment: 1 } },
    });
    if (result.count !== 1) throw new ConflictError(round);
    await recordAuditEvent(tx, {
      actor: actorOf(actor),
      action: "round.closed",
      entityType: "round",
      entityId: round.id,
      changes: roundClosedChanges(round.name),
      context,
    });
    return { name: round.name };
  });
}

/** Reopens a closed round; the note (why) is required and goes into the audit event. */
export async function reopenRound(actor: ServiceActor, input: { roundId: string; version: number; note: string }, context: RequestContext) {
  await assertManager(actor, context, "round.reopen", input.roundId);
  return writeTransaction(async (tx) => {
    const round = await currentRound(tx, input.roundId);
    if (round.version !== input.version) throw new ConflictError(round);
    if (round.status === "open") throw new RuleError(msg("rule.roundAlreadyOpen", { name: round.name }), { status: 409 });
    if (!input.note.trim()) throw new RuleError(msg("rule.reopenNeedsNote"), { status: 422, field: "note" });
    const result = await tx.assessmentRound.updateMany({
      where: { id: round.id, version: input.version },
      data: { status: "open", closedAt: null, version: { increment: 1 } },
    });
    if (result.count !== 1) throw new ConflictError(round);
    await recordAuditEvent(tx, {
      actor: actorOf(actor),
      action: "round.reopened",
      entityType: "round",
      entityId: round.id,
      changes: [
        { field: "round", from: null, to: round.name },
        { field: "status", from: "closed", to: "open" },
      ],
      reason: input.note,
      context,
    });
    return { name: round.name };
  });
}

export type ScoreInput = {
  roundId: string;
  proposalId: string;
  country: Country;
  score: ScoreChoice;
  rationale: string;
  /** Ids of the proposal's evidence items the score cites. */
  cite: string[];
  /** The score's version as read; 0 when there was none. */
  version: number;
};

/** The current score of one party, with the titles of what it cites (what a 409 shows). */
async function currentScore(tx: Tx, roundId: string, proposalId: string, country: Country) {
  return tx.complianceScore.findUnique({
    where: { roundId_proposalId_country: { roundId, proposalId, country } },
    select: { id: true, score: true, rationale: true, version: true, evidence: { select: { evidenceId: true, evidence: { select: { title: true } } } } },
  });
}

/**
 * Records (or changes) one party's score on one proposal in an open round, citing evidence of
 * the proposal and, optionally, a new item added in the same transaction.
 */
export async function recordScore(actor: ServiceActor, input: ScoreInput, newEvidence: EvidenceDraft | null, context: RequestContext) {
  // Who may score is judged before a file is read (and again inside the transaction).
  await assertMayChangeProposal(actor, input.proposalId, context, "score.record");
  const checked = newEvidence ? await checkDraft(newEvidence) : null;
  return refusingInTransaction(actor, context, () =>
    writeTransaction(async (tx) => {
      const round = await currentRound(tx, input.roundId);
      const proposal = await tx.proposal.findUnique({
        where: { id: input.proposalId },
        select: { id: true, ownerId: true, reference: true, summit: { select: { date: true } }, countries: { select: { country: true } } },
      });
      if (!proposal) throw new NotFoundError(msg("what.proposal"));
      if (!canEditProposal(actor, proposal)) {
        throw new Refusal(msg("refusal.score"), { entityType: "score", entityId: input.proposalId, proposalId: input.proposalId, attempted: "score.record" });
      }
      if (round.status !== "open") throw new RuleError(msg("rule.roundClosed", { name: round.name }), { status: 409 });
      if (proposal.summit.date > round.cutoff)
        throw new RuleError(msg("rule.notInRound", { reference: proposal.reference, name: round.name }), { status: 422 });
      if (!proposal.countries.some((c) => c.country === input.country)) {
        throw new RuleError(msg("rule.notParticipant", { country: msg(`country.${input.country}`), reference: proposal.reference }), {
          status: 422,
          field: "country",
        });
      }
      const current = await currentScore(tx, round.id, proposal.id, input.country);
      if ((current?.version ?? 0) !== input.version) throw new ConflictError(current ?? { version: 0 });

      const cite = [...new Set(input.cite)];
      const citable = cite.length
        ? await tx.evidence.findMany({ where: { id: { in: cite }, proposalId: proposal.id }, select: { id: true, title: true } })
        : [];
      if (citable.length !== cite.length) throw new RuleError(msg("rule.citeOtherProposal"), { status: 422, field: "cite" });
      const cited = [...citable];
      if (checked) cited.push(await insertEvidence(tx, actor, proposal.id, {}, checked, context));

      const score = scoreOfChoice(input.score);
      if (score !== null && score !== 0 && cited.length === 0) {
        throw new RuleError(msg("rule.scoreNeedsEvidence", { score: scoreLabel(score) }), { status: 422, field: "cite" });
      }

      const before = {
        score: current ? scoreLabel(current.score as -1 | 0 | 1 | null) : null,
        rationale: current?.rationale ?? null,
        evidence: current ? current.evidence.map((e) => e.evidence.title).sort() : [],
      };
      const after = { score: scoreLabel(score), rationale: input.rationale, evidence: cited.map((e) => e.title).sort() };
      // The same items, by id (two items may share a title; a new upload is always a change).
      const ids = (list: string[]) => [...list].sort().join(" ");
      const sameEvidence = current ? ids(current.evidence.map((e) => e.evidenceId)) === ids(cited.map((e) => e.id)) : cited.length === 0;
      if (current && before.score === after.score && before.rationale === after.rationale && sameEvidence) return { changed: false, country: input.country };

      let scoreId: string;
      if (current) {
        const result = await tx.complianceScore.updateMany({
          where: { id: current.id, version: input.version },
          data: { score, rationale: input.rationale, updatedById: actor.id, version: { increment: 1 } },
        });
        if (result.count !== 1) throw new ConflictError(current);
        await tx.scoreEvidence.deleteMany({ where: { scoreId: current.id } });
        scoreId = current.id;
      } else {
        const created = await tx.complianceScore.create({
          data: { roundId: round.id, proposalId: proposal.id, country: input.country, score, rationale: input.rationale, updatedById: actor.id },
          select: { id: true },
        });
        scoreId = created.id;
      }
      if (cited.length) await tx.scoreEvidence.createMany({ data: cited.map((e) => ({ scoreId, evidenceId: e.id })) });
      await recordAuditEvent(tx, {
        actor: actorOf(actor),
        action: "score.recorded",
        entityType: "score",
        entityId: scoreId,
        proposalId: proposal.id,
        changes: [
          { field: "round", from: null, to: round.name },
          { field: "country", from: null, to: input.country },
          ...(before.score !== after.score ? [{ field: "score", from: before.score, to: after.score }] : []),
          ...(before.rationale !== after.rationale ? [{ field: "rationale", from: before.rationale, to: after.rationale }] : []),
          ...(!sameEvidence ? [{ field: "evidence", from: before.evidence.join("; ") || null, to: after.evidence.join("; ") || null }] : []),
        ],
        context,
      });
      return { changed: true, country: input.country };
    }),
  );
}
