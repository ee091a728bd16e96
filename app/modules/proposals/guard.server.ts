import { ForbiddenError } from "~/lib/errors";
import { recordRefusal, type RequestContext } from "~/modules/audit/record.server";
import type { Actor } from "./workflow";

export type ServiceActor = Actor & { name: string };

/** A refusal by a service: recorded as a security event, then returned for the caller to throw. */
export async function refuse(
  actor: ServiceActor,
  context: RequestContext,
  message: string,
  target: { entityType: string; entityId: string; proposalId?: string | null; attempted: string },
): Promise<ForbiddenError> {
  await recordRefusal({ id: actor.id, name: actor.name, role: actor.role }, context, message, target);
  return new ForbiddenError(message);
}
