// The status workflow (product.md §3) as one pure module: the proposal page, the board, the
// server actions and the tests all ask it. No database imports here.
import type { Role, Status } from "./vocabulary";

export type TransitionRule = {
  from: Status;
  to: Status;
  /** The least role that may make it; higher roles may too. */
  least: "analyst" | "manager";
  noteRequired: boolean;
  /** Short verb for the button. */
  label: string;
};

const rule = (from: Status, to: Status, least: TransitionRule["least"], noteRequired: boolean, label: string): TransitionRule => ({
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

const RANK: Record<Role, number> = { viewer: 0, analyst: 1, manager: 2, admin: 3 };

export function roleAtLeast(role: Role, least: Role): boolean {
  return RANK[role] >= RANK[least];
}

export type Actor = { id: string; role: Role };

/** May this actor edit this proposal at all (fields, milestones, updates, analyst transitions)? */
export function canEditProposal(actor: Actor, proposal: { ownerId: string }): boolean {
  if (roleAtLeast(actor.role, "manager")) return true;
  return actor.role === "analyst" && proposal.ownerId === actor.id;
}

export type TransitionCheck =
  | { ok: true; rule: TransitionRule }
  | { ok: false; kind: "invalid" | "forbidden" | "note_required" | "milestones_planned"; message: string };

export type TransitionInput = {
  actor: Actor;
  proposal: { status: Status; ownerId: string };
  to: Status;
  note?: string;
  /** Titles of milestones still planned; needed to judge in_progress → completed. */
  plannedMilestones?: readonly string[];
};

function findRule(from: Status, to: Status): TransitionRule | undefined {
  return TRANSITIONS.find((r) => r.from === from && r.to === to);
}

/** The single judge of a status change. Order: impossible → not allowed → missing note → milestones. */
export function checkTransition(input: TransitionInput): TransitionCheck {
  const { actor, proposal, to } = input;
  const found = findRule(proposal.status, to);
  if (!found) {
    const allowed = TRANSITIONS.filter((r) => r.from === proposal.status).map((r) => r.to);
    return {
      ok: false,
      kind: "invalid",
      message:
        proposal.status === to
          ? `The proposal is already ${statusWord(to)}.`
          : `A proposal cannot go from ${statusWord(proposal.status)} to ${statusWord(to)}` +
            (allowed.length ? `; from ${statusWord(proposal.status)} it can go to ${allowed.map(statusWord).join(", ")}.` : "."),
    };
  }
  if (!roleAtLeast(actor.role, found.least)) {
    return {
      ok: false,
      kind: "forbidden",
      message:
        found.least === "manager"
          ? `Only a manager can move a proposal from ${statusWord(found.from)} to ${statusWord(found.to)}.`
          : `Your role (${actor.role}) cannot change a proposal's status.`,
    };
  }
  if (found.least === "analyst" && !canEditProposal(actor, proposal)) {
    return { ok: false, kind: "forbidden", message: "Only the proposal's owner or a manager can change its status." };
  }
  if (found.noteRequired && !(input.note ?? "").trim()) {
    return { ok: false, kind: "note_required", message: `A note is required to ${found.label.toLowerCase()}.` };
  }
  if (found.to === "completed" && input.plannedMilestones && input.plannedMilestones.length > 0) {
    const names = input.plannedMilestones.map((t) => `“${t}”`).join(", ");
    return {
      ok: false,
      kind: "milestones_planned",
      message: `Cannot complete while milestones are still planned: ${names}. Mark them done, missed or cancelled first.`,
    };
  }
  return { ok: true, rule: found };
}

/** Transitions this actor may offer from the current status (what the page and the board show). */
export function availableTransitions(actor: Actor, proposal: { status: Status; ownerId: string }): TransitionRule[] {
  return TRANSITIONS.filter(
    (r) =>
      r.from === proposal.status &&
      roleAtLeast(actor.role, r.least) &&
      (r.least === "manager" || canEditProposal(actor, proposal)),
  );
}

function statusWord(status: Status): string {
  return status.replace("_", " ");
}
