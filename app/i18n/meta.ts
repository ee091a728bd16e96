import type { MetaDescriptor } from "@remix-run/node";
import { isMessage, type Message } from "./message";
import type { UiLocale } from "./pseudo";
import { render, translate } from "./translate";

type Part = string | Message | null | undefined | false;

/**
 * A page's `<title>` in the reader's language (the root loader's): its parts, a message or the
 * record's own words, then the product's name. `meta: ({ matches }) => pageTitle(matches, msg("nav.board"))`.
 */
export function pageTitle(matches: readonly { id: string; data: unknown }[], ...parts: Part[]): MetaDescriptor[] {
  const root = matches.find((m) => m.id === "root")?.data as { locale?: UiLocale } | undefined;
  const locale = root?.locale ?? "en";
  const words = parts.filter((p): p is string | Message => Boolean(p)).map((p) => (isMessage(p) ? render(locale, p) : p));
  return [{ title: [...words, translate(locale, "app.name")].join(" · ") }];
}
