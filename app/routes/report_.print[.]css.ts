import type { LoaderFunctionArgs } from "@remix-run/node";
import { translate } from "~/i18n";
import { readerLocale } from "~/i18n/negotiate.server";
import { catalogueOf } from "~/i18n/translate";
import { getSessionUser } from "~/modules/users/session.server";
import { formatDay } from "~/ui/format";

// The printed briefing's running footer, in the reader's language: @page margin boxes (Chromium
// 131+ prints them, with counter(page) and counter(pages)). A stylesheet of its own because the
// words come from the catalogue and the CSP allows no inline styles.

/** A CSS string literal. */
const cssString = (text: string) => `"${text.replace(/[\\"]/g, "\\$&").replace(/\n/g, "\\A ")}"`;

/** "Page {page} of {pages}" → `"Page " counter(page) " of " counter(pages)`. */
function cssContent(template: string): string {
  return template
    .split(/(\{pages?\})/)
    .filter(Boolean)
    .map((part) => (part === "{page}" ? "counter(page)" : part === "{pages}" ? "counter(pages)" : cssString(part)))
    .join(" ");
}

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getSessionUser(request);
  const locale = await readerLocale(request, user);
  const box = "font-family: system-ui, sans-serif; font-size: 8.5pt; color: #566173;";
  const css = `@page {
  @bottom-left { content: ${cssString(translate(locale, "report.printFooter", { date: formatDay(new Date(), locale) }))}; ${box} }
  @bottom-right { content: ${cssContent(catalogueOf(locale)["report.printPage"] ?? "{page} / {pages}")}; ${box} }
}
`;
  return new Response(css, { headers: { "Content-Type": "text/css; charset=utf-8", "Cache-Control": "private, no-store" } });
}
