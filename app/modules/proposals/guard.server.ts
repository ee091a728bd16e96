import { ForbiddenError } from "~/lib/errors";
import { recordRefusal, type RequestContext } from "~/modules/audit/record.server";
import type { Actor } from "./workflow";

export type ServiceActor = Actor & { name: string };

type RefusalTarget = { entityType: string; entityId: string; proposalId?: string | null; attempted: string };

/** A refusal by a service: recorded as a security event, then returned for the caller to throw. */
export async function refuse(actor: ServiceActor, context: RequestContext, message: string, target: RefusalTarget): Promise<ForbiddenError> {
  await recordRefusal({ id: actor.id, name: actor.name, role: actor.role }, context, message, target);
  return new ForbiddenError(message);
}

/**
 * Thrown inside a write transaction when the permission check, made on the rows the transaction
 * reads, refuses. The transaction rolls back; `refusingInTransaction` then records the refusal
 * (its own write, which must not roll back with the change) and throws the ForbiddenError.
 */
export class Refusal extends Error {
  constructor(
    message: string,
    readonly target: RefusalTarget,
  ) {
    super(message);
    this.name = "Refusal";
  }
}

export async function refusingInTransaction<T>(actor: ServiceActor, context: RequestContext, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (error instanceof Refusal) throw await refuse(actor, context, error.message, error.target);
    throw error;
  }
}
