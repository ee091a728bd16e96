import { render } from "~/i18n/translate";
import { describe, expect, it } from "vitest";
import { availableTransitions, checkTransition } from "~/modules/proposals/workflow";
import { STATUSES, type Status } from "~/modules/proposals/vocabulary";
import { ROLES, type Role } from "~/modules/users/roles";

// product.md §3, written out independently of workflow.ts: "from>to": [least role, note required].
const SPEC: Record<string, ["analyst" | "manager", boolean]> = {
  "proposed>under_review": ["analyst", false],
  "under_review>proposed": ["analyst", true],
  "under_review>agreed": ["manager", false],
  "agreed>in_progress": ["analyst", false],
  "agreed>on_hold": ["analyst", true],
  "in_progress>on_hold": ["analyst", true],
  "on_hold>in_progress": ["analyst", false],
  "in_progress>completed": ["manager", true],
  "completed>in_progress": ["manager", true],
  "proposed>dropped": ["manager", true],
  "under_review>dropped": ["manager", true],
  "agreed>dropped": ["manager", true],
  "on_hold>dropped": ["manager", true],
  "dropped>proposed": ["manager", true],
};
const RANK: Record<Role, number> = { viewer: 0, analyst: 1, manager: 2, admin: 3 };

type Case = { from: Status; to: Status; role: Role; owns: boolean };
const cases: Case[] = [];
for (const from of STATUSES) for (const to of STATUSES) for (const role of ROLES) for (const owns of [true, false]) cases.push({ from, to, role, owns });

describe("the transition table, every (from, to, role, ownership)", () => {
  it("covers all 7 × 7 × 4 × 2 combinations", () => expect(cases).toHaveLength(392));

  it.each(cases)("$from → $to as $role (owner: $owns)", ({ from, to, role, owns }) => {
    const actor = { id: "me", role };
    const proposal = { status: from, ownerId: owns ? "me" : "someone-else" };
    const spec = SPEC[`${from}>${to}`];
    const withNote = checkTransition({ actor, proposal, to, note: "because", plannedMilestones: [] });
    const offered = availableTransitions(actor, proposal).some((r) => r.to === to);
    if (!spec) {
      expect(withNote).toMatchObject({ ok: false, kind: "invalid" });
      expect(offered).toBe(false);
      return;
    }
    const [least, noteRequired] = spec;
    const mayByRole = RANK[role] >= RANK[least];
    // Analyst-level transitions need ownership unless the actor is a manager or admin.
    const mayByOwnership = least === "manager" || RANK[role] >= RANK.manager || owns;
    const allowed = mayByRole && mayByOwnership;
    expect(offered).toBe(allowed);
    if (!allowed) {
      expect(withNote).toMatchObject({ ok: false, kind: "forbidden" });
      return;
    }
    expect(withNote).toMatchObject({ ok: true });
    const withoutNote = checkTransition({ actor, proposal, to, note: "  ", plannedMilestones: [] });
    if (noteRequired) expect(withoutNote).toMatchObject({ ok: false, kind: "note_required" });
    else expect(withoutNote.ok).toBe(true);
  });
});

describe("completing with planned milestones", () => {
  it("is refused with a message that names each planned milestone", () => {
    const result = checkTransition({
      actor: { id: "m", role: "manager" },
      proposal: { status: "in_progress", ownerId: "a" },
      to: "completed",
      note: "done",
      plannedMilestones: ["Draft circulated", "Strategy adopted"],
    });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.kind).toBe("milestones_planned");
      expect(render("en", result.message)).toContain("Draft circulated");
      expect(render("en", result.message)).toContain("Strategy adopted");
    }
  });

  it("is allowed once none is planned", () => {
    const result = checkTransition({
      actor: { id: "m", role: "admin" },
      proposal: { status: "in_progress", ownerId: "a" },
      to: "completed",
      note: "delivered",
      plannedMilestones: [],
    });
    expect(result.ok).toBe(true);
  });
});

describe("refusal messages say why", () => {
  it("names the allowed destinations of an impossible move", () => {
    const r = checkTransition({ actor: { id: "m", role: "manager" }, proposal: { status: "proposed", ownerId: "m" }, to: "completed", note: "x" });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(render("en", r.message)).toMatch(/cannot go from proposed to completed.*under review/);
  });
});

describe("completing without evidence (issue 16)", () => {
  const complete = (evidenceCount: number | undefined) =>
    checkTransition({
      actor: { id: "m", role: "manager" },
      proposal: { status: "in_progress", ownerId: "a" },
      to: "completed",
      note: "done",
      plannedMilestones: [],
      evidenceCount,
    });

  it("is refused with no evidence item, saying what to add", () => {
    const result = complete(0);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.kind).toBe("evidence_missing");
      expect(render("en", result.message)).toContain("add at least one evidence item");
    }
  });

  it("is allowed with one, and the milestone rule is judged first", () => {
    expect(complete(1).ok).toBe(true);
    const both = checkTransition({
      actor: { id: "m", role: "manager" },
      proposal: { status: "in_progress", ownerId: "a" },
      to: "completed",
      note: "done",
      plannedMilestones: ["Draft circulated"],
      evidenceCount: 0,
    });
    expect(!both.ok && both.kind).toBe("milestones_planned");
  });
});
