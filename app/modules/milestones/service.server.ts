// Writes to milestones, with the proposal's permissions: owner analyst, manager, admin.
import type { z } from "zod";
import { writeTransaction, type readDb, type Tx } from "~/db.server";
import { ConflictError, NotFoundError, RuleError } from "~/lib/errors";
import { diffFields, recordAuditEvent, type RequestContext } from "~/modules/audit/record.server";
import { Refusal, refusingInTransaction, type ServiceActor } from "~/modules/proposals/guard.server";
import { dateToDay, dayToDate } from "~/modules/proposals/text";
import { canEditProposal } from "~/modules/proposals/workflow";
import type { addMilestoneSchema, editMilestoneSchema } from "./schemas";
import { msg } from "~/i18n/message";
import { MILESTONE_SELECT as MILESTONE_FIELDS } from "./select";

const actorOf = (a: ServiceActor) => ({ id: a.id, name: a.name, role: a.role });

/**
 * One write transaction on a proposal's milestones. Permission is judged inside it, on the
 * proposal row as the transaction reads it (a reassignment that just committed counts).
 */
function milestoneWrite<T>(actor: ServiceActor, proposalId: string, context: RequestContext, attempted: string, work: (tx: Tx) => Promise<T>) {
  return refusingInTransaction(actor, context, () =>
    writeTransaction(async (tx) => {
      const proposal = await tx.proposal.findUnique({ where: { id: proposalId }, select: { ownerId: true } });
      if (!proposal) throw new NotFoundError(msg("what.proposal"));
      if (!canEditProposal(actor, proposal)) {
        throw new Refusal(msg("refusal.changeMilestones"), { entityType: "milestone", entityId: proposalId, proposalId, attempted });
      }
      return work(tx);
    }),
  );
}

/** Milestones change the proposal's activity time, not its version (no edit form goes stale). */
const touchProposal = (tx: Tx, proposalId: string) => tx.proposal.update({ where: { id: proposalId }, data: { updatedAt: new Date() }, select: { id: true } });

/** The assignee's name, after checking they may be one: an active analyst or manager (or admin). */
async function assigneeName(tx: Tx, assigneeId: string | null): Promise<string | null> {
  if (!assigneeId) return null;
  const user = await tx.user.findUnique({ where: { id: assigneeId }, select: { name: true, role: true, active: true } });
  if (!user || !user.active || user.role === "viewer") throw new RuleError(msg("rule.assigneeNotAssignable"), { status: 422, field: "assigneeId" });
  return user.name;
}

/** A form's values; a caller other than the form may leave the evidence flag out (kept as it is, or false). */
type WithFlag<T> = Omit<T, "evidenceRequired"> & { evidenceRequired?: boolean };

export async function addMilestone(actor: ServiceActor, proposalId: string, input: WithFlag<z.infer<typeof addMilestoneSchema>>, context: RequestContext) {
  return milestoneWrite(actor, proposalId, context, "milestone.create", async (tx) => {
    const last = await tx.milestone.findFirst({ where: { proposalId }, orderBy: { position: "desc" }, select: { position: true } });
    const assigneeId = input.assigneeId || null;
    const assignee = await assigneeName(tx, assigneeId);
    const m = await tx.milestone.create({
      data: {
        proposalId,
        title: input.title,
        dueDate: dayToDate(input.dueDate),
        note: input.note,
        position: (last?.position ?? 0) + 1,
        assigneeId,
        evidenceRequired: input.evidenceRequired ?? false,
      },
      select: { id: true },
    });
    await touchProposal(tx, proposalId);
    await recordAuditEvent(tx, {
      actor: actorOf(actor),
      action: "milestone.created",
      entityType: "milestone",
      entityId: m.id,
      proposalId,
      changes: [
        { field: "title", from: null, to: input.title },
        { field: "dueDate", from: null, to: input.dueDate },
        ...(assignee ? [{ field: "assignee", from: null, to: assignee }] : []),
        ...(input.evidenceRequired ? [{ field: "evidenceRequired", from: null, to: true }] : []),
      ],
      context,
    });
    return m;
  });
}

const MILESTONE_SELECT = { ...MILESTONE_FIELDS, proposalId: true } as const;

async function findMilestone(client: Tx | typeof readDb, proposalId: string, milestoneId: string) {
  const m = await client.milestone.findUnique({ where: { id: milestoneId }, select: MILESTONE_SELECT });
  if (!m || m.proposalId !== proposalId) throw new NotFoundError(msg("what.milestone"));
  return m;
}

export async function updateMilestone(actor: ServiceActor, proposalId: string, edit: WithFlag<z.infer<typeof editMilestoneSchema>>, context: RequestContext) {
  return milestoneWrite(actor, proposalId, context, "milestone.update", async (tx) => {
    const current = await findMilestone(tx, proposalId, edit.milestoneId);
    if (current.version !== edit.version) throw new ConflictError(current);
    const input = { ...edit, evidenceRequired: edit.evidenceRequired ?? current.evidenceRequired };
    // Marked done now, with evidence required: the milestone must have an item attached (issue 16).
    // The flag as it was counts: clearing it in the same edit does not get round it. Form-level,
    // so forms without a status field (My work's "Mark done") show it too.
    const needsEvidence = current.evidenceRequired || input.evidenceRequired;
    if (input.status === "done" && current.status !== "done" && needsEvidence && current._count.evidence === 0) {
      throw new RuleError(msg("rule.milestoneEvidence", { title: current.title }), { status: 422 });
    }
    const completedOn = input.status === "done" ? dayToDate(input.completedOn!) : null;
    const assigneeId = input.assigneeId || null;
    const assignee = assigneeId === current.assigneeId ? (current.assignee?.name ?? null) : await assigneeName(tx, assigneeId);
    const before = {
      ...current,
      dueDate: dateToDay(current.dueDate),
      completedOn: dateToDay(current.completedOn) || null,
      assignee: current.assignee?.name ?? null,
    };
    const after = {
      title: input.title,
      dueDate: input.dueDate,
      status: input.status,
      completedOn: completedOn ? dateToDay(completedOn) : null,
      note: input.note,
      assignee,
      evidenceRequired: input.evidenceRequired,
    };
    const changes = diffFields(before as Record<string, unknown>, after, ["title", "dueDate", "status", "completedOn", "note", "assignee", "evidenceRequired"]);
    if (!changes.length) return { changed: false };
    const result = await tx.milestone.updateMany({
      where: { id: current.id, version: input.version },
      data: {
        title: input.title,
        dueDate: dayToDate(input.dueDate),
        status: input.status,
        completedOn,
        note: input.note,
        assigneeId,
        evidenceRequired: input.evidenceRequired,
        version: { increment: 1 },
      },
    });
    if (result.count !== 1) throw new ConflictError(current);
    await touchProposal(tx, proposalId);
    await recordAuditEvent(tx, {
      actor: actorOf(actor),
      action: current.status !== "done" && input.status === "done" ? "milestone.completed" : "milestone.updated",
      entityType: "milestone",
      entityId: current.id,
      proposalId,
      changes: [{ field: "milestone", from: null, to: current.title }, ...changes.filter((c) => c.field !== "title" || c.from !== c.to)],
      context,
    });
    return { changed: true };
  });
}

/** Swaps a milestone with its neighbour; both versions move on. */
export async function moveMilestone(
  actor: ServiceActor,
  proposalId: string,
  input: { milestoneId: string; direction: "up" | "down"; version: number },
  context: RequestContext,
) {
  return milestoneWrite(actor, proposalId, context, "milestone.reorder", async (tx) => {
    const current = await findMilestone(tx, proposalId, input.milestoneId);
    if (current.version !== input.version) throw new ConflictError(current);
    const neighbour = await tx.milestone.findFirst({
      where: { proposalId, position: input.direction === "up" ? { lt: current.position } : { gt: current.position } },
      orderBy: { position: input.direction === "up" ? "desc" : "asc" },
      select: { id: true, position: true, title: true },
    });
    if (!neighbour) return { changed: false };
    await tx.milestone.update({ where: { id: current.id }, data: { position: neighbour.position, version: { increment: 1 } }, select: { id: true } });
    await tx.milestone.update({ where: { id: neighbour.id }, data: { position: current.position, version: { increment: 1 } }, select: { id: true } });
    await touchProposal(tx, proposalId);
    await recordAuditEvent(tx, {
      actor: actorOf(actor),
      action: "milestone.reordered",
      entityType: "milestone",
      entityId: current.id,
      proposalId,
      changes: [
        { field: "position", from: current.position, to: neighbour.position },
        { field: "milestone", from: null, to: current.title },
      ],
      context,
    });
    return { changed: true };
  });
}
