// The compliance arithmetic (issue 16), pure and exact, as the G7 and G20 Research Groups compute
// it: each party's score on a commitment is +1 (full compliance), 0 (partial, or work in
// progress) or −1 (no compliance, or action against it). An average counts only the scores given:
// "not applicable" and "not scored yet" are left out of both the sum and the count. The percentage
// is (average + 1) / 2 × 100, so −1 → 0 %, 0 → 50 %, +1 → 100 %.
//
// Rounding, stated once: averages are shown to two decimals and percentages as whole numbers,
// each rounded half away from zero from the exact fraction (integer arithmetic, no floating-point
// drift: 1/8 = 0.125 → 0.13, −0.125 → −0.13, 62.5 % → 63 %). A change between rounds is the
// difference of the exact percentages, rounded the same way.

/** +1, 0 or −1; null is "not applicable"; undefined is "not scored yet". */
export type Score = 1 | 0 | -1;
export type Given = Score | null | undefined;

export const SCORES = [1, 0, -1] as const;

export type Summary = {
  /** Scores counted (+1, 0 or −1). */
  counted: number;
  notApplicable: number;
  notScored: number;
  /** Sum of the counted scores. */
  sum: number;
  /** Two decimals, or null when nothing was counted. */
  average: number | null;
  /** Whole percent, or null when nothing was counted. */
  percent: number | null;
};

/** n / d rounded half away from zero to an integer, exactly (d > 0). */
export function roundedQuotient(n: number, d: number): number {
  if (!Number.isInteger(n) || !Number.isInteger(d) || d <= 0) throw new RangeError(`roundedQuotient(${n}, ${d})`);
  const magnitude = Math.floor((2 * Math.abs(n) + d) / (2 * d));
  return n < 0 ? -magnitude : magnitude;
}

export function summarise(scores: readonly Given[]): Summary {
  let counted = 0;
  let notApplicable = 0;
  let notScored = 0;
  let sum = 0;
  for (const s of scores) {
    if (s === undefined) notScored++;
    else if (s === null) notApplicable++;
    else {
      counted++;
      sum += s;
    }
  }
  return {
    counted,
    notApplicable,
    notScored,
    sum,
    average: counted ? roundedQuotient(sum * 100, counted) / 100 : null,
    // (sum / n + 1) / 2 × 100 = 50 (sum + n) / n
    percent: counted ? roundedQuotient(50 * (sum + counted), counted) : null,
  };
}

/** The change in percentage points from `before` to `now`, from the exact fractions; null if either has nothing counted. */
export function change(now: Summary, before: Summary | undefined): number | null {
  if (!before || !now.counted || !before.counted) return null;
  // 50 (s1 + n1) / n1 − 50 (s0 + n0) / n0 = 50 (s1 n0 − s0 n1) / (n0 n1)
  return roundedQuotient(50 * (now.sum * before.counted - before.sum * now.counted), now.counted * before.counted);
}

/** An average as text: "+0.50", "0.00", "−0.33" (a true minus sign), or "—". */
export function formatAverage(average: number | null): string {
  if (average === null) return "—";
  const text = Math.abs(average).toFixed(2);
  return average > 0 ? `+${text}` : average < 0 ? `−${text}` : text;
}

/** A score as its label: "+1", "0", "−1", "n/a", or "" for not scored. */
export function scoreLabel(score: Given): string {
  if (score === undefined) return "";
  if (score === null) return "n/a";
  return score > 0 ? "+1" : score < 0 ? "−1" : "0";
}

/** The form's value for a score and back: "1", "0", "-1", "na". */
export const SCORE_CHOICES = ["1", "0", "-1", "na"] as const;
export type ScoreChoice = (typeof SCORE_CHOICES)[number];
export const scoreOfChoice = (c: ScoreChoice): Score | null => (c === "na" ? null : (Number(c) as Score));
export const choiceOfScore = (s: Score | null): ScoreChoice => (s === null ? "na" : (String(s) as ScoreChoice));
