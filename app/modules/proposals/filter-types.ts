// Plain constants and the filter type, safe for the browser (no zod).
import type { Area, Country, Health, Status } from "./vocabulary";

/** Days without a change after which an active proposal is stale: amber, then red. */
export const STALE_DAYS = { amber: 30, red: 60 } as const;

export const SORTABLE = ["relevance", "reference", "title", "area", "status", "owner", "targetDate", "progress", "updatedAt", "health"] as const;

export type ProposalFilters = {
  status: Status[];
  area: Area[];
  country: Country[];
  owner?: string;
  health: Health[];
  q?: string;
  sort: (typeof SORTABLE)[number];
  dir: "asc" | "desc";
  page: number;
  historical: "include" | "only" | "exclude";
  overdue: boolean;
  stale?: "amber" | "red";
};
