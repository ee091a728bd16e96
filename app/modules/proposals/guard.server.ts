import { readDb } from "~/db.server";
import { ForbiddenError, NotFoundError } from "~/lib/errors";
import { recordRefusal, type RequestContext } from "~/modules/audit/record.server";
import { canEditProposal, type Actor } from "./workflow";
import { msg, type Message } from "~/i18n/message";
import { render } from "~/i18n/translate";

export type ServiceActor = Actor & { name: string };

type RefusalTarget = { entityType: string; entityId: string; proposalId?: string | null; attempted: string };

/** A refusal by a service: recorded as a security event, then returned for the caller to throw. */
export async function refuse(actor: ServiceActor, context: RequestContext, message: Message, target: RefusalTarget): Promise<ForbiddenError> {
  // The audit log keeps the refusal in English words: it is a record, read as written.
  await recordRefusal({ id: actor.id, name: actor.name, role: actor.role }, context, render("en", message), target);
  return new ForbiddenError(message);
}

/**
 * Thrown inside a write transaction when the permission check, made on the rows the transaction
 * reads, refuses. The transaction rolls back; `refusingInTransaction` then records the refusal
 * (its own write, which must not roll back with the change) and throws the ForbiddenError.
 */
export class Refusal extends Error {
  constructor(
    readonly detail: Message,
    readonly target: RefusalTarget,
  ) {
    super(render("en", detail));
    this.name = "Refusal";
  }
}

export async function refusingInTransaction<T>(actor: ServiceActor, context: RequestContext, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (error instanceof Refusal) throw await refuse(actor, context, error.detail, error.target);
    throw error;
  }
}

/**
 * Who may act, checked before anything the request sent is parsed: the owner analyst, a
 * manager or an admin may change a proposal (its fields, milestones, updates, status). Anyone
 * else gets 403 (recorded), whatever the form held. The service checks again inside its
 * transaction; this is the early answer.
 */
export async function assertMayChangeProposal(actor: ServiceActor, proposalId: string, context: RequestContext, attempted: string) {
  const proposal = await readDb.proposal.findUnique({ where: { id: proposalId }, select: { ownerId: true } });
  if (!proposal) throw new NotFoundError(msg("what.proposal"));
  if (!canEditProposal(actor, proposal)) {
    throw await refuse(actor, context, msg("refusal.changeProposal"), { entityType: "proposal", entityId: proposalId, proposalId, attempted });
  }
}
