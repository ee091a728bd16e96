// Which language a request is answered in (decision 024): a signed-in user's stored choice;
// before sign-in, the language picked on the sign-in page (a cookie), else the best match of the
// browser's Accept-Language (negotiator, RFC 9110 q-values), else English.
import { createCookie } from "@remix-run/node";
import Negotiator from "negotiator";
import { cookieSecure, env } from "~/config/env.server";
import { isLocale, LOCALES, type Locale } from "./messages";
import { PSEUDO, type UiLocale } from "./pseudo";

const pseudoOn = env.I18N_PSEUDO === "on";

/** The language chosen before sign-in (or, with I18N_PSEUDO=on, the pseudo-locale over any account's). */
export const localeCookie = createCookie("lang", {
  httpOnly: true,
  sameSite: "lax",
  secure: cookieSecure,
  path: "/",
  maxAge: 365 * 24 * 60 * 60,
});

export const isUiLocale = (value: unknown): value is UiLocale => isLocale(value) || (pseudoOn && value === PSEUDO);

async function chosenLocale(request: Request): Promise<UiLocale | null> {
  const value: unknown = await localeCookie.parse(request.headers.get("Cookie")).catch(() => null);
  return isUiLocale(value) ? value : null;
}

/** The best of the interface languages for an Accept-Language header, or English. */
export function acceptedLocale(header: string | null): Locale {
  if (!header) return "en";
  const best = new Negotiator({ headers: { "accept-language": header } }).language([...LOCALES]);
  return isLocale(best) ? best : "en";
}

/** The language of this request's pages, messages and exports. */
export async function readerLocale(request: Request, user: { locale: string } | null): Promise<UiLocale> {
  const chosen = await chosenLocale(request);
  if (chosen === PSEUDO) return chosen;
  if (user && isLocale(user.locale)) return user.locale;
  return chosen ?? acceptedLocale(request.headers.get("Accept-Language"));
}
