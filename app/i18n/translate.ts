// Turning messages into words, for any locale. Pure: used by the server (exports, the audit
// record of a refusal, error.message for logs) and by the hooks in ./index.ts.
import { isMessage, type Message, type MessageParam, type MessageParams } from "./message";
import { en, ru, type Locale, type MessageKey } from "./messages";

type Catalogue = Partial<Record<MessageKey, string>>;
const CATALOGUES: Record<Locale, Catalogue> = { en, ru };

/** The words for a key in a catalogue, English when it lacks them, the key itself as a last resort. */
export function translateWith(catalogue: Catalogue, key: MessageKey, params?: MessageParams): string {
  // Own keys only: a key such as "constructor" must not find Object.prototype's members.
  const text = (Object.hasOwn(catalogue, key) ? catalogue[key] : undefined) ?? (Object.hasOwn(en, key) ? en[key] : key);
  if (!params) return text;
  const show = (p: MessageParam): string =>
    typeof p === "string" || typeof p === "number" ? String(p) : isMessage(p) ? translateWith(catalogue, p.key, p.params) : p.map(show).join(", ");
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (Object.hasOwn(params, name) ? show(params[name]) : whole));
}

export function translate(locale: Locale, key: MessageKey, params?: MessageParams): string {
  return translateWith(CATALOGUES[locale] ?? en, key, params);
}

/** A message as a sentence in `locale`. */
export function render(locale: Locale, message: Message): string {
  return translate(locale, message.key, message.params);
}

/**
 * Whether a string made at run time (an audit record's action, a value from the URL) is a key of
 * the catalogue. Own keys only: "constructor" or "__proto__" is not one.
 */
export function isMessageKey(candidate: string): candidate is MessageKey {
  return Object.hasOwn(en, candidate);
}
