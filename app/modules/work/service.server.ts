// Following a proposal (issue 12, "My work"): any signed-in user may watch any proposal they can
// read; owners follow theirs without a row. Each change is audited in its own transaction.
import { writeTransaction } from "~/db.server";
import { NotFoundError } from "~/lib/errors";
import { msg } from "~/i18n/message";
import { recordAuditEvent, type AuditActor, type RequestContext } from "~/modules/audit/record.server";

export async function setWatching(actor: AuditActor & { id: string }, proposalId: string, watching: boolean, context: RequestContext) {
  return writeTransaction(async (tx) => {
    const proposal = await tx.proposal.findUnique({ where: { id: proposalId }, select: { id: true } });
    if (!proposal) throw new NotFoundError(msg("what.proposal"));
    const key = { userId_proposalId: { userId: actor.id, proposalId } };
    const existing = await tx.watch.findUnique({ where: key, select: { userId: true } });
    if (Boolean(existing) === watching) return { changed: false };
    if (watching) await tx.watch.create({ data: { userId: actor.id, proposalId }, select: { userId: true } });
    else await tx.watch.delete({ where: key, select: { userId: true } });
    await recordAuditEvent(tx, {
      actor,
      action: watching ? "proposal.watched" : "proposal.unwatched",
      entityType: "proposal",
      entityId: proposalId,
      proposalId,
      context,
    });
    return { changed: true };
  });
}
