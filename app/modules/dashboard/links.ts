// The list views the dashboard's figures link to, as the list's own query strings. The loader
// counts each figure from the same string (parseProposalFilters, then proposalWhere), so a
// number and the list it opens agree by construction; tests/integration/dashboard-links.test.ts
// checks every one against the list. Safe for the browser.
import { OPEN_STATUSES } from "~/modules/proposals/filter-types";
import { narrowedListQuery } from "~/modules/proposals/list-links";
import type { Area, Status } from "~/modules/proposals/vocabulary";

/**
 * The one scope of the headline figures (issue 12), for the dashboard and the briefing alike:
 * the proposals of the chosen events (every event's when none is chosen), historical records
 * left out unless the reader includes them. As a list query string, so every figure counted
 * under it links to the list that shows its rows.
 */
export function figureScope(params: URLSearchParams): string {
  const scope = new URLSearchParams();
  scope.set("historical", params.get("historical") === "include" ? "include" : "exclude");
  for (const summit of params.getAll("summit")) if (/^[\w-]{1,64}$/.test(summit)) scope.append("summit", summit);
  return scope.toString();
}

/** The list views the dashboard's tiles link to, within a scope (a list query string). */
export function dashboardQueries(scope: string) {
  const within = (query: string) => [scope, query].filter(Boolean).join("&");
  return {
    /** Every proposal in scope. */
    tracked: scope,
    /** Proposals with a planned milestone past its due date. */
    overdue: within("overdue=1"),
    /** At risk or off track, and their work not ended. */
    atRisk: within(new URLSearchParams([["health", "at_risk"], ["health", "off_track"], ...OPEN_STATUSES.map((s) => ["status", s])]).toString()),
    staleAmber: within("stale=amber"),
    staleRed: within("stale=red"),
  } as const;
}

export type DashboardTile = keyof ReturnType<typeof dashboardQueries>;

export const statusQuery = (scope: string, status: Status) => narrowedListQuery(scope, "status", status);
export const areaQuery = (scope: string, area: Area) => narrowedListQuery(scope, "area", area);

export { listHref } from "~/modules/proposals/list-links";
