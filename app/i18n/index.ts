import { useRouteLoaderData } from "@remix-run/react";
import type { Message, MessageParams } from "./message";
import type { Locale, MessageKey } from "./messages";
import { isMessageKey, render, translate } from "./translate";

export { msg, type Message } from "./message";
export { isMessageKey, render, translate, translateWith } from "./translate";

export function useLocale(): Locale {
  const data = useRouteLoaderData("root") as { locale?: Locale } | undefined;
  return data?.locale ?? "en";
}

export type T = ((key: MessageKey, params?: MessageParams) => string) & {
  /** A message made elsewhere (a flash, a field error, a refusal), in the reader's language. */
  message: (m: Message) => string;
  /** The words for a key built at run time from data (`status.${value}`), or `fallback` when the catalogue has none. */
  known: (key: string, fallback: string) => string;
  locale: Locale;
};

/** `t("nav.dashboard")` in the signed-in user's language. */
export function useT(): T {
  const locale = useLocale();
  const translateKey = (key: MessageKey, params?: MessageParams) => translate(locale, key, params);
  return Object.assign(translateKey, {
    message: (m: Message) => render(locale, m),
    known: (key: string, fallback: string) => (isMessageKey(key) ? translate(locale, key) : fallback),
    locale,
  });
}
