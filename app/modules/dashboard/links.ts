// The list views the dashboard's figures link to, as the list's own query strings. The loader
// counts each figure from the same string (parseProposalFilters, then proposalWhere), so a
// number and the list it opens agree by construction; tests/integration/dashboard-links.test.ts
// checks every one against the list. Safe for the browser.
import { OPEN_STATUSES } from "~/modules/proposals/filter-types";
import { narrowedListQuery } from "~/modules/proposals/list-links";
import type { Area, Status } from "~/modules/proposals/vocabulary";

export const DASHBOARD_QUERIES = {
  /** Every proposal. */
  tracked: "",
  /** Proposals with a planned milestone past its due date. */
  overdue: "overdue=1",
  /** At risk or off track, and their work not ended. */
  atRisk: new URLSearchParams([["health", "at_risk"], ["health", "off_track"], ...OPEN_STATUSES.map((s) => ["status", s])]).toString(),
  staleAmber: "stale=amber",
  staleRed: "stale=red",
} as const;

export const statusQuery = (status: Status) => narrowedListQuery(DASHBOARD_QUERIES.tracked, "status", status);
export const areaQuery = (area: Area) => narrowedListQuery(DASHBOARD_QUERIES.tracked, "area", area);

export { listHref } from "~/modules/proposals/list-links";
