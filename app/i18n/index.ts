import { useRouteLoaderData } from "@remix-run/react";
import type { Message, MessageParams } from "./message";
import type { MessageKey } from "./messages";
import type { UiLocale } from "./pseudo";
import { isMessageKey, render, translate } from "./translate";

export { msg, type Message } from "./message";
export { isMessageKey, render, translate, translateWith } from "./translate";
export type { UiLocale } from "./pseudo";

export function useLocale(): UiLocale {
  const data = useRouteLoaderData("root") as { locale?: UiLocale } | undefined;
  return data?.locale ?? "en";
}

export type T = ((key: MessageKey, params?: MessageParams) => string) & {
  /** A message made elsewhere (a flash, a field error, a refusal), in the reader's language. */
  message: (m: Message) => string;
  /** The words for a key built at run time from data (`status.${value}`), or `fallback` when the catalogue has none. */
  known: (key: string, fallback: string) => string;
  locale: UiLocale;
};

/** `t("nav.dashboard")` in the reader's language (the account's, or the one negotiated before sign-in). */
export function useT(): T {
  const locale = useLocale();
  const translateKey = (key: MessageKey, params?: MessageParams) => translate(locale, key, params);
  return Object.assign(translateKey, {
    message: (m: Message) => render(locale, m),
    known: (key: string, fallback: string) => (isMessageKey(key) ? translate(locale, key) : fallback),
    locale,
  });
}
