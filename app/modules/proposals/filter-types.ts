// Plain constants and the filter type, safe for the browser (no zod).
import { STATUSES, type Area, type Country, type Health, type Status } from "./vocabulary";

/** Days without a change after which an active proposal is stale: amber, then red. */
export const STALE_DAYS = { amber: 30, red: 60 } as const;

/** Statuses a proposal's work ends in: such a proposal is never stale, and is not "at risk". */
export const CLOSED_STATUSES = ["completed", "dropped"] as const satisfies readonly Status[];
/** Every other status, in the vocabulary's order. */
export const OPEN_STATUSES = STATUSES.filter((s) => !CLOSED_STATUSES.some((closed) => closed === s));

const DAY_MS = 86_400_000;

/** The instants the overdue and stale filters compare with, for `now`: one definition for the list, its counts and the dashboard. */
export function filterCutoffs(now: Date) {
  return {
    /** A planned milestone due before this (the start of today, UTC) is overdue. */
    overdueBefore: new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate())),
    /** An open proposal last changed before this is stale (amber)… */
    amberBefore: new Date(now.getTime() - STALE_DAYS.amber * DAY_MS),
    /** …and before this, red. */
    redBefore: new Date(now.getTime() - STALE_DAYS.red * DAY_MS),
  };
}

export const SORTABLE = ["relevance", "reference", "title", "area", "status", "owner", "targetDate", "progress", "updatedAt", "health"] as const;

export type ProposalFilters = {
  status: Status[];
  area: Area[];
  country: Country[];
  owner?: string;
  /** Proposals with a milestone assigned to this user. */
  assignee?: string;
  health: Health[];
  q?: string;
  sort: (typeof SORTABLE)[number];
  dir: "asc" | "desc";
  page: number;
  historical: "include" | "only" | "exclude";
  /** The events (summits) whose proposals are chosen; none chosen: every event's. */
  summit: string[];
  overdue: boolean;
  stale?: "amber" | "red";
};

/** The filters that choose rows (everything but the order and the page). */
export type ProposalScope = Omit<ProposalFilters, "sort" | "dir" | "page">;
