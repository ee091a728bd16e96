import { useT } from "~/i18n";
import type { Health, MilestoneStatus, Status } from "~/modules/proposals/vocabulary";
import { formatPercent } from "./format";

export function StatusBadge({ status }: { status: Status }) {
  const t = useT();
  return <span className={`badge status-${status}`}>{t(`status.${status}`)}</span>;
}

export function HealthBadge({ health }: { health: Health }) {
  const t = useT();
  return (
    <span className={`health health-${health}`}>
      <span aria-hidden="true" className="dot" />
      {t(`health.${health}`)}
    </span>
  );
}

export function MilestoneBadge({ status, overdue }: { status: MilestoneStatus; overdue?: boolean }) {
  const t = useT();
  return <span className={`badge ms-${status}${overdue ? " ms-overdue" : ""}`}>{overdue ? t("milestone.overdue") : t(`milestone.${status}`)}</span>;
}

/** Progress as a native <progress> element (accessible, no inline styles under the CSP). */
export function ProgressBar({ value, label }: { value: number | null; label: string }) {
  const t = useT();
  if (value === null) return <span className="muted">{t("progress.none")}</span>;
  return (
    <span className="progress-cell">
      <progress max={100} value={Math.round(value * 100)} aria-label={label} />
      <span className="progress-text">{formatPercent(value, t.locale)}</span>
    </span>
  );
}
