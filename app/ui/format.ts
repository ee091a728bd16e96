// Dates and numbers in the reader's language, through Intl (decision 024). Calendar days are
// stored at UTC midnight and shown in UTC, so a day never shifts with the reader's zone.
import { PSEUDO, type UiLocale } from "~/i18n/pseudo";
import { intlLocale } from "~/i18n/translate";

// The pseudo-locale shows dates as Japanese does: digits and CJK, no Latin letters, so that its
// crawl can tell text the catalogue made from text nobody translated.
const dateTag = (locale: UiLocale) => (locale === PSEUDO ? "ja" : intlLocale(locale));

const formatters = new Map<string, Intl.DateTimeFormat>();
function dateFormat(locale: UiLocale, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const id = `${locale}\u0000${JSON.stringify(options)}`;
  let format = formatters.get(id);
  if (!format) formatters.set(id, (format = new Intl.DateTimeFormat(dateTag(locale), { timeZone: "UTC", ...options })));
  return format;
}

/** A calendar day stored at UTC midnight: "31 Dec 2026", "31 дек. 2026 г.", "2026年12月31日". */
export function formatDay(value: string | Date | null | undefined, locale: UiLocale): string {
  if (!value) return "—";
  return dateFormat(locale, { day: "numeric", month: "short", year: "numeric" }).format(new Date(value));
}

/** An instant in UTC, e.g. "2026-11-22 21:04 UTC": the same in every language (the audit log's precision). */
export function formatUtc(value: string | Date): string {
  return new Date(value).toISOString().slice(0, 16).replace("T", " ") + " UTC";
}

export function formatPercent(fraction: number | null, locale: UiLocale): string {
  if (fraction === null) return "—";
  return new Intl.NumberFormat(intlLocale(locale), { style: "percent", maximumFractionDigits: 0 }).format(fraction);
}

/** An event's date as precise as its source gives it: "20 Dec 2025", "Dec 2025" or "2004". */
export function formatEventDate(value: string | Date, precision: "day" | "month" | "year", locale: UiLocale): string {
  const d = new Date(value);
  if (precision === "year") return String(d.getUTCFullYear());
  if (precision === "month") return dateFormat(locale, { month: "short", year: "numeric" }).format(d);
  return formatDay(d, locale);
}

/** A count or amount with the language's grouping: "12,345", "12 345". */
export function formatNumber(value: number, locale: UiLocale): string {
  return new Intl.NumberFormat(intlLocale(locale)).format(value);
}
