// Comments on a proposal (issue 12 item 8, docs/decisions/017-comments.md): every role but viewer
// comments on any proposal; the author alone edits a comment, within COMMENT_EDIT_MINUTES of
// posting it. Each write opens one transaction and records its audit event in it (decision 013);
// the users a comment mentions are rows of CommentMention, replaced when it is edited.
import { readDb, writeTransaction, type Tx } from "~/db.server";
import { msg } from "~/i18n/message";
import { ConflictError, NotFoundError, RuleError } from "~/lib/errors";
import { recordAuditEvent, type RequestContext } from "~/modules/audit/record.server";
import type { FieldChange } from "~/modules/audit/chain";
import { refuse, Refusal, refusingInTransaction, type ServiceActor } from "~/modules/proposals/guard.server";
import { COMMENT_EDIT_MINUTES, editWindowOpen, mayComment } from "./rules";
import type { AddCommentInput, EditCommentInput } from "./schemas";

const actorOf = (a: ServiceActor) => ({ id: a.id, name: a.name, role: a.role });
const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);

/** A viewer is refused before any transaction opens: the decision needs no row. */
async function refuseReader(actor: ServiceActor, proposalId: string, context: RequestContext, attempted: string) {
  if (!mayComment(actor.role))
    throw await refuse(actor, context, msg("refusal.comment"), { entityType: "proposal", entityId: proposalId, proposalId, attempted });
}

/**
 * The early answer, before the form is parsed (as assertMayChangeProposal is for the page's other
 * forms): the proposal exists and the actor may comment. The service checks again.
 */
export async function assertMayComment(actor: ServiceActor, proposalId: string, context: RequestContext, attempted: string) {
  const proposal = await readDb.proposal.findUnique({ where: { id: proposalId }, select: { id: true } });
  if (!proposal) throw new NotFoundError(msg("what.proposal"));
  await refuseReader(actor, proposalId, context, attempted);
}

/** The mentioned users (the schema already dropped repeats): each must be an active user, or nothing is written. */
async function mentionedUsers(tx: Tx, ids: readonly string[]) {
  if (!ids.length) return [];
  const users = await tx.user.findMany({ where: { id: { in: [...ids] }, active: true }, select: { id: true, name: true } });
  if (users.length !== ids.length) throw new RuleError(msg("comments.v.unknownMention"), { status: 400, field: "mentions" });
  return users.sort(byName);
}

export async function addComment(actor: ServiceActor, proposalId: string, input: Pick<AddCommentInput, "body" | "mentions">, context: RequestContext) {
  await refuseReader(actor, proposalId, context, "comment.add");
  return writeTransaction(async (tx) => {
    const proposal = await tx.proposal.findUnique({ where: { id: proposalId }, select: { id: true } });
    if (!proposal) throw new NotFoundError(msg("what.proposal"));
    const users = await mentionedUsers(tx, input.mentions);
    const comment = await tx.comment.create({
      data: { proposalId, authorId: actor.id, body: input.body, mentions: { create: users.map((u) => ({ userId: u.id })) } },
      select: { id: true },
    });
    await recordAuditEvent(tx, {
      actor: actorOf(actor),
      action: "comment.added",
      entityType: "comment",
      entityId: comment.id,
      proposalId,
      changes: [{ field: "comment", from: null, to: input.body }, ...(users.length ? [{ field: "mentions", from: null, to: users.map((u) => u.name) }] : [])],
      context,
    });
    return { id: comment.id, mentioned: users.map((u) => u.id) };
  });
}

/**
 * Edits a comment: its author only (another user's attempt is refused and recorded), within the
 * window (after it, 409 with a message saying so), at the version the form was read at (409 with
 * the current text). A save that changes nothing writes nothing.
 */
export async function editComment(
  actor: ServiceActor,
  proposalId: string,
  input: Pick<EditCommentInput, "commentId" | "version" | "body" | "mentions">,
  context: RequestContext,
) {
  await refuseReader(actor, proposalId, context, "comment.edit");
  return refusingInTransaction(actor, context, () =>
    writeTransaction(async (tx) => {
      const comment = await tx.comment.findFirst({
        where: { id: input.commentId, proposalId },
        select: { id: true, authorId: true, body: true, version: true, createdAt: true, mentions: { select: { user: { select: { id: true, name: true } } } } },
      });
      if (!comment) throw new NotFoundError(msg("what.comment"));
      if (comment.authorId !== actor.id) {
        throw new Refusal(msg("refusal.editComment"), { entityType: "comment", entityId: comment.id, proposalId, attempted: "comment.edit" });
      }
      // The window is part of who may act: once it has closed, no version makes the edit possible.
      if (!editWindowOpen(comment.createdAt)) throw new RuleError(msg("comments.editClosed", { minutes: COMMENT_EDIT_MINUTES }), { status: 409 });
      const conflict = () => new ConflictError({ comment: comment.body, version: comment.version });
      if (comment.version !== input.version) throw conflict();

      const users = await mentionedUsers(tx, input.mentions);
      const before = comment.mentions.map((m) => m.user).sort(byName);
      const changes: FieldChange[] = [];
      if (comment.body !== input.body) changes.push({ field: "comment", from: comment.body, to: input.body });
      const names = (list: { name: string }[]) => list.map((u) => u.name);
      if (JSON.stringify(names(before)) !== JSON.stringify(names(users))) changes.push({ field: "mentions", from: names(before), to: names(users) });
      if (!changes.length) return { id: comment.id, changed: false };

      const updated = await tx.comment.updateMany({
        where: { id: comment.id, version: input.version },
        data: { body: input.body, version: { increment: 1 }, editedAt: new Date() },
      });
      if (updated.count !== 1) throw conflict();
      await tx.commentMention.deleteMany({ where: { commentId: comment.id } });
      if (users.length) await tx.commentMention.createMany({ data: users.map((u) => ({ commentId: comment.id, userId: u.id })) });
      await recordAuditEvent(tx, {
        actor: actorOf(actor),
        action: "comment.edited",
        entityType: "comment",
        entityId: comment.id,
        proposalId,
        changes,
        context,
      });
      return { id: comment.id, changed: true };
    }),
  );
}
