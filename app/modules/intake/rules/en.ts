// English rules: which sentences carry a commitment, where a sentence's list of commitments splits,
// and what a commitment's title, area, party, date and place are. Pure: patterns over plain text.
import type { Area, Country } from "~/modules/proposals/vocabulary";
import {
  attributionFinder,
  countedYears,
  countryFinder,
  cueFinder,
  placeFinder,
  separatorFinder,
  speakerFinder,
  timeReader,
  type CueRule,
  type TimeRule,
} from "./build";
import { allMatches, capitalise, cutOutsideQuotes, keyword as kw, limitWords, matchesAny, withoutSpans, words } from "./patterns";
import type { ActionForm, ActionMatch, AreaKeyword, LanguageRules } from "./types";

/** Stance cues. Support and importance need an action or a named object: "support for the decisions" is no commitment. */
const CUES: readonly CueRule[] = [
  {
    kind: "proposal",
    pattern: words(["proposed", "proposes", "propose", "proposing", "proposals? (?:to|for|on)", "suggested", "put forward", "initiatives? (?:to|on)"]),
  },
  { kind: "advocacy", pattern: words(["advocated", "advocates", "advocate", "advocating", "called for", "calls? for", "urged", "spoke in favou?r of"]) },
  {
    kind: "support",
    pattern: words([
      "(?:was|were|is|are|been) supported",
      "supported (?:the|a|an|this|these)",
      "expressed (?:\\p{L}+ )?support",
      "welcomed",
      "welcomes",
      "endorsed",
      "endorses",
    ]),
    needsAction: true,
  },
  { kind: "readiness", pattern: words(["readiness", "(?:is|are|was|were|stands?|stood) ready to", "willingness"]) },
  { kind: "agreement", pattern: words(["agreed", "agree to", "agreement (?:was|has been) reached", "reached (?:an )?agreement"]) },
  { kind: "decision", pattern: words(["decided", "decision (?:to|was made|was taken)", "resolved to"]) },
  { kind: "interest", pattern: words(["interest was expressed", "expressed (?:\\p{L}+ )?interest"]) },
  { kind: "importance", pattern: words(["(?:importance|relevance|need|necessity|advisability) of \\p{L}+ing"]), needsAction: true },
  {
    kind: "intention",
    pattern: words([
      "intends? to",
      "plans? to",
      "committed to",
      "commitment to",
      "pledged",
      "undertook to",
      "share[sd]? the aspiration",
      "aspires? to",
      "will (?:\\p{L}+ )?(?:establish|hold|host|launch|adopt|develop|create|open|organi[sz]e|implement|provide|allocate|invest|set up|build)",
    ]),
  },
];

/** A time anchored in the past marks background ("has supported … since 2004"), unless the sentence also looks ahead. */
const PAST_ANCHOR = words([
  "since (?:19|20)\\p{N}\\p{N}",
  "since (?:its|their|the) (?:establishment|creation|independence|launch)",
  "(?:\\p{N}+|many|several|\\p{L}+) years ago",
  "for (?:many|several|\\p{N}+) years",
  "over the (?:past|last) (?:\\p{L}+ )?(?:years|decades?)",
  "as early as",
  "back in",
]);
const LOOKS_AHEAD = words(["will", "shall", "next", "future", "plans?", "upcoming", "coming", "to be (?:held|established|created|launched|adopted)"]);
const YEAR_IN = words(["in ((?:19|20)\\p{N}\\p{N})"]);
/** A summary of what follows ("proposed a number of initiatives"), not a commitment itself. */
const SUMMARY = words([
  "a (?:number|series|range|package|set) of (?:initiatives|proposals|ideas|measures)",
  "(?:several|many|various) (?:initiatives|proposals|ideas)",
]);

/** [dictionary form, infinitives, gerunds, action nouns]: the things a commitment sets out to do. */
const ACTION_WORDS: ReadonlyArray<readonly [string, string[], string[], string[]]> = [
  ["establish", ["establish"], ["establishing"], ["establishment"]],
  ["create", ["create"], ["creating"], ["creation"]],
  ["set up", ["set"], ["setting"], []],
  ["launch", ["launch"], ["launching"], ["launch"]],
  ["adopt", ["adopt"], ["adopting"], ["adoption"]],
  ["hold", ["hold"], ["holding"], ["holding"]],
  ["host", ["host"], ["hosting"], []],
  ["organize", ["organize", "organise"], ["organizing", "organising"], ["organization", "organisation"]],
  ["convene", ["convene"], ["convening"], []],
  ["develop", ["develop"], ["developing"], ["development"]],
  ["implement", ["implement"], ["implementing"], ["implementation"]],
  ["open", ["open"], ["opening"], ["opening"]],
  ["construct", ["construct"], ["constructing"], ["construction"]],
  ["build", ["build"], ["building"], []],
  ["digitalize", ["digitalize", "digitalise"], ["digitalizing", "digitalising"], ["digitalization", "digitalisation"]],
  ["introduce", ["introduce"], ["introducing"], ["introduction"]],
  ["form", ["form"], ["forming"], ["formation"]],
  ["prepare", ["prepare"], ["preparing"], ["preparation"]],
  ["conduct", ["conduct"], ["conducting"], []],
  ["sign", ["sign"], ["signing"], ["signing"]],
  ["expand", ["expand"], ["expanding"], ["expansion"]],
  ["attract", ["attract"], ["attracting"], []],
  ["modernize", ["modernize", "modernise"], ["modernizing", "modernising"], ["modernization", "modernisation"]],
];

type Entry = { lemma: string; form: ActionForm };
const BASE = new Map<string, string>();
const GERUND = new Map<string, string>();
const NOUN = new Map<string, string>();
for (const [lemma, bases, gerunds, nouns] of ACTION_WORDS) {
  for (const w of bases) BASE.set(w, lemma);
  for (const w of gerunds) GERUND.set(w, lemma);
  for (const w of nouns) NOUN.set(w, lemma);
}

const TO_BEFORE = /(?:^|\s)to\s+$/iu;
const MODAL_BEFORE = /(?:^|\s)(?:will|shall|would|should|could|can|may|must)\s+$/iu;
const DETERMINER_BEFORE = /(?:^|\s)(?:the|a|an|its|their)\s+$/iu;
const OF_OR_COMMA_AFTER = /^\s*(?:of(?!\p{L})|,)/u;
const SEPARATOR = /(?:([,;])\s*(?:(as well as|and also|and|or)\s+)?|\s+(as well as|and)\s+)$/iu;

/** How an action word stands here, or null when it is not used as an action (a noun "hold", "form" of a document). */
function actionForm(sentence: string, start: number, end: number, word: string): Entry | null {
  const before = sentence.slice(0, start);
  const after = sentence.slice(end);
  const nounUse = DETERMINER_BEFORE.test(before) && OF_OR_COMMA_AFTER.test(after);
  if (NOUN.has(word) && nounUse) return { lemma: NOUN.get(word)!, form: "nom" };
  if (GERUND.has(word)) return nounUse ? { lemma: GERUND.get(word)!, form: "nom" } : { lemma: GERUND.get(word)!, form: "ing" };
  if (BASE.has(word) && (TO_BEFORE.test(before) || MODAL_BEFORE.test(before) || SEPARATOR.test(before))) return { lemma: BASE.get(word)!, form: "inf" };
  return null;
}

function actions(sentence: string): ActionMatch[] {
  const found: ActionMatch[] = [];
  for (const m of sentence.matchAll(/\p{L}+/gu)) {
    const word = m[0].toLocaleLowerCase("en");
    let end = m.index + m[0].length;
    const entry = actionForm(sentence, m.index, end, word);
    if (!entry) continue;
    if (entry.lemma === "set up") {
      const up = /^\s+up(?!\p{L})/u.exec(sentence.slice(end));
      if (!up) continue;
      end += up[0].length;
    }
    const before = sentence.slice(0, m.index);
    const to = TO_BEFORE.exec(before);
    // An item begins with its "to" or its article ("…, the adoption of …"), where the list separator ends.
    const article = entry.form === "nom" ? DETERMINER_BEFORE.exec(before) : null;
    const marker = to ?? article;
    const lead = marker ? marker.index + marker[0].length - marker[0].trimStart().length : m.index;
    found.push({ start: m.index, end, lead, form: entry.form, lemma: entry.lemma, hasTo: to !== null });
  }
  return found;
}

const separatorBefore = separatorFinder(SEPARATOR, "as well as", "en");

/** "… format and a Forum of Rectors …": a second named thing that shares the item's verb. */
function coordinatedNames(sentence: string, from: number, to: number) {
  return allMatches(/\s+and\s+(?=(?:an?)\s+[\p{Lu}“"«])/gu, sentence.slice(from, to)).map((m) => ({ start: from + m.index, at: from + m.index + m[0].length }));
}

/** "supported the Tashkent Declaration": a name after the cue stands in for an action. */
const hasNamedObjectAfter = (sentence: string, at: number) => /^\s*(?:for\s+|of\s+)?(?:the\s+|a\s+|an\s+)?[\p{Lu}“"«]/u.test(sentence.slice(at));

const cues = cueFinder({
  rules: CUES,
  pastAnchor: PAST_ANCHOR,
  looksAhead: LOOKS_AHEAD,
  yearIn: YEAR_IN,
  summary: SUMMARY,
  actions,
  namedObjectAfter: hasNamedObjectAfter,
});

const FUNCTION_WORDS = new Set([
  "a",
  "an",
  "the",
  "of",
  "for",
  "and",
  "or",
  "to",
  "in",
  "on",
  "at",
  "with",
  "by",
  "from",
  "as",
  "its",
  "their",
  "which",
  "that",
]);
/**
 * Where a title stops: an apposition after a dash ("Digital Hub – a multilateral platform"; a
 * dash inside a name, "Central Asia – Japan Centre", is no apposition), a relative or participle
 * clause, a trailing passive cue.
 */
const TITLE_CUT =
  /\s*[–—]\s(?=(?:a|an|the)\s)|,\s*(?:which|including|with|as well as|was|were|to)(?!\p{L})|\s(?:including|aimed at|in accordance with|with participation|which would|that would)(?!\p{L})|,?\s(?:was|were) (?:supported|noted|emphasi[sz]ed|stressed|welcomed|proposed|expressed)(?!\p{L})/giu;
const LEADING_ADVERBIAL = /^(?:on|in|within|at|under|with)\s+(?:\S+\s+){0,4}?(?=(?:a|an|the)\s)/iu;

function title(phrase: string, head: ActionMatch | null): string {
  let object = head ? phrase.slice(head.end - head.start) : phrase.replace(/^\s*to\s+/iu, "");
  if (head?.form === "nom") object = object.replace(/^\s*(?:,[^,]*,\s*)?of\s+/u, "");
  object = withoutSpans(object, timeSpans(object)).replace(LEADING_ADVERBIAL, "");
  object = cutOutsideQuotes(object.trim(), TITLE_CUT).trim();
  const bare = object.replace(/^(?:a|an|the)\s+/iu, "");
  // A name ("an Investment Fund …", "a joint Program …") is the title by itself; a plain object
  // ("summits at the heads-of-state level") needs its verb to say what was promised.
  const named =
    /^[“"«]/u.test(bare) ||
    bare
      .split(/\s+/)
      .slice(0, 2)
      .some((w) => /^[“"«]?\p{Lu}/u.test(w));
  let text = bare;
  if (head && !named) text = head.form === "nom" ? `${phrase.slice(0, head.end - head.start)} of ${object}` : `${head.lemma} ${object}`;
  return capitalise(limitWords(text, 12, FUNCTION_WORDS));
}

const AREA_KEYWORDS: Record<Area, AreaKeyword[]> = {
  // "at the summit" names the event the document reports, not the commitment's subject.
  institutional: [kw(2, "(?<!(?:at|during|following) the )summits?", "heads?-of-state", "secretariat"), kw(1, "meetings?", "ministerial", "high-level")],
  strategy: [kw(2, "strateg(?:y|ies)", "expert forum", "analytical", "think tanks?", "road ?map"), kw(1, "experts?", "forum", "research", "agenda", "vision")],
  finance: [
    kw(2, "funds?", "financ\\p{L}*", "banks?", "banking", "industr\\p{L}*", "technoparks?", "loans?", "quality infrastructure"),
    kw(1, "invest\\p{L}*", "trade", "economic", "credit", "locali[sz]ation"),
  ],
  digital: [kw(2, "digital\\p{L}*", "artificial intelligence", "internet", "cyber\\p{L}*", "ICT"), kw(1, "innovation\\p{L}*", "technolog\\p{L}*")],
  transport: [kw(2, "transport\\p{L}*", "rail\\p{L}*", "highways?", "roads?", "corridors?", "logistics?", "airports?", "connectivity", "transit", "aviation")],
  energy: [
    kw(2, "energy", "renewables?", "renewable", "cogeneration", "electric\\p{L}*", "hydro\\p{L}*", "solar", "natural gas", "nuclear"),
    kw(1, "power", "wind"),
  ],
  environment: [
    kw(2, "environment\\p{L}*", "ecolog\\p{L}*", "climate", "air quality", "emissions?", "pollution", "biodiversity", "waste"),
    kw(1, "carbon", "water", "green economy"),
  ],
  disaster: [kw(2, "seismic", "earthquakes?", "disasters?", "emergenc\\p{L}*", "floods?", "risk reduction"), kw(1, "resilience")],
  education: [
    kw(2, "education\\p{L}*", "universit\\p{L}*", "rectors?", "youth", "students?", "schools?", "human resources?", "scholarships?"),
    kw(1, "training", "train", "academic", "scien\\p{L}*", "cultur\\p{L}*", "humanitarian", "exchanges?"),
  ],
  justice: [kw(2, "justice", "law", "legal", "courts?", "judicial")],
  security: [
    kw(2, "security", "Afghanistan", "Afghan", "terroris\\p{L}*", "extremis\\p{L}*", "drug trafficking"),
    kw(1, "borders?", "stability", "stable", "peace\\p{L}*"),
  ],
};

/** [country, its names, its adjectives and demonyms, its leaders' surnames]. */
const COUNTRY_WORDS: ReadonlyArray<readonly [Country, string[], string[], string[]]> = [
  ["JP", ["Japan"], ["Japanese"], ["Takaichi", "Kishida", "Ishiba"]],
  ["KZ", ["Kazakhstan"], ["Kazakh", "Kazakhstani"], ["Tokayev"]],
  ["KG", ["Kyrgyzstan", "Kyrgyz Republic"], ["Kyrgyz"], ["Japarov"]],
  ["TJ", ["Tajikistan"], ["Tajik"], ["Rahmon"]],
  ["TM", ["Turkmenistan"], ["Turkmen"], ["Berdimuhamedov"]],
  ["UZ", ["Uzbekistan"], ["Uzbek", "Uzbekistani"], ["Mirziyoyev"]],
];
const OFFICE = "President|Prime Minister|Leader|Head of State|Foreign Minister|Minister of Foreign Affairs|Government|Delegation|Chairman";
const CENTRAL_ASIA: readonly Country[] = ["KZ", "KG", "TJ", "TM", "UZ"];

const speakers = speakerFinder([
  ...COUNTRY_WORDS.map(([country, names, adjectives, leaders]) => {
    const name = names.join("|");
    return {
      countries: [country],
      pattern: words([
        `(?:${OFFICE}) of (?:the )?(?:Republic of )?(?:${name})`,
        `(?:${name})(?:'s|’s) (?:${OFFICE})`,
        `(?:${adjectives.join("|")}) (?:${OFFICE}|side|delegation)`,
        ...leaders,
      ]),
    };
  }),
  {
    countries: CENTRAL_ASIA,
    pattern: words([
      "(?:leaders|heads of state|presidents) of (?:the )?Central Asian? (?:states|countries)?",
      "Central Asian (?:leaders|presidents|heads of state)",
    ]),
  },
]);
const GROUP_SUBJECT = words(["(?:other|all) leaders", "the (?:leaders|sides|parties|participants|heads of state)", "the six countries"]);

const attribution = attributionFinder(
  COUNTRY_WORDS.map(([country, names, adjectives]) => {
    const who = `(?:the )?(?:${names.join("|")}|(?:${adjectives.join("|")}) side)`;
    return {
      country,
      pattern: words([
        `${who}(?:'s|’s) (?:initiative|proposal|idea|offer|suggestion)`,
        `(?:initiative|proposal|idea) (?:of|by|from) ${who}`,
        `proposed by ${who}`,
      ]),
    };
  }),
);

const IN_BEFORE = /(?:^|\s)(?:in|at)\s+$/iu;

const countries = countryFinder(
  [
    ...COUNTRY_WORDS.flatMap(([country, names, adjectives]) => [
      { country, pattern: words(names), by: "name" as const },
      { country, pattern: words(adjectives), by: "adjective" as const },
    ]),
    { country: "CA", pattern: words(["Central Asian?", "the region(?:'s|’s)?"]), by: "group" },
  ],
  IN_BEFORE,
);

const NUMBERS: Record<string, number> = { one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10 };
const MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];
const TIME_RULES: readonly TimeRule[] = [
  { pattern: words(["next year", "the following year", "the coming year"]), read: () => ({ relativeYears: 1 }) },
  { pattern: words(["(?:by the end of )?(?:this|the current) year"]), read: () => ({ relativeYears: 0 }) },
  {
    pattern: words([`(?:in|by|until|before) (?:the (?:end|middle|beginning) of )?(${MONTHS.join("|")}) ((?:19|20)\\p{N}\\p{N})`]),
    read: (m) => ({ year: Number(m[2]), month: MONTHS.indexOf(m[1].toLocaleLowerCase("en")) + 1 }),
  },
  {
    pattern: words(["(?:in|by|until|before|through) (?:the (?:end|middle|beginning) of )?(?:the year )?((?:19|20)\\p{N}\\p{N})"]),
    read: (m) => ({ year: Number(m[1]) }),
  },
  {
    pattern: words([
      "(?:within|over|in) the (?:next|coming) (\\p{N}+|one|two|three|four|five|six|seven|eight|nine|ten) years",
      "within (\\p{N}+|two|three|four|five|ten) years",
    ]),
    read: countedYears(NUMBERS, "en"),
  },
];
const { time, timeSpans } = timeReader(TIME_RULES);

/** [English name, spellings]: the region's capitals and large cities, and Japan's. */
const CITIES: ReadonlyArray<readonly [string, string]> = [
  ["Tashkent", "Tashkent"],
  ["Samarkand", "Samarkand|Samarqand"],
  ["Bukhara", "Bukhara"],
  ["Khiva", "Khiva"],
  ["Nukus", "Nukus"],
  ["Termez", "Termez"],
  ["Astana", "Astana|Nur-Sultan"],
  ["Almaty", "Almaty"],
  ["Shymkent", "Shymkent"],
  ["Aktau", "Aktau"],
  ["Bishkek", "Bishkek"],
  ["Osh", "Osh"],
  ["Cholpon-Ata", "Cholpon-Ata"],
  ["Dushanbe", "Dushanbe"],
  ["Khujand", "Khujand"],
  ["Ashgabat", "Ashgabat"],
  ["Turkmenbashi", "Turkmenbashi"],
  ["Avaza", "Avaza"],
  ["Tokyo", "Tokyo"],
  ["Osaka", "Osaka"],
  ["Kyoto", "Kyoto"],
  ["Hiroshima", "Hiroshima"],
  ["Nagoya", "Nagoya"],
  ["Yokohama", "Yokohama"],
];
const place = placeFinder({
  cities: CITIES.map(([name, spellings]) => ({ name, pattern: words([spellings], { flags: "gu" }) })),
  countries: COUNTRY_WORDS.map(([, names]) => ({ name: names[0], pattern: words([`in (?:${names.join("|")})`], { flags: "gu" }) })),
  inBefore: IN_BEFORE,
  venueBefore: /(?:summit|event)\s+(?:held\s+)?in\s+$/iu,
});

const ABBREVIATIONS = new Set(
  "mr. mrs. ms. dr. prof. st. jr. sr. gen. col. lt. sen. rep. gov. no. nos. vol. art. para. fig. approx. est. inc. ltd. co. corp. dept. univ. e.g. i.e. vs. cf. jan. feb. mar. apr. jun. jul. aug. sep. sept. oct. nov. dec. u.s. u.k. u.n.".split(
    " ",
  ),
);

export const en: LanguageRules = {
  code: "en",
  script: /\p{Script=Latin}/u,
  abbreviations: ABBREVIATIONS,
  cues,
  actions,
  separatorBefore,
  coordinatedNames,
  title,
  areaKeywords: AREA_KEYWORDS,
  speakers,
  groupSubject: (sentence) => matchesAny(GROUP_SUBJECT, sentence),
  attribution,
  countries,
  time,
  timeSpans,
  place,
};
