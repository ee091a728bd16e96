// The interface every language's rules implement (rules/en.ts, rules/ru.ts; a rules/ja.ts would be
// the same shape). A rules module is pure: patterns and word lists over plain text, no I/O. The
// algorithm that uses them (segmentation, list splitting, party carry-forward, dates) is
// candidates.ts and works the same for every language.
import type { Area, Country } from "~/modules/proposals/vocabulary";

/** What kind of commitment a cue signals. */
export type CueKind = "proposal" | "advocacy" | "support" | "readiness" | "agreement" | "decision" | "interest" | "importance" | "intention";

/** A cue found in a sentence; offsets are into the sentence. */
export type CueMatch = { kind: CueKind; text: string; start: number; end: number };

/**
 * How an action word stands in the sentence: an infinitive ("to establish", "учредить"), a gerund
 * or participle ("establishing", "launching"), or an action noun ("the establishment of", "создание").
 * List items are split where the form repeats (see candidates.ts).
 */
export type ActionForm = "inf" | "ing" | "nom";

/**
 * An action word: `lemma` is its dictionary form for titles ("establish", "создание"); `lead` is
 * where its phrase begins ("to" of "to establish"); `hasTo` says the infinitive is marked (English
 * "to", or a Russian infinitive, which marks itself).
 */
export type ActionMatch = { start: number; end: number; lead: number; form: ActionForm; lemma: string; hasTo: boolean };

/** The separator just before a list item: ", ", ", as well as ", " and ", "; ", ", а также ". */
export type Separator = { start: number; comma: boolean; strong: boolean; coordinator: string | null };

/** A year (or a month of a year) a sentence sets, absolute or counted from the event's year. */
export type TimeExpression = { relativeYears: number } | { year: number; month?: number };

/**
 * A country or the Central Asian group ("CA": the five states) named in the text: by its name, by
 * an adjective ("Japanese investment") or as the group; `venue` when it says where ("in Uzbekistan").
 */
export type CountryMention = { country: Country | "CA"; start: number; end: number; by: "name" | "adjective" | "group"; venue: boolean };

/** The one party a sentence credits with a commitment, and where it says so. */
export type Attribution = { country: Country; start: number; end: number };

/** A keyword for an area with its weight: 2 for words that name the area, 1 for ones that lean to it. */
export type AreaKeyword = { pattern: RegExp; weight: number };

export interface LanguageRules {
  /** BCP 47 code, also the Intl.Segmenter locale. */
  readonly code: string;
  /** Letters of the language's script (one code point), for detectLanguage. */
  readonly script: RegExp;
  /** Lower-cased words ending in "." that do not end a sentence ("mr.", "г."). */
  readonly abbreviations: ReadonlySet<string>;
  /** The sentence's commitment cues in order, or none when it has none or reads as background. */
  cues(sentence: string, context: { eventYear?: number }): CueMatch[];
  /** Action words in order of position. */
  actions(sentence: string): ActionMatch[];
  /** The list separator that ends exactly at `at` (where an action word or its "to" begins). */
  separatorBefore(sentence: string, at: number): Separator | null;
  /** Named things coordinated inside one item ("… and a Forum of Rectors"), between from and to: separator start and name start. */
  coordinatedNames(sentence: string, from: number, to: number): Array<{ start: number; at: number }>;
  /** A short title for an item: `phrase` starts at the item's action word (or after the cue when it has none). */
  title(phrase: string, head: ActionMatch | null): string;
  readonly areaKeywords: Readonly<Record<Area, readonly AreaKeyword[]>>;
  /** Countries whose leaders or delegations the sentence names as actors (a group counts as all its members). */
  speakers(sentence: string): Country[];
  /** Whether the sentence speaks of several parties at once ("other leaders", "the sides"): the speaker is no longer known. */
  groupSubject(sentence: string): boolean;
  /** The party a sentence credits with the commitment ("Japan's initiative"), with its span to leave out of the participants. */
  attribution(sentence: string): Attribution | null;
  /** Countries named in the text. */
  countries(text: string): CountryMention[];
  /** The target year a text sets, if any. */
  time(text: string): TimeExpression | null;
  /** A time expression's span, so titles can leave it out. */
  timeSpans(text: string): Array<{ start: number; end: number }>;
  /** The place (city, else country) where a text says something happens, in English spelling. */
  place(text: string): string | null;
}
