// Derived figures, never stored: a proposal's progress and its overdue milestones.
import type { MilestoneStatus } from "../proposals/vocabulary";

type MilestoneLike = { status: MilestoneStatus; dueDate: Date | string; title?: string };

/** done ÷ non-cancelled milestones, 0–1; null when there is nothing to measure. */
export function progressOf(milestones: readonly { status: MilestoneStatus }[]): number | null {
  const counted = milestones.filter((m) => m.status !== "cancelled");
  if (counted.length === 0) return null;
  return counted.filter((m) => m.status === "done").length / counted.length;
}

/** A planned milestone whose due date (a calendar day, UTC) is before today. */
export function isOverdue(m: MilestoneLike, today: Date = new Date()): boolean {
  if (m.status !== "planned") return false;
  return startOfUtcDay(new Date(m.dueDate)) < startOfUtcDay(today);
}

export function daysOverdue(m: MilestoneLike, today: Date = new Date()): number {
  const diff = startOfUtcDay(today) - startOfUtcDay(new Date(m.dueDate));
  return Math.max(0, Math.round(diff / 86_400_000));
}

function startOfUtcDay(d: Date): number {
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
}
