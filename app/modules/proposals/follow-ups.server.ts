// Follow-ups across events (issue 15): a proposal may follow up one earlier proposal (a later
// meeting reaffirms, extends or replaces it). Written inside the proposal's own transaction, so
// the link, the version and the audit event are kept together.
import type { Tx } from "~/db.server";
import { RuleError } from "~/lib/errors";
import { msg } from "~/i18n/message";
import type { FollowUpKind } from "./vocabulary";

export type FollowUpInput = { reference: string; kind?: FollowUpKind };
/** How the audit log and the edit form see a link: the earlier proposal's reference and the kind, or empty. */
export type FollowUpState = { followsUp: string; followUpKind: string };

/** Longest chain walked when checking for a cycle: far beyond any real one. */
const MAX_CHAIN = 200;

export async function followUpState(tx: Tx, proposalId: string): Promise<FollowUpState> {
  const link = await tx.proposalFollowUp.findUnique({ where: { proposalId }, select: { kind: true, earlier: { select: { reference: true } } } });
  return { followsUp: link?.earlier.reference ?? "", followUpKind: link?.kind ?? "" };
}

/** What `input` asks for, normalised; a reference without a kind is a field error. */
export function wantedFollowUp(input: FollowUpInput): FollowUpState {
  const reference = input.reference.trim().toUpperCase();
  if (reference && !input.kind) throw new RuleError(msg("v.chooseFollowUpKind"), { status: 400, field: "followUpKind" });
  return { followsUp: reference, followUpKind: reference ? input.kind! : "" };
}

/** Makes the proposal's link what `wanted` says: checks the earlier proposal exists and that no cycle forms. */
export async function writeFollowUp(tx: Tx, proposalId: string, wanted: FollowUpState) {
  if (!wanted.followsUp) {
    await tx.proposalFollowUp.deleteMany({ where: { proposalId } });
    return;
  }
  const earlier = await tx.proposal.findUnique({ where: { reference: wanted.followsUp }, select: { id: true } });
  if (!earlier) throw new RuleError(msg("v.followUpUnknown", { reference: wanted.followsUp }), { status: 400, field: "followsUp" });
  if (earlier.id === proposalId) throw new RuleError(msg("v.followUpSelf"), { status: 400, field: "followsUp" });
  // Walk back from the earlier proposal: meeting this one again would make a cycle.
  let at: string | undefined = earlier.id;
  for (let step = 0; at && step < MAX_CHAIN; step++) {
    const link: { earlierId: string } | null = await tx.proposalFollowUp.findUnique({ where: { proposalId: at }, select: { earlierId: true } });
    if (link?.earlierId === proposalId) throw new RuleError(msg("v.followUpCycle", { reference: wanted.followsUp }), { status: 400, field: "followsUp" });
    at = link?.earlierId;
  }
  const kind = wanted.followUpKind as FollowUpKind;
  await tx.proposalFollowUp.upsert({
    where: { proposalId },
    update: { earlierId: earlier.id, kind },
    create: { proposalId, earlierId: earlier.id, kind },
    select: { proposalId: true },
  });
}
