// Answers server.js gives before a request reaches the app (a method, target, Host, content type
// or size it does not take, a cross-site form). They go through the catalogue like every other
// message, in the reader's language (the account's, the one chosen before sign-in, or the
// browser's Accept-Language), as a small page for a
// browser and as plain text for anything else.
import { renderToStaticMarkup } from "react-dom/server";
import type { Message } from "~/i18n/message";
import { msg } from "~/i18n/message";
import { isLocale, type Locale, type MessageKey } from "~/i18n/messages";
import { readerLocale } from "~/i18n/negotiate.server";
import { intlLocale, render, translate } from "~/i18n/translate";
import { sessionLocale } from "~/modules/users/session.server";

/** A message, or one that depends on the reader's language (a size in their number format). */
export type Refusal = { status: number; message: Message | ((language: Locale) => Message) };
export type RefusalAnswer = { status: number; contentType: string; body: string; language: Locale };

/** The words under which a refusal is filed: "error.<status>" where the catalogue has it. */
function titleKey(status: number): MessageKey {
  const key = `error.${status}`;
  return (["error.400", "error.403", "error.405", "error.413", "error.415"] as const).find((k) => k === key) ?? "error.other";
}

export async function refusalAnswer(refusal: Refusal, request: { accept?: string; cookie?: string; acceptLanguage?: string }): Promise<RefusalAnswer> {
  const stored = await sessionLocale(request.cookie);
  const headers = new Headers();
  if (request.cookie) headers.set("Cookie", request.cookie);
  if (request.acceptLanguage) headers.set("Accept-Language", request.acceptLanguage);
  const reader = await readerLocale(new Request("http://refusal.invalid/", { headers }), stored === null ? null : { locale: stored });
  // A refusal is plain words for anyone, so the pseudo-locale (a translator's tool) reads as English.
  const language: Locale = isLocale(reader) ? reader : "en";
  const title = translate(language, titleKey(refusal.status));
  const sentence = render(language, typeof refusal.message === "function" ? refusal.message(language) : refusal.message);
  if (!/\btext\/html\b/.test(request.accept ?? "")) {
    return { status: refusal.status, contentType: "text/plain; charset=utf-8", body: `${sentence}\n`, language };
  }
  const html = renderToStaticMarkup(
    <html lang={language}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${title} · ${translate(language, "app.name")}`}</title>
      </head>
      <body>
        <main>
          <h1>{title}</h1>
          <p>{sentence}</p>
          <p>
            <a href="/proposals">{translate(language, "error.back")}</a>
          </p>
        </main>
      </body>
    </html>,
  );
  return { status: refusal.status, contentType: "text/html; charset=utf-8", body: `<!DOCTYPE html>${html}`, language };
}

/** Sizes as a reader says them: "256 kB", "20 MB". */
export function sizeWords(language: Locale, bytes: number): string {
  const [unit, amount] = bytes >= 1024 * 1024 ? (["megabyte", bytes / (1024 * 1024)] as const) : (["kilobyte", bytes / 1024] as const);
  return new Intl.NumberFormat(intlLocale(language), { style: "unit", unit, maximumFractionDigits: 1 }).format(amount);
}

/** The messages server.js refuses with, so it names no words of its own. */
export const refusals = {
  method: (method: string): Refusal => ({ status: 405, message: msg("guard.method", { method: method.slice(0, 32) }) }),
  target: (): Refusal => ({ status: 400, message: msg("guard.target") }),
  host: (): Refusal => ({ status: 400, message: msg("guard.host") }),
  crossSite: (): Refusal => ({ status: 403, message: msg("guard.crossSite") }),
  contentType: (): Refusal => ({ status: 415, message: msg("guard.contentType") }),
  tooLarge: (limitBytes: number): Refusal => ({ status: 413, message: (language) => msg("guard.tooLarge", { limit: sizeWords(language, limitBytes) }) }),
};
