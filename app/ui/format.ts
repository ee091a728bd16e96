import { format } from "date-fns";

/** A calendar day stored at UTC midnight, shown as e.g. "31 Dec 2026". */
export function formatDay(value: string | Date | null | undefined): string {
  if (!value) return "—";
  const d = new Date(value);
  return format(new Date(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()), "d MMM yyyy");
}

/** An instant in UTC, e.g. "2026-11-22 21:04 UTC". */
export function formatUtc(value: string | Date): string {
  return new Date(value).toISOString().slice(0, 16).replace("T", " ") + " UTC";
}

export function formatPercent(fraction: number | null): string {
  return fraction === null ? "—" : `${Math.round(fraction * 100)}%`;
}

/** An event's date as precise as its source gives it: "20 Dec 2025", "Dec 2025" or "2004". */
export function formatEventDate(value: string | Date, precision: "day" | "month" | "year"): string {
  const d = new Date(value);
  if (precision === "year") return String(d.getUTCFullYear());
  if (precision === "month") return format(new Date(d.getUTCFullYear(), d.getUTCMonth(), 1), "MMM yyyy");
  return formatDay(d);
}
