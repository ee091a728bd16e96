import { useSyncExternalStore } from "react";

const neverChanges = () => () => {};

/**
 * The viewer's local time, filled in by the browser (the server does not know the zone): the
 * server and hydration render the dash, then React renders the browser's value.
 */
export function LocalTime({ iso }: { iso: string }) {
  const text = useSyncExternalStore(
    neverChanges,
    () => new Date(iso).toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" }),
    () => null,
  );
  return text ? <span>{text}</span> : <span className="muted">—</span>;
}
