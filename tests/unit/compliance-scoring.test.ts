// The compliance arithmetic of issue 16: averages of the scores given, not-applicable and
// not-scored left out, percentages (average + 1) / 2, rounding half away from zero, stated.
import { describe, expect, it } from "vitest";
import { change, formatAverage, roundedQuotient, scoreLabel, summarise } from "~/modules/compliance/scoring";

describe("summarise", () => {
  it("averages the counted scores and turns them into a percentage", () => {
    expect(summarise([1, 1, 0, -1])).toMatchObject({ counted: 4, sum: 1, average: 0.25, percent: 63 });
    expect(summarise([1])).toMatchObject({ average: 1, percent: 100 });
    expect(summarise([0])).toMatchObject({ average: 0, percent: 50 });
    expect(summarise([-1, -1])).toMatchObject({ average: -1, percent: 0 });
  });

  it("leaves not applicable and not scored out of the sum and the count", () => {
    const s = summarise([1, null, undefined, -1, null, 1]);
    expect(s).toEqual({ counted: 3, notApplicable: 2, notScored: 1, sum: 1, average: 0.33, percent: 67 });
  });

  it("has no average and no percentage when nothing is counted", () => {
    expect(summarise([])).toMatchObject({ average: null, percent: null });
    expect(summarise([null, undefined])).toMatchObject({ counted: 0, average: null, percent: null, notApplicable: 1, notScored: 1 });
  });

  it("rounds half away from zero from the exact fraction, not from a float", () => {
    // 1/8 = 0.125 → 0.13; −1/8 → −0.13; 0.125 as a float is exact, 0.145 is not (0.1449999…).
    expect(summarise([1, 0, 0, 0, 0, 0, 0, 0]).average).toBe(0.13);
    expect(summarise([-1, 0, 0, 0, 0, 0, 0, 0]).average).toBe(-0.13);
    // (−1/8 + 1)/2 = 43.75 % → 44 %; (1/8 + 1)/2 = 56.25 % → 56 %.
    expect(summarise([-1, 0, 0, 0, 0, 0, 0, 0]).percent).toBe(44);
    expect(summarise([1, 0, 0, 0, 0, 0, 0, 0]).percent).toBe(56);
    // 2/3 → 0.67 and 83.33… % → 83 %; −2/3 → −0.67 and 16.67 % → 17 %.
    expect(summarise([1, 1, 0]).average).toBe(0.67);
    expect(summarise([1, 1, 0]).percent).toBe(83);
    expect(summarise([-1, -1, 0])).toMatchObject({ average: -0.67, percent: 17 });
    // 29 scores summing to 7: 0.24137… → 0.24, 62.07 % → 62 %.
    expect(summarise([...Array(7).fill(1), ...Array(22).fill(0)])).toMatchObject({ average: 0.24, percent: 62 });
  });

  it("roundedQuotient is exact for halves both ways and refuses what it cannot divide", () => {
    expect([roundedQuotient(5, 2), roundedQuotient(-5, 2), roundedQuotient(7, 2), roundedQuotient(1, 3), roundedQuotient(2, 3)]).toEqual([3, -3, 4, 0, 1]);
    expect(() => roundedQuotient(1, 0)).toThrow(RangeError);
    expect(() => roundedQuotient(0.5, 2)).toThrow(RangeError);
  });
});

describe("change between rounds", () => {
  it("is the difference of the exact percentages, in points", () => {
    // 50 % → 75 %: +25; 2/3 counted +1 of 3 (66.67 %) → 1/2 (75 %): +8.33 → +8.
    expect(change(summarise([1, -1, 1, 1]), summarise([0]))).toBe(25);
    expect(change(summarise([1, 0]), summarise([1, 0, -1]))).toBe(25);
    expect(change(summarise([1, 1, 0, 0]), summarise([1, 0, 0]))).toBe(8);
    expect(change(summarise([0]), summarise([1]))).toBe(-50);
  });

  it("is null without a previous round or with nothing counted in either", () => {
    expect(change(summarise([1]), undefined)).toBeNull();
    expect(change(summarise([null]), summarise([1]))).toBeNull();
    expect(change(summarise([1]), summarise([undefined]))).toBeNull();
  });
});

describe("labels", () => {
  it("shows scores and averages with signs and a true minus", () => {
    expect([1, 0, -1, null, undefined].map((s) => scoreLabel(s as never))).toEqual(["+1", "0", "−1", "n/a", ""]);
    expect([0.5, 0, -0.33, null].map(formatAverage)).toEqual(["+0.50", "0.00", "−0.33", "—"]);
  });
});
