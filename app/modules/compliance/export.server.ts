// Compliance exports (issue 16): a round's matrix and a party's scorecard as CSV (one row per
// commitment × party, numbers as numbers so a spreadsheet averages them) and JSON (the same
// cells with every figure the page shows, and the method stated).
import { csvRows } from "~/lib/csv.server";
import { COUNTRIES } from "~/modules/proposals/vocabulary";
import type { Matrix, Scorecard } from "./queries.server";

export type ExportFormat = "csv" | "json";

const METHOD = {
  scores: { "1": "full compliance", "0": "partial compliance or work in progress", "-1": "no compliance or action against it", null: "not applicable" },
  average: "mean of the scores given; not applicable and not scored are left out",
  percent: "(average + 1) / 2 × 100",
  rounding: "half away from zero from the exact fraction: averages to 2 decimals, percentages and changes to whole numbers",
  change: "difference in percentage points from the previous round by cut-off date, over the same filters",
};

const stateOf = (scored: boolean, score: number | null) =>
  !scored ? "not_scored" : score === null ? "not_applicable" : score > 0 ? "full" : score < 0 ? "none" : "partial";

const day = (d: Date | string) => new Date(d).toISOString().slice(0, 10);

function file(body: string, name: string, format: ExportFormat) {
  return new Response(body, {
    headers: {
      "Content-Type": format === "csv" ? "text/csv; charset=utf-8" : "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="${name}.${format}"`,
      "Cache-Control": "private, no-store",
    },
  });
}

/** A round's matrix as a download; `filtered` marks a file made under list filters. */
export function matrixExport(m: Matrix, format: ExportFormat, filtered: boolean): Response {
  const slug =
    m.round.name
      .replace(/[^\p{L}\p{N}]+/gu, "-")
      .replace(/^-|-$/g, "")
      .slice(0, 60) || "round";
  const name = `compliance-${slug}${filtered ? "-filtered" : ""}`.replace(/[^\w.-]/g, "_");
  const cells = m.rows.flatMap((r) =>
    COUNTRIES.flatMap((country) => {
      const cell = r.cells[country];
      if (!cell) return [];
      return [
        {
          round: m.round.name,
          round_kind: m.round.kind,
          cutoff: day(m.round.cutoff),
          reference: r.reference,
          title: r.title,
          area: r.area,
          country,
          score: cell.scored && cell.score !== null ? cell.score : "",
          state: stateOf(cell.scored, cell.score),
          rationale: cell.rationale,
          evidence_items: cell.evidenceCount,
        },
      ];
    }),
  );
  if (format === "csv") {
    const columns = ["round", "round_kind", "cutoff", "reference", "title", "area", "country", "score", "state", "rationale", "evidence_items"] as const;
    return file(csvRows(cells, { columns, header: true, bom: true }), name, "csv");
  }
  const figure = (f: Matrix["overall"]) => ({ ...f.summary, change: f.change });
  return file(
    JSON.stringify(
      {
        round: { ...m.round, cutoff: day(m.round.cutoff) },
        previousRound: m.previousRound ? { id: m.previousRound.id, name: m.previousRound.name, cutoff: day(m.previousRound.cutoff) } : null,
        method: METHOD,
        cells,
        byCountry: Object.fromEntries(COUNTRIES.map((c) => [c, figure(m.byCountry[c])])),
        byArea: Object.fromEntries(Object.entries(m.byArea).map(([a, f]) => [a, figure(f)])),
        overall: figure(m.overall),
      },
      null,
      2,
    ),
    name,
    "json",
  );
}

export function scorecardExport(card: Scorecard, format: ExportFormat, filtered: boolean): Response {
  const name = `scorecard-${card.country}${filtered ? "-filtered" : ""}`;
  const rows = card.commitments.flatMap((c) =>
    c.scores
      .filter((s) => s.inRound)
      .map((s) => {
        const round = card.rounds.find((r) => r.round.id === s.roundId)!.round;
        return {
          country: card.country,
          round: round.name,
          round_kind: round.kind,
          cutoff: day(round.cutoff),
          reference: c.reference,
          title: c.title,
          area: c.area,
          score: s.scored && s.score !== null ? s.score : "",
          state: stateOf(s.scored, s.score),
          rationale: s.rationale,
          evidence: s.evidence.map((e) => (e.kind === "link" ? e.url : `${e.fileName} (sha256 ${e.sha256})`)).join(" | "),
        };
      }),
  );
  if (format === "csv") {
    const columns = ["country", "round", "round_kind", "cutoff", "reference", "title", "area", "score", "state", "rationale", "evidence"] as const;
    return file(csvRows(rows, { columns, header: true, bom: true }), name, "csv");
  }
  return file(
    JSON.stringify(
      {
        country: card.country,
        method: METHOD,
        rounds: card.rounds.map((r) => ({
          id: r.round.id,
          name: r.round.name,
          kind: r.round.kind,
          cutoff: day(r.round.cutoff),
          status: r.round.status,
          ...r.summary,
          change: r.change,
        })),
        scores: rows,
      },
      null,
      2,
    ),
    name,
    "json",
  );
}
