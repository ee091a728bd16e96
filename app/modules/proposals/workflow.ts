// The status workflow (product.md §3) as one pure module: the proposal page, the board, the
// server actions and the tests all ask it. No database imports here.
import { msg, type Message } from "~/i18n/message";
import { roleAtLeast, type Role } from "~/modules/users/roles";
import type { Status } from "./vocabulary";

/** The verb on a transition's button; `transition.<label>` is its message key. */
export type TransitionLabel = "Start review" | "Send back" | "Agree" | "Start implementation" | "Put on hold" | "Resume" | "Complete" | "Reopen" | "Drop";

export type TransitionRule = {
  from: Status;
  to: Status;
  /** The least role that may make it; higher roles may too. */
  least: "analyst" | "manager";
  noteRequired: boolean;
  label: TransitionLabel;
};

const rule = (from: Status, to: Status, least: TransitionRule["least"], noteRequired: boolean, label: TransitionLabel): TransitionRule => ({
  from,
  to,
  least,
  noteRequired,
  label,
});

export const TRANSITIONS: readonly TransitionRule[] = [
  rule("proposed", "under_review", "analyst", false, "Start review"),
  rule("under_review", "proposed", "analyst", true, "Send back"),
  rule("under_review", "agreed", "manager", false, "Agree"),
  rule("agreed", "in_progress", "analyst", false, "Start implementation"),
  rule("agreed", "on_hold", "analyst", true, "Put on hold"),
  rule("in_progress", "on_hold", "analyst", true, "Put on hold"),
  rule("on_hold", "in_progress", "analyst", false, "Resume"),
  rule("in_progress", "completed", "manager", true, "Complete"),
  rule("completed", "in_progress", "manager", true, "Reopen"),
  rule("proposed", "dropped", "manager", true, "Drop"),
  rule("under_review", "dropped", "manager", true, "Drop"),
  rule("agreed", "dropped", "manager", true, "Drop"),
  rule("on_hold", "dropped", "manager", true, "Drop"),
  rule("dropped", "proposed", "manager", true, "Reopen"),
];

export type Actor = { id: string; role: Role };

/** May this actor edit this proposal at all (fields, milestones, updates, analyst transitions)? */
export function canEditProposal(actor: Actor, proposal: { ownerId: string }): boolean {
  if (roleAtLeast(actor.role, "manager")) return true;
  return actor.role === "analyst" && proposal.ownerId === actor.id;
}

export type TransitionCheck =
  | { ok: true; rule: TransitionRule }
  | { ok: false; kind: "invalid" | "forbidden" | "note_required" | "milestones_planned" | "evidence_missing"; message: Message };

export type TransitionInput = {
  actor: Actor;
  proposal: { status: Status; ownerId: string };
  to: Status;
  note?: string;
  /** Titles of milestones still planned; needed to judge in_progress → completed. */
  plannedMilestones?: readonly string[];
  /** How many evidence items the proposal and its milestones have; needed to judge in_progress → completed. */
  evidenceCount?: number;
};

export function findRule(from: Status, to: Status): TransitionRule | undefined {
  return TRANSITIONS.find((r) => r.from === from && r.to === to);
}

/** A status inside a sentence ("from under review to agreed"). */
const state = (status: Status): Message => msg(`state.${status}`);

/** The single judge of a status change. Order: impossible → not allowed → missing note → milestones → evidence. */
export function checkTransition(input: TransitionInput): TransitionCheck {
  const { actor, proposal, to } = input;
  const found = findRule(proposal.status, to);
  if (!found) {
    const allowed = TRANSITIONS.filter((r) => r.from === proposal.status).map((r) => state(r.to));
    const from = state(proposal.status);
    return {
      ok: false,
      kind: "invalid",
      message:
        proposal.status === to
          ? msg("rule.already", { status: state(to) })
          : allowed.length
            ? msg("rule.cannotGoAllowed", { from, to: state(to), allowed })
            : msg("rule.cannotGo", { from, to: state(to) }),
    };
  }
  if (!roleAtLeast(actor.role, found.least)) {
    return {
      ok: false,
      kind: "forbidden",
      message:
        found.least === "manager"
          ? msg("rule.onlyManagerMoves", { from: state(found.from), to: state(found.to) })
          : msg("rule.roleCannotMove", { role: actor.role }),
    };
  }
  if (found.least === "analyst" && !canEditProposal(actor, proposal)) {
    return { ok: false, kind: "forbidden", message: msg("rule.ownerOrManagerMoves") };
  }
  if (found.noteRequired && !(input.note ?? "").trim()) {
    return { ok: false, kind: "note_required", message: msg(`rule.noteRequired.${found.label}`) };
  }
  if (found.to === "completed" && input.plannedMilestones && input.plannedMilestones.length > 0) {
    return { ok: false, kind: "milestones_planned", message: msg("rule.milestonesPlanned", { titles: input.plannedMilestones.map((t) => `“${t}”`) }) };
  }
  // A proposal is completed on evidence, not on someone's word (issue 16).
  if (found.to === "completed" && input.evidenceCount !== undefined && input.evidenceCount < 1) {
    return { ok: false, kind: "evidence_missing", message: msg("rule.evidenceMissing") };
  }
  return { ok: true, rule: found };
}

/** Transitions this actor may offer from the current status (what the page and the board show). */
export function availableTransitions(actor: Actor, proposal: { status: Status; ownerId: string }): TransitionRule[] {
  return TRANSITIONS.filter(
    (r) => r.from === proposal.status && roleAtLeast(actor.role, r.least) && (r.least === "manager" || canEditProposal(actor, proposal)),
  );
}
