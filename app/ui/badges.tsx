import type { Health, MilestoneStatus, Status } from "~/modules/proposals/vocabulary";
import { HEALTH_LABEL, MILESTONE_STATUS_LABEL, STATUS_LABEL, labelFor } from "./labels";
import { formatPercent } from "./format";

export function StatusBadge({ status }: { status: string }) {
  return <span className={`badge status-${status}`}>{labelFor(STATUS_LABEL, status as Status)}</span>;
}

export function HealthBadge({ health }: { health: string }) {
  return (
    <span className={`health health-${health}`}>
      <span aria-hidden="true" className="dot" />
      {labelFor(HEALTH_LABEL, health as Health)}
    </span>
  );
}

export function MilestoneBadge({ status, overdue }: { status: string; overdue?: boolean }) {
  return (
    <span className={`badge ms-${status}${overdue ? " ms-overdue" : ""}`}>
      {overdue ? "Overdue" : labelFor(MILESTONE_STATUS_LABEL, status as MilestoneStatus)}
    </span>
  );
}

/** Progress as a native <progress> element (accessible, no inline styles under the CSP). */
export function ProgressBar({ value, label }: { value: number | null; label: string }) {
  if (value === null) return <span className="muted">No milestones</span>;
  return (
    <span className="progress-cell">
      <progress max={100} value={Math.round(value * 100)} aria-label={label} />
      <span className="progress-text">{formatPercent(value)}</span>
    </span>
  );
}
