import { useSyncExternalStore } from "react";
import { formatUtc } from "~/ui/format";

const neverChanges = () => () => {};

// Made once, in the browser: toLocaleString builds a formatter per call, and this runs per row.
let formatter: Intl.DateTimeFormat | undefined;
const browserFormatter = () => (formatter ??= new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" }));

/** Renders the browser's value after hydration; the server (which does not know the reader's zone) and hydration render null. */
const useInBrowser = (read: () => string) => useSyncExternalStore(neverChanges, read, () => null);

/**
 * The reader's local time, filled in by the browser: the server and hydration render the dash,
 * then React renders the browser's value. The UTC instant stays on the element (its datetime,
 * and the tooltip). A reader whose browser is set to UTC sees the UTC time again; the column
 * heading (LocalTimeZone) names the zone, so that reads as what it is.
 */
export function LocalTime({ iso }: { iso: string }) {
  const text = useInBrowser(() => browserFormatter().format(new Date(iso)));
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
