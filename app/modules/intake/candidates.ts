// Candidate commitments in a document's text: the sentences with a commitment cue, split into one
// candidate per listed item, each with a suggested title, area, proposing party, participants,
// target date and place. The language's rules (rules/<lang>.ts) say what the words are; this file
// is the procedure, the same for every language. Pure: no I/O, no model, deterministic.
import { AREAS, COUNTRIES, type Area, type Country } from "~/modules/proposals/vocabulary";
import { insideQuotes, keywordScore } from "./rules/patterns";
import { RULES, type Language } from "./rules/registry";
import type { ActionMatch, Attribution, CountryMention, CueKind, CueMatch, LanguageRules, TimeExpression } from "./rules/types";
import { segmentText } from "./segment";

export type Candidate = {
  /** The item's exact words: text.slice(start, end) === quote. */
  quote: string;
  start: number;
  end: number;
  title: string;
  /** null when no keyword of any area occurs: the analyst chooses. */
  area: Area | null;
  /** The party the text credits, or null when it names several or none. */
  party: Country | null;
  countries: Country[];
  /** The end of the year (or month) the text sets, as YYYY-MM-DD; relative years need the event date. */
  targetDate: string | null;
  place: string | null;
  /** The cue's words as they stand in the text, and what kind of cue it is. */
  cue: string;
  cueKind: CueKind;
  sentenceStart: number;
  sentenceEnd: number;
};

export type FindOptions = {
  lang: Language;
  /** YYYY-MM-DD: "next year" and "this year" count from it, and years before it are background. */
  eventDate?: string;
  /** The event's participants: the countries a candidate that names none involves. Default: all six. */
  countries?: readonly Country[];
};

/** An item of a sentence: offsets into the sentence. */
type Item = { start: number; end: number; head: ActionMatch | null; cue: CueMatch; inherits: boolean };
type Boundary = { start: number; at: number; head: ActionMatch | null; cue?: CueMatch; inherits?: boolean };

/** Trailing punctuation and space a sub-item's quote leaves out (the sentence's full stop belongs to no item). */
const TRAILING = /[\s,;:.–—-]+$/u;

/**
 * Where a sentence's list splits. An action word starts a new item when the separator before it
 * is a strong one ("as well as", "а также"), or when its form repeats the first item's ("to
 * establish …, and to organise …"; "the launch of …, the adoption of …"), or when it continues an
 * infinitive list that shares one "to" ("to develop railways, digitalise corridors, and construct
 * airports"), or when it is a participle clause (", launching on its basis …"). Purpose clauses
 * after a gerund ("establishing a Forum … to develop ideas, and to form an agenda") do not split:
 * their form differs from the first item's.
 */
function listBoundaries(rules: LanguageRules, sentence: string, acts: readonly ActionMatch[], first: ActionMatch) {
  const boundaries: Boundary[] = [];
  let firstHead = first;
  let previous = first;
  let sharedTo = false;
  for (const a of acts) {
    if (a.start <= first.start) continue;
    const sep = rules.separatorBefore(sentence, a.lead);
    const continuesList: boolean = sep !== null && a.form === "inf" && !a.hasTo && sep.comma && (previous.hasTo || sharedTo);
    const accept =
      sep !== null &&
      (sep.strong ||
        (sep.comma && a.form === "ing" && sep.coordinator === null) ||
        (a.hasTo && first.form === "inf") ||
        continuesList ||
        (a.form === "nom" && first.form === "nom" && sep.comma));
    if (sep && accept) {
      // The first item of a shared-"to" list is named by the list's own head ("develop"), not by the verb before it.
      if (continuesList && boundaries.length === 0) firstHead = previous;
      sharedTo ||= continuesList;
      boundaries.push({ start: sep.start, at: a.lead, head: a });
    }
    previous = a;
  }
  return { boundaries, firstHead };
}

/** A later cue after a comma that has its own action ("…, подчеркнув готовность Ташкента принять …") starts an item. */
function cueBoundaries(sentence: string, cues: readonly CueMatch[], acts: readonly ActionMatch[], after: number): Boundary[] {
  return cues.slice(1).flatMap((cue) => {
    const comma = /,\s*(?:\p{L}+\s+)?$/u.exec(sentence.slice(0, cue.start));
    const head = acts.find((a) => a.start >= cue.end);
    if (!comma || !head || cue.start <= after) return [];
    // The item begins after the comma and its space, with the participle if there is one.
    return [{ start: comma.index, at: comma.index + /^,\s*/u.exec(comma[0])![0].length, head, cue }];
  });
}

function splitItems(rules: LanguageRules, sentence: string, cues: readonly CueMatch[]): Item[] {
  const main = cues[0];
  const acts = rules.actions(sentence);
  // The first action after the cue; with a passive cue at the end ("… was supported") the first of all.
  const first = acts.find((a) => a.start >= main.start) ?? acts[0] ?? null;
  if (!first) return [{ start: 0, end: sentence.length, head: null, cue: main, inherits: false }];
  const { boundaries, firstHead } = listBoundaries(rules, sentence, acts, first);
  boundaries.push(...cueBoundaries(sentence, cues, acts, first.start));
  boundaries.sort((a, b) => a.at - b.at);
  const heads = [firstHead, ...boundaries.map((b) => b.head)];
  const ends = [...boundaries.map((b) => b.start), sentence.length];
  // Named things coordinated inside an item ("… format and a Forum of Rectors") share its verb, date and place.
  const named: Boundary[] = heads.flatMap((head, i) =>
    head ? rules.coordinatedNames(sentence, head.end, ends[i]).map(({ start, at }) => ({ start, at, head: null, inherits: true })) : [],
  );
  const all = [...boundaries, ...named].sort((a, b) => a.at - b.at);
  if (all.length === 0) return [{ start: 0, end: sentence.length, head: first, cue: main, inherits: false }];
  const cueAt = (at: number) => [...cues].reverse().find((c) => c.start <= at) ?? main;
  const items: Item[] = [{ start: 0, end: all[0].start, head: firstHead, cue: main, inherits: false }];
  all.forEach((b, i) =>
    items.push({
      start: b.at,
      end: i + 1 < all.length ? all[i + 1].start : sentence.length,
      head: b.head,
      cue: b.cue ?? cueAt(b.at),
      inherits: b.inherits ?? false,
    }),
  );
  return items.map((item, i) => trimItem(sentence, item, cues, acts, i === items.length - 1));
}

/** A sub-item without trailing punctuation, and the last one without a passive cue after its action (", was supported"). */
function trimItem(sentence: string, item: Item, cues: readonly CueMatch[], acts: readonly ActionMatch[], last: boolean): Item {
  let end = item.end;
  if (last) {
    const trailing = cues.find((c) => c.start > item.start && !acts.some((a) => a.start >= c.end));
    if (trailing && (!item.head || trailing.start > item.head.end)) end = trailing.start;
  }
  const text = sentence.slice(item.start, end);
  return { ...item, end: item.start + text.replace(TRAILING, "").length };
}

function areaOf(rules: LanguageRules, item: string, sentence: string, paragraph: string): Area | null {
  let best: Area | null = null;
  let bestScore = 0;
  for (const area of AREAS) {
    const keywords = rules.areaKeywords[area];
    // The item's own words count most, then the sentence's (its lead: "In the ecological sphere, …")
    // and the paragraph's, which decide when the item has only a weak word ("its first meeting").
    const score = 2 * keywordScore(keywords, item) + keywordScore(keywords, sentence) + keywordScore(keywords, paragraph);
    if (score > bestScore) [best, bestScore] = [area, score];
  }
  return best;
}

/**
 * The countries a commitment involves: every participant of the event, unless the sentence names
 * two or more particular countries as actors, then those and the party. A name counts as an actor
 * unless it is the venue ("in Uzbekistan"), part of a quoted name (the “Central Asia + Japan”
 * format), an adjective ("Japanese investment") or the attribution ("Japan's initiative").
 */
function participants(
  sentence: string,
  mentions: readonly CountryMention[],
  attribution: Attribution | null,
  party: Country | null,
  eventCountries: readonly Country[],
): Country[] {
  const quoted = insideQuotes(sentence);
  const outsideAttribution = (m: CountryMention) => !attribution || m.end <= attribution.start || m.start >= attribution.end;
  const actors = new Set(mentions.filter((m) => m.by === "name" && !m.venue && !quoted[m.start] && outsideAttribution(m)).map((m) => m.country as Country));
  if (actors.size < 2) return [...eventCountries];
  if (party) actors.add(party);
  return COUNTRIES.filter((c) => actors.has(c));
}

/** The last day of the year or month an expression sets, or null (a relative year without an event date; a year before the event). */
export function resolveTime(expression: TimeExpression | null, eventYear: number | undefined): string | null {
  if (!expression) return null;
  const year = "relativeYears" in expression ? (eventYear === undefined ? null : eventYear + expression.relativeYears) : expression.year;
  if (year === null || (eventYear !== undefined && year < eventYear)) return null;
  const month = "month" in expression && expression.month ? expression.month : 12;
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${String(month).padStart(2, "0")}-${String(lastDay).padStart(2, "0")}`;
}

/** Updates who is speaking: one country's leader named makes them the speaker; several, or "the sides", make it unknown. */
function nextSpeaker(rules: LanguageRules, sentence: string, current: Country | null): Country | null {
  if (rules.groupSubject(sentence)) return null;
  const named = rules.speakers(sentence);
  if (named.length === 1) return named[0];
  return named.length > 1 ? null : current;
}

export function findCandidates(text: string, options: FindOptions): Candidate[] {
  const rules: LanguageRules = RULES[options.lang];
  const eventYear = options.eventDate ? Number(options.eventDate.slice(0, 4)) : undefined;
  const eventCountries = options.countries ?? COUNTRIES;
  const candidates: Candidate[] = [];
  // The speaker carries from sentence to sentence and paragraph to paragraph until another is named.
  let speaker: Country | null = null;
  for (const paragraph of segmentText(text, options.lang)) {
    const paragraphText = text.slice(paragraph.start, paragraph.end);
    for (const s of paragraph.sentences) {
      const sentence = text.slice(s.start, s.end);
      speaker = nextSpeaker(rules, sentence, speaker);
      const cues = rules.cues(sentence, { eventYear });
      if (cues.length === 0) continue;
      const attribution = rules.attribution(sentence);
      const party = attribution?.country ?? speaker;
      const countries = participants(sentence, rules.countries(sentence), attribution, party, eventCountries);
      const items = splitItems(rules, sentence, cues);
      // What comes before the first action ("In this regard, it was proposed in 2027 to …") applies to every item.
      const lead = sentence.slice(0, items[0].head?.lead ?? 0);
      let previous: { time: TimeExpression | null; place: string | null } = { time: rules.time(lead), place: rules.place(lead) };
      for (const item of items) {
        const quote = sentence.slice(item.start, item.end);
        const phrase = item.head ? sentence.slice(item.head.start, item.end) : item.inherits ? quote : sentence.slice(item.cue.end, item.end);
        const own = { time: rules.time(quote), place: rules.place(quote) };
        const inherited = item.inherits ? previous : { time: rules.time(lead), place: rules.place(lead) };
        const time = own.time ?? inherited.time;
        const place = own.place ?? inherited.place;
        previous = { time, place };
        candidates.push({
          quote,
          start: s.start + item.start,
          end: s.start + item.end,
          title: rules.title(phrase, item.head),
          area: areaOf(rules, quote, sentence, paragraphText),
          party,
          countries,
          targetDate: resolveTime(time, eventYear),
          place,
          cue: item.cue.text,
          cueKind: item.cue.kind,
          sentenceStart: s.start,
          sentenceEnd: s.end,
        });
      }
    }
  }
  return candidates;
}
