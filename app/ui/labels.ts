// Human words for the product's codes. The one place the UI names statuses, areas, countries…
import { en, type MessageKey } from "~/i18n/messages";
import { AREAS, COUNTRIES, MILESTONE_STATUSES, STATUSES } from "~/modules/proposals/vocabulary";

const fromCatalogue = <K extends string>(prefix: string, codes: readonly K[]) =>
  Object.fromEntries(codes.map((c) => [c, en[`${prefix}.${c}` as MessageKey]])) as Record<K, string>;

// English words for exports, the briefing and server messages; the UI uses useT() so it can be Russian.
export const STATUS_LABEL = fromCatalogue("status", STATUSES);
export const AREA_LABEL = fromCatalogue("area", AREAS);
export const COUNTRY_LABEL = fromCatalogue("country", COUNTRIES);
export const MILESTONE_STATUS_LABEL = fromCatalogue("milestone", MILESTONE_STATUSES);

/**
 * The label for a value that came from a request, or undefined. Own keys only: a value such as
 * "constructor" or "__proto__" must not find Object.prototype's members.
 */
export function labelOf(labels: Readonly<Record<string, string>>, value: unknown): string | undefined {
  return typeof value === "string" && Object.hasOwn(labels, value) ? labels[value] : undefined;
}
