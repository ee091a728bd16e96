import { msg } from "~/i18n/message";
import { answer } from "~/lib/http.server";
import { COUNTRIES, type Country } from "~/modules/proposals/vocabulary";

/** The party a /countries/:code address names (JP or jp); any other code is a 404. */
export function countryOf(code: string | undefined): Country {
  const found = COUNTRIES.find((c) => c === code?.toUpperCase());
  if (!found) throw answer(404, msg("error.notFound", { what: msg("what.page") }));
  return found;
}
