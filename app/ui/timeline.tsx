import { scaleUtc } from "d3-scale";
import { useT } from "~/i18n";
import { isOverdue } from "~/modules/milestones/progress";
import type { MilestoneStatus } from "~/modules/proposals/vocabulary";
import { formatDay, formatEventDate } from "./format";

export type TimelineMilestone = { id: string; title: string; dueDate: string; status: MilestoneStatus; completedOn: string | null };
export type TimelineRow = { key: string; label: string; href?: string; heading?: boolean; milestones: TimelineMilestone[] };

/**
 * Milestones on a time axis (SVG, server-rendered): one row per proposal or area, today marked,
 * overdue milestones in red. Markers carry <title>s; the caller shows the same data as a table.
 */
/**
 * Two sizes: the all-proposals timeline, and the compact one on a proposal page. Each is drawn at
 * least at its natural width (CSS min-width), so its 12 px labels never shrink below 12 px; a
 * narrower screen scrolls it inside its own box.
 */
const SIZES = {
  wide: { width: 1100, labelWidth: 300, labelChars: 46, ticks: 8 },
  compact: { width: 720, labelWidth: 220, labelChars: 32, ticks: 4 },
} as const;

export function MilestoneTimeline({
  id,
  rows,
  today,
  caption,
  size = "wide",
}: {
  id: string;
  rows: TimelineRow[];
  today: string;
  caption: string;
  size?: keyof typeof SIZES;
}) {
  const t = useT();
  const now = new Date(today);
  const dates = rows.flatMap((r) => r.milestones.map((m) => new Date(m.dueDate)));
  const min = new Date(Math.min(now.getTime() - 120 * 86_400_000, ...dates.map((d) => d.getTime())));
  const max = new Date(Math.max(now.getTime() + 120 * 86_400_000, ...dates.map((d) => d.getTime())));
  const { width, labelWidth, labelChars, ticks: tickCount } = SIZES[size];
  const rowHeight = 24;
  // Tick labels on the first line, the "today" label on the second, clear of the rows below.
  const top = 46;
  const height = top + rows.length * rowHeight + 8;
  const x = scaleUtc()
    .domain([min, max])
    .range([labelWidth + 10, width - 40])
    .nice();
  const ticks = x.ticks(tickCount);
  const tickFormat = (tick: Date) => formatEventDate(tick, "month", t.locale);
  const overdueCount = rows.reduce((s, r) => s + r.milestones.filter((m) => isOverdue(m, now)).length, 0);
  const total = rows.reduce((s, r) => s + r.milestones.length, 0);
  return (
    // Focusable so that a keyboard can scroll it when it is wider than the screen.
    // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex -- a scrolling region must take focus (WCAG 2.1.1)
    <div className="chart-scroll" role="region" aria-labelledby={`${id}-title`} tabIndex={0}>
      {/* A group, not an image: its bars are links (mouse shortcuts to the filtered list; the table
          beside it has the same links for the keyboard), and an image may not hold links. */}
      <svg className={`chart timeline timeline-${size}`} viewBox={`0 0 ${width} ${height}`} role="group" aria-labelledby={`${id}-title ${id}-desc`}>
        <title id={`${id}-title`}>{caption}</title>
        <desc id={`${id}-desc`}>
          {t("timeline.desc", { total, from: formatDay(min, t.locale), to: formatDay(max, t.locale), overdue: overdueCount, today: formatDay(now, t.locale) })}
        </desc>
        {ticks.map((t) => (
          <g key={t.toISOString()}>
            <line x1={x(t)} x2={x(t)} y1={top - 6} y2={height} className="grid-line" />
            <text x={x(t)} y={12} textAnchor="middle" className="chart-axis">
              {tickFormat(t)}
            </text>
          </g>
        ))}
        {rows.map((r, i) => {
          const y = top + i * rowHeight + rowHeight / 2;
          const label = r.label.length > labelChars ? `${r.label.slice(0, labelChars - 1)}…` : r.label;
          return (
            <g key={r.key}>
              {r.heading ? <rect x={0} y={y - rowHeight / 2} width={width} height={rowHeight} className="timeline-heading-bg" /> : null}
              {r.href ? (
                <a href={r.href} tabIndex={-1}>
                  <text x={8} y={y} dy="0.35em" className="chart-label">
                    {label}
                  </text>
                </a>
              ) : (
                <text x={8} y={y} dy="0.35em" className={r.heading ? "chart-label timeline-heading" : "chart-label"}>
                  {label}
                </text>
              )}
              {r.milestones.length > 1 ? (
                <line
                  x1={x(new Date(Math.min(...r.milestones.map((m) => new Date(m.dueDate).getTime()))))}
                  x2={x(new Date(Math.max(...r.milestones.map((m) => new Date(m.dueDate).getTime()))))}
                  y1={y}
                  y2={y}
                  className="timeline-span"
                />
              ) : null}
              {r.milestones.map((m) => {
                const late = isOverdue(m, now);
                return (
                  <circle key={m.id} cx={x(new Date(m.dueDate))} cy={y} r={late ? 6.5 : 5.5} className={`ms-dot ms-dot-${late ? "overdue" : m.status}`}>
                    <title>
                      {t(m.completedOn ? "timeline.markerDone" : "timeline.marker", {
                        title: m.title,
                        due: formatDay(m.dueDate, t.locale),
                        state: (late ? t("milestone.overdue") : t(`milestone.${m.status}`)).toLocaleLowerCase(t.locale),
                        done: m.completedOn ? formatDay(m.completedOn, t.locale) : "",
                      })}
                    </title>
                  </circle>
                );
              })}
            </g>
          );
        })}
        <line x1={x(now)} x2={x(now)} y1={top - 12} y2={height} className="today-line" />
        <text x={x(now)} y={top - 16} textAnchor="middle" className="chart-axis today-text">
          {t("timeline.today")}
        </text>
      </svg>
    </div>
  );
}

const LEGEND = ["planned", "done", "overdue", "missed", "cancelled"] as const;

export function TimelineLegend() {
  const t = useT();
  return (
    <p className="legend" aria-hidden="true">
      {LEGEND.map((k) => (
        <span key={k} className="legend-item">
          <span className={`key key-${k}`} /> {t(`milestone.${k}`)}
        </span>
      ))}
    </p>
  );
}
