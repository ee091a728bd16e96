// Turning messages into words, for any locale, with FormatJS's ICU MessageFormat (plural and
// select rules per language, decision 024). Pure: used by the server (exports, e-mail, the audit
// record of a refusal, error.message for logs) and by the hooks in ./index.ts.
import { IntlMessageFormat } from "intl-messageformat";
import { isMessage, type Message, type MessageParam, type MessageParams } from "./message";
import { CATALOGUES, en, type Catalogue, type MessageKey } from "./messages";
import { PSEUDO, pseudoCatalogue, type UiLocale } from "./pseudo";

/** The BCP 47 tag Intl is given for a language: British English spells dates "4 Dec 2026". */
export function intlLocale(locale: UiLocale): string {
  return locale === "en" ? "en-GB" : locale === PSEUDO ? "en-GB" : locale;
}

export function catalogueOf(locale: UiLocale): Catalogue {
  return locale === PSEUDO ? pseudoCatalogue() : (CATALOGUES[locale] ?? en);
}

// A parsed message is kept per language and source text: parsing is the expensive part.
const compiled = new Map<string, IntlMessageFormat>();
function compile(source: string, tag: string): IntlMessageFormat {
  const id = `${tag}\u0000${source}`;
  let format = compiled.get(id);
  if (!format) compiled.set(id, (format = new IntlMessageFormat(source, tag)));
  return format;
}

const LIST_SEPARATOR: Partial<Record<string, string>> = { ja: "、" };

/**
 * The words for a key in a catalogue: English when it lacks them, the key itself as a last resort.
 * A parameter that is a message is translated first, in the same catalogue; a list is joined.
 */
export function translateWith(catalogue: Catalogue, key: MessageKey, params?: MessageParams, locale: UiLocale = "en"): string {
  // Own keys only: a key such as "constructor" must not find Object.prototype's members.
  const own = Object.hasOwn(catalogue, key) ? catalogue[key] : undefined;
  const source = own ?? (Object.hasOwn(en, key) ? en[key] : undefined);
  if (source === undefined) return key;
  const tag = intlLocale(own === undefined ? "en" : locale);
  const show = (p: MessageParam): string | number =>
    typeof p === "string" || typeof p === "number"
      ? p
      : isMessage(p)
        ? translateWith(catalogue, p.key, p.params, locale)
        : p.map(show).join(LIST_SEPARATOR[tag] ?? ", ");
  const values = params ? Object.fromEntries(Object.entries(params).map(([name, value]) => [name, show(value)])) : undefined;
  try {
    return String(compile(source, tag).format(values));
  } catch (error) {
    // A parameter the caller did not pass (tests/unit/i18n.test.ts checks the catalogue, not
    // each call): said in the log, and the page still shows the English words rather than
    // failing or showing ICU syntax.
    console.error(`message ${key} (${tag}) could not be formatted:`, error instanceof Error ? error.message : error);
    if (tag === "en-GB") return key;
    return translateWith({}, key, params, "en");
  }
}

export function translate(locale: UiLocale, key: MessageKey, params?: MessageParams): string {
  return translateWith(catalogueOf(locale), key, params, locale);
}

/** A message as a sentence in `locale`. */
export function render(locale: UiLocale, message: Message): string {
  return translate(locale, message.key, message.params);
}

/**
 * Whether a string made at run time (an audit record's action, a value from the URL) is a key of
 * the catalogue. Own keys only: "constructor" or "__proto__" is not one.
 */
export function isMessageKey(candidate: string): candidate is MessageKey {
  return Object.hasOwn(en, candidate);
}
