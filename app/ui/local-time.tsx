import { useSyncExternalStore } from "react";

const neverChanges = () => () => {};

// Made once, in the browser: toLocaleString builds a formatter per call, and this runs per row.
let formatter: Intl.DateTimeFormat | undefined;
const localTime = (iso: string) => (formatter ??= new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" })).format(new Date(iso));

/**
 * The viewer's local time, filled in by the browser (the server does not know the zone): the
 * server and hydration render the dash, then React renders the browser's value.
 */
export function LocalTime({ iso }: { iso: string }) {
  const text = useSyncExternalStore(
    neverChanges,
    () => localTime(iso),
    () => null,
  );
  return text ? <span>{text}</span> : <span className="muted">—</span>;
}
