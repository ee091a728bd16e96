import { useRouteLoaderData } from "@remix-run/react";
import { en, ru, ruSentences, type Locale, type MessageKey } from "./messages";

const CATALOGUES: Record<Locale, Partial<Record<MessageKey, string>>> = { en, ru };

export function translate(locale: Locale, key: MessageKey, vars?: Record<string, string | number>): string {
  const text = CATALOGUES[locale]?.[key] ?? en[key] ?? key;
  return vars ? text.replace(/\{(\w+)\}/g, (_, name: string) => String(vars[name] ?? `{${name}}`)) : text;
}

/** A sentence made on the server, in the reader's language when the catalogue has it. */
export function translateSentence(locale: Locale, sentence: string): string {
  // Own keys only: a sentence such as "constructor" must not find Object.prototype members.
  return locale === "ru" && Object.hasOwn(ruSentences, sentence) ? ruSentences[sentence] : sentence;
}

export function useLocale(): Locale {
  const data = useRouteLoaderData("root") as { locale?: Locale } | undefined;
  return data?.locale ?? "en";
}

export type T = ((key: MessageKey, vars?: Record<string, string | number>) => string) & { sentence: (s: string) => string; locale: Locale };

/** `t("nav.dashboard")` in the signed-in user's language. */
export function useT(): T {
  const locale = useLocale();
  const translateKey = (key: MessageKey, vars?: Record<string, string | number>) => translate(locale, key, vars);
  return Object.assign(translateKey, { sentence: (s: string) => translateSentence(locale, s), locale });
}
