// Server-rendered SVG charts: d3-scale computes positions, d3-shape the line; React draws.
// They show without JavaScript. Each has a <title> and <desc>; the page also shows the same
// figures as a table or list, which is the text alternative.
import { scaleBand, scaleLinear } from "d3-scale";
import { line } from "d3-shape";
import { useT } from "~/i18n";

type Bar = { key: string; label: string; value: number; href: string; tone?: string };

export function HorizontalBarChart({ id, title, description, bars }: { id: string; title: string; description: string; bars: Bar[] }) {
  const width = 560;
  const rowHeight = 26;
  const labelWidth = 190;
  const height = bars.length * rowHeight + 10;
  const max = Math.max(1, ...bars.map((b) => b.value));
  const x = scaleLinear()
    .domain([0, max])
    .nice()
    .range([0, width - labelWidth - 40]);
  const y = scaleBand<string>()
    .domain(bars.map((b) => b.key))
    .range([5, height - 5])
    .padding(0.25);
  return (
    // A group, not an image: its bars are links (mouse shortcuts to the filtered list; the table
    // beside it has the same links for the keyboard), and an image may not hold links.
    <svg className="chart chart-bars" viewBox={`0 0 ${width} ${height}`} role="group" aria-labelledby={`${id}-title ${id}-desc`}>
      <title id={`${id}-title`}>{title}</title>
      <desc id={`${id}-desc`}>{description}</desc>
      {bars.map((b) => (
        <a key={b.key} href={b.href} tabIndex={-1}>
          <text x={labelWidth - 8} y={(y(b.key) ?? 0) + y.bandwidth() / 2} dy="0.35em" textAnchor="end" className="chart-label">
            {b.label}
          </text>
          <rect x={labelWidth} y={y(b.key)} width={Math.max(2, x(b.value))} height={y.bandwidth()} rx={3} className={`bar ${b.tone ?? ""}`} />
          <text x={labelWidth + Math.max(2, x(b.value)) + 6} y={(y(b.key) ?? 0) + y.bandwidth() / 2} dy="0.35em" className="chart-value">
            {b.value}
          </text>
        </a>
      ))}
    </svg>
  );
}

export type MonthPoint = { month: string; due: number; done: number };

/** Milestones due (bars) and done (line) per month; the current month is marked. */
export function DueDoneChart({ id, months, currentMonth }: { id: string; months: MonthPoint[]; currentMonth: string }) {
  const t = useT();
  const width = 760;
  const height = 260;
  // The top margin holds the "today" label, clear of the bars.
  const margin = { top: 28, right: 12, bottom: 48, left: 34 };
  const x = scaleBand<string>()
    .domain(months.map((m) => m.month))
    .range([margin.left, width - margin.right])
    .padding(0.2);
  const max = Math.max(1, ...months.flatMap((m) => [m.due, m.done]));
  const y = scaleLinear()
    .domain([0, max])
    .nice()
    .range([height - margin.bottom, margin.top]);
  const centre = (m: string) => (x(m) ?? 0) + x.bandwidth() / 2;
  const path = line<MonthPoint>()
    .x((d) => centre(d.month))
    .y((d) => y(d.done))(months);
  const totalDue = months.reduce((s, m) => s + m.due, 0);
  const totalDone = months.reduce((s, m) => s + m.done, 0);
  return (
    // On a phone the chart keeps a minimum width (its labels stay legible) and scrolls in its box.
    // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex -- a scrolling region must take focus (WCAG 2.1.1)
    <div className="chart-scroll" role="region" aria-labelledby={`${id}-title`} tabIndex={0}>
      <svg className="chart chart-months" viewBox={`0 0 ${width} ${height}`} role="img" aria-labelledby={`${id}-title ${id}-desc`}>
        <title id={`${id}-title`}>{t("chart.monthsTitle")}</title>
        <desc id={`${id}-desc`}>
          {t("chart.monthsDesc", { from: months[0]?.month ?? "—", to: months.at(-1)?.month ?? "—", due: totalDue, done: totalDone, current: currentMonth })}
        </desc>
        {y.ticks(4).map((tick) => (
          <g key={tick}>
            <line x1={margin.left} x2={width - margin.right} y1={y(tick)} y2={y(tick)} className="grid-line" />
            <text x={margin.left - 6} y={y(tick)} dy="0.35em" textAnchor="end" className="chart-axis">
              {tick}
            </text>
          </g>
        ))}
        {months.map((m) => (
          <rect
            key={m.month}
            x={x(m.month)}
            y={y(m.due)}
            width={x.bandwidth()}
            height={y(0) - y(m.due)}
            className={m.month < currentMonth ? "bar bar-past" : "bar"}
          />
        ))}
        {path ? <path d={path} className="line-done" /> : null}
        {months.map((m) => (
          <circle key={m.month} cx={centre(m.month)} cy={y(m.done)} r={3} className="dot-done" />
        ))}
        {x(currentMonth) !== undefined ? (
          <g>
            <line x1={centre(currentMonth)} x2={centre(currentMonth)} y1={margin.top - 8} y2={height - margin.bottom} className="today-line" />
            <text x={centre(currentMonth)} y={margin.top - 12} textAnchor="middle" className="chart-axis today-text">
              {t("timeline.today")}
            </text>
          </g>
        ) : null}
        {months.map((m, i) =>
          i % 3 === 0 ? (
            <text key={m.month} x={centre(m.month)} y={height - margin.bottom + 16} textAnchor="middle" className="chart-axis">
              {m.month}
            </text>
          ) : null,
        )}
        <g transform={`translate(${margin.left}, ${height - 6})`} className="chart-axis">
          <rect width={10} height={10} y={-9} className="bar" />
          <text x={14}>{t("dash.due")}</text>
          <circle cx={90} cy={-4} r={4} className="dot-done" />
          <text x={98}>{t("dash.done")}</text>
        </g>
      </svg>
    </div>
  );
}
