// Which of the intake's languages a text is written in. Pure and safe for the browser.
import { RULES, type Language } from "./rules/registry";

export type { Language };

/** The languages the intake has rules for, in the registry's order (the first is the default). */
export const LANGUAGES = Object.keys(RULES) as Language[];

export function isLanguage(value: unknown): value is Language {
  return typeof value === "string" && Object.hasOwn(RULES, value);
}

/** Enough letters to judge by; the rest of a long document would only cost time. */
const SAMPLE_CHARS = 20_000;

/**
 * The language whose script has the most letters in the text (Cyrillic → ru, Latin → en; Japanese
 * would count kana and kanji). Scripts decide because every language here has its own; a text
 * with no letters gets the first language.
 */
export function detectLanguage(text: string): Language {
  const counts = new Map<Language, number>(LANGUAGES.map((l) => [l, 0]));
  for (const ch of text.slice(0, SAMPLE_CHARS)) {
    const language = LANGUAGES.find((l) => RULES[l].script.test(ch));
    if (language) counts.set(language, counts.get(language)! + 1);
  }
  return LANGUAGES.reduce((best, l) => (counts.get(l)! > counts.get(best)! ? l : best), LANGUAGES[0]);
}
