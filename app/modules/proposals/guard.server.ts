import { ForbiddenError } from "~/lib/errors";
import { recordStandaloneEvent, type RequestContext } from "~/modules/audit/record.server";
import type { Actor } from "./workflow";

export type ServiceActor = Actor & { name: string };

/**
 * A refusal: recorded as a security event in a transaction of its own (the refused change
 * wrote nothing), then returned for the caller to throw.
 */
export async function refuse(
  actor: ServiceActor,
  context: RequestContext,
  message: string,
  target: { entityType: string; entityId: string; proposalId?: string | null; attempted: string },
): Promise<ForbiddenError> {
  await recordStandaloneEvent({
    actor: { id: actor.id, name: actor.name, role: actor.role },
    action: "auth.forbidden",
    entityType: target.entityType,
    entityId: target.entityId,
    proposalId: target.proposalId ?? null,
    changes: [{ field: "request", from: null, to: target.attempted }],
    reason: message,
    context,
  });
  return new ForbiddenError(message);
}
