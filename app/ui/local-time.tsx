import { useSyncExternalStore } from "react";
import { useLocale, type UiLocale } from "~/i18n";
import { PSEUDO } from "~/i18n/pseudo";
import { intlLocale } from "~/i18n/translate";
import { formatUtc } from "~/ui/format";

const neverChanges = () => () => {};

// Made once per language, in the browser: toLocaleString builds a formatter per call, and this
// runs per row. The reader's language, in the browser's time zone (the pseudo-locale's dates
// read as Japanese ones do, without Latin letters, as in ./format.ts).
const formatters = new Map<UiLocale, Intl.DateTimeFormat>();
function browserFormatter(locale: UiLocale = "en"): Intl.DateTimeFormat {
  let format = formatters.get(locale);
  if (!format)
    formatters.set(locale, (format = new Intl.DateTimeFormat(locale === PSEUDO ? "ja" : intlLocale(locale), { dateStyle: "medium", timeStyle: "short" })));
  return format;
}

/** Renders the browser's value after hydration; the server (which does not know the reader's zone) and hydration render null. */
const useInBrowser = (read: () => string) => useSyncExternalStore(neverChanges, read, () => null);

/**
 * The reader's local time, filled in by the browser: the server and hydration render the dash,
 * then React renders the browser's value. The UTC instant stays on the element (its datetime,
 * and the tooltip). A reader whose browser is set to UTC sees the UTC time again; the column
 * heading (LocalTimeZone) names the zone, so that reads as what it is.
 */
export function LocalTime({ iso }: { iso: string }) {
  const locale = useLocale();
  const text = useInBrowser(() => browserFormatter(locale).format(new Date(iso)));
  return (
    <time dateTime={iso} title={formatUtc(iso)} className={text ? undefined : "muted"}>
      {text ?? "—"}
    </time>
  );
}

/** The reader's time zone as the browser names it ("Asia/Tashkent"), or nothing on the server. */
export function useLocalTimeZone(): string | null {
  return useInBrowser(() => browserFormatter().resolvedOptions().timeZone);
}
