// The parts of a language's rules that are the same procedure over different word lists: cue
// finding with the background and summary checks, time expressions, places, country mentions,
// speakers and attributions. A language module supplies the lists (en.ts, ru.ts); these turn them
// into the LanguageRules functions.
import type { Country } from "~/modules/proposals/vocabulary";
import { allMatches, matchesAny } from "./patterns";
import type { ActionMatch, Attribution, CountryMention, CueKind, CueMatch, Separator, TimeExpression } from "./types";

export type CueRule = { kind: CueKind; pattern: RegExp; needsAction?: boolean };

export type CueSettings = {
  rules: readonly CueRule[];
  /** A time in the past ("since 2004", "20 years ago"). */
  pastAnchor: RegExp;
  /** Words that look ahead ("will", "next"): a sentence with them is not background. */
  looksAhead: RegExp;
  /** "in 2019": a year the sentence places something in (group 1). */
  yearIn: RegExp;
  /** "a number of initiatives": the sentence summarises what follows. */
  summary: RegExp;
  actions(sentence: string): ActionMatch[];
  /** Whether a named object (a capitalised or quoted name) follows the cue. */
  namedObjectAfter(sentence: string, at: number): boolean;
};

/** Background: anchored in the past and not looking ahead, or every year it names is before the event. */
function isBackground(sentence: string, eventYear: number | undefined, s: CueSettings): boolean {
  if (matchesAny(s.looksAhead, sentence)) return false;
  if (matchesAny(s.pastAnchor, sentence)) return true;
  if (eventYear === undefined) return false;
  const years = allMatches(s.yearIn, sentence).map((m) => Number(m[1]));
  return years.length > 0 && years.every((y) => y < eventYear);
}

export function cueFinder(s: CueSettings) {
  return (sentence: string, { eventYear }: { eventYear?: number }): CueMatch[] => {
    const found = s.rules
      .flatMap((rule) =>
        allMatches(rule.pattern, sentence).map((m) => ({
          kind: rule.kind,
          text: m[0],
          start: m.index,
          end: m.index + m[0].length,
          needsAction: rule.needsAction,
        })),
      )
      .sort((a, b) => a.start - b.start || b.end - a.end);
    // Overlapping matches ("accepted a decision" inside "decision to") count once, the earliest and longest.
    const distinct = found.filter((c, i) => !found.slice(0, i).some((p) => c.start < p.end));
    if (distinct.length === 0 || isBackground(sentence, eventYear, s)) return [];
    const hasAction = s.actions(sentence).length > 0;
    if (!hasAction && matchesAny(s.summary, sentence)) return [];
    return distinct
      .filter((c) => !c.needsAction || hasAction || s.namedObjectAfter(sentence, c.end))
      .map(({ kind, text, start, end }) => ({ kind, text, start, end }));
  };
}

export type TimeRule = { pattern: RegExp; read(m: RegExpExecArray): TimeExpression };

/** Reads "within the next five years" from the first group that matched: a numeral or a number word. */
export function countedYears(numberWords: Readonly<Record<string, number>>, locale: string) {
  return (m: RegExpExecArray): TimeExpression => {
    const n = m
      .slice(1)
      .find((g) => g !== undefined)!
      .toLocaleLowerCase(locale);
    return { relativeYears: numberWords[n] ?? Number(n) };
  };
}

/** time() and timeSpans() over a list of time rules: the earliest expression wins. */
export function timeReader(rules: readonly TimeRule[]) {
  const matches = (text: string) =>
    rules
      .flatMap((rule) => allMatches(rule.pattern, text).map((m) => ({ start: m.index, end: m.index + m[0].length, value: rule.read(m) })))
      .sort((a, b) => a.start - b.start);
  return {
    time: (text: string): TimeExpression | null => matches(text)[0]?.value ?? null,
    timeSpans: (text: string) => matches(text).map(({ start, end }) => ({ start, end })),
  };
}

/**
 * separatorBefore() for a pattern anchored at the end of the text before an item, whose group 1
 * is the comma or semicolon and groups 2 and 3 the coordinator ("and", "as well as").
 */
export function separatorFinder(pattern: RegExp, strongCoordinator: string, locale: string) {
  return (sentence: string, at: number): Separator | null => {
    const m = pattern.exec(sentence.slice(0, at));
    if (!m) return null;
    const coordinator = (m[2] ?? m[3] ?? null)?.toLocaleLowerCase(locale) ?? null;
    return { start: m.index, comma: Boolean(m[1]), strong: coordinator === strongCoordinator, coordinator };
  };
}

export type PlaceSettings = {
  /** [English name, pattern of its spellings] for each city. */
  cities: ReadonlyArray<{ name: string; pattern: RegExp }>;
  /** "in Uzbekistan": the fallback when no city is named, with the country's English name. */
  countries: ReadonlyArray<{ name: string; pattern: RegExp }>;
  /** Ends with the preposition that says "in" ("in", "в"). */
  inBefore: RegExp;
  /** Ends with "the summit in": the event's own venue, not where the commitment happens. */
  venueBefore: RegExp;
};

export function placeFinder(s: PlaceSettings) {
  return (text: string): string | null => {
    const cities = s.cities
      .flatMap(({ name, pattern }) => allMatches(pattern, text).map((m) => ({ name, at: m.index })))
      .filter((c) => !s.venueBefore.test(text.slice(0, c.at)))
      .sort((a, b) => a.at - b.at);
    const city = cities.find((c) => s.inBefore.test(text.slice(0, c.at))) ?? cities[0];
    if (city) return city.name;
    return s.countries.find(({ pattern }) => matchesAny(pattern, text))?.name ?? null;
  };
}

type Labelled<T> = ReadonlyArray<{ country: T; pattern: RegExp }>;

function mentions<T>(patterns: Labelled<T>, text: string) {
  return patterns.flatMap(({ country, pattern }) => allMatches(pattern, text).map((m) => ({ country, start: m.index, end: m.index + m[0].length })));
}

export type CountryPattern = { country: Country | "CA"; pattern: RegExp; by: CountryMention["by"] };

/** Every country (or "CA", the Central Asian five) the text names; `inBefore` ends with the language's "in". */
export function countryFinder(patterns: readonly CountryPattern[], inBefore: RegExp) {
  return (text: string): CountryMention[] =>
    patterns.flatMap(({ country, pattern, by }) =>
      allMatches(pattern, text).map((m) => ({ country, start: m.index, end: m.index + m[0].length, by, venue: inBefore.test(text.slice(0, m.index)) })),
    );
}

/** The first attribution of the sentence to one party. */
export function attributionFinder(patterns: Labelled<Country>) {
  return (sentence: string): Attribution | null => mentions(patterns, sentence).sort((a, b) => a.start - b.start)[0] ?? null;
}

/** The countries whose leaders or delegations the sentence names; a group pattern names several. */
export function speakerFinder(patterns: ReadonlyArray<{ countries: readonly Country[]; pattern: RegExp }>) {
  return (sentence: string): Country[] => [...new Set(patterns.filter((p) => matchesAny(p.pattern, sentence)).flatMap((p) => p.countries))];
}
