import { describe, expect, it } from "vitest";
import { daysOverdue, isOverdue, progressOf } from "~/modules/milestones/progress";

describe("progress", () => {
  it("is done ÷ non-cancelled milestones", () => {
    expect(progressOf([{ status: "done" }, { status: "planned" }, { status: "cancelled" }, { status: "missed" }])).toBeCloseTo(1 / 3);
  });
  it("is null with nothing to measure", () => {
    expect(progressOf([])).toBeNull();
    expect(progressOf([{ status: "cancelled" }])).toBeNull();
  });
});

describe("overdue", () => {
  const today = new Date("2026-11-22T15:00:00Z");
  it("is a planned milestone due before today", () => {
    expect(isOverdue({ status: "planned", dueDate: "2026-11-21T00:00:00Z" }, today)).toBe(true);
    expect(daysOverdue({ status: "planned", dueDate: "2026-10-31T00:00:00Z" }, today)).toBe(22);
  });
  it("is not a milestone due today, nor one that is done, missed or cancelled", () => {
    expect(isOverdue({ status: "planned", dueDate: "2026-11-22T00:00:00Z" }, today)).toBe(false);
    for (const status of ["done", "missed", "cancelled"] as const) expect(isOverdue({ status, dueDate: "2020-01-01" }, today)).toBe(false);
  });
});
