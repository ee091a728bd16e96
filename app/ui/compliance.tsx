// Compliance on a page (issue 16): a score cell (colour and words, never colour alone), figures
// (average, percent, change), and the scorecard's trend chart (d3-scale, server-rendered SVG).
import { scaleLinear, scalePoint } from "d3-scale";
import { line } from "d3-shape";
import { useT } from "~/i18n";
import { formatAverage, scoreLabel, type Given, type Summary } from "~/modules/compliance/scoring";

const TONES: Record<string, string> = { "+1": "score-full", "0": "score-partial", "−1": "score-none", "n/a": "score-na", "": "score-unscored" };

/** What a score means, in words (the cell's accessible text and tooltip). */
export function useScoreWords() {
  const t = useT();
  return (score: Given) =>
    score === undefined ? t("score.none") : score === null ? t("score.na") : score > 0 ? t("score.1") : score < 0 ? t("score.-1") : t("score.0");
}

function NonPartyCell() {
  const t = useT();
  return (
    <td className="score-cell score-nonparty" title={t("score.nonParty")}>
      <span aria-hidden="true">·</span>
      <span className="sr-only">{t("score.nonParty")}</span>
    </td>
  );
}

export function ScoreCell({ score, participant = true, href }: { score: Given; participant?: boolean; href?: string }) {
  const t = useT();
  const words = useScoreWords();
  if (!participant) return <NonPartyCell />;
  const label = scoreLabel(score);
  const body = (
    <>
      <span aria-hidden="true">{score === null ? t("scoreMark.na") : label || "–"}</span>
      <span className="sr-only">{words(score)}</span>
    </>
  );
  return (
    <td className={`score-cell ${TONES[label]}`} title={words(score)}>
      {href ? <a href={href}>{body}</a> : body}
    </td>
  );
}

/** A score as a badge with its words (lists, the scorecard). */
export function ScoreBadge({ score }: { score: Given }) {
  const words = useScoreWords();
  const label = scoreLabel(score);
  return <span className={`score-badge ${TONES[label]}`}>{words(score)}</span>;
}

export const percentText = (s: Summary) => (s.percent === null ? "—" : `${s.percent} %`);
export const changeText = (c: number | null) => (c === null ? "—" : c > 0 ? `+${c}` : c < 0 ? `−${-c}` : "0");

/** The header cells matching FigureCells. */
export function FigureHeads({ withChange }: { withChange: boolean }) {
  const t = useT();
  return (
    <>
      <th scope="col" className="num">
        {t("comp.scored")}
      </th>
      <th scope="col" className="num">
        {t("comp.average")}
      </th>
      <th scope="col" className="num">
        {t("comp.compliance")}
      </th>
      {withChange ? (
        <th scope="col" className="num">
          {t("comp.changeShort")}
        </th>
      ) : null}
    </>
  );
}

/** Average, percent and (when there is a previous round) the change, as table cells. */
export function FigureCells({ summary, change, withChange }: { summary: Summary; change?: number | null; withChange: boolean }) {
  return (
    <>
      <td className="num">{summary.counted}</td>
      <td className="num">{formatAverage(summary.average)}</td>
      <td className="num">
        <strong>{percentText(summary)}</strong>
      </td>
      {withChange ? <td className="num">{changeText(change ?? null)}</td> : null}
    </>
  );
}

export type TrendPoint = { label: string; percent: number | null };

/** Compliance (percent) per round as a line with labelled points; rounds without a figure are gaps. */
export function TrendChart({ id, title, description, points }: { id: string; title: string; description: string; points: TrendPoint[] }) {
  const width = 640;
  const height = 240;
  const margin = { top: 20, right: 24, bottom: 44, left: 44 };
  const x = scalePoint<string>()
    .domain(points.map((p) => p.label))
    .range([margin.left, width - margin.right])
    .padding(0.5);
  const y = scaleLinear()
    .domain([0, 100])
    .range([height - margin.bottom, margin.top]);
  const path = line<TrendPoint>()
    .defined((p) => p.percent !== null)
    .x((p) => x(p.label) ?? 0)
    .y((p) => y(p.percent ?? 0))(points);
  return (
    <svg className="chart chart-trend" viewBox={`0 0 ${width} ${height}`} role="img" aria-labelledby={`${id}-title ${id}-desc`}>
      <title id={`${id}-title`}>{title}</title>
      <desc id={`${id}-desc`}>{description}</desc>
      {[0, 25, 50, 75, 100].map((tick) => (
        <g key={tick}>
          <line x1={margin.left} x2={width - margin.right} y1={y(tick)} y2={y(tick)} className={tick === 50 ? "grid-line grid-mid" : "grid-line"} />
          <text x={margin.left - 6} y={y(tick)} dy="0.35em" textAnchor="end" className="chart-axis">
            {tick} %
          </text>
        </g>
      ))}
      {path ? <path d={path} className="line-done" /> : null}
      {points.map((p) =>
        p.percent === null ? null : (
          <g key={p.label}>
            <circle cx={x(p.label)} cy={y(p.percent)} r={4} className="dot-done" />
            <text x={x(p.label)} y={y(p.percent) - 10} textAnchor="middle" className="chart-value">
              {p.percent} %
            </text>
          </g>
        ),
      )}
      {points.map((p) => (
        <text key={p.label} x={x(p.label)} y={height - margin.bottom + 18} textAnchor="middle" className="chart-axis">
          {p.label}
        </text>
      ))}
    </svg>
  );
}
