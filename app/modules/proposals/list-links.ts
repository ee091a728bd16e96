// Links to the list from a figure elsewhere (dashboard, board). A figure that links to the list
// is counted under the same filters its link carries: build the link here, count it with
// parseProposalFilters + proposalWhere. Safe for the browser.
import type { ProposalFilters } from "./filter-types";

/** The list's address for a query string. */
export const listHref = (query: string) => (query ? `/proposals?${query}` : "/proposals");

/** `search` (the query string of a page using the list's filters) narrowed to one value of `key`, without its page. */
export function narrowedListQuery(search: string, key: "status" | "area" | "health", value: string): string {
  const params = new URLSearchParams(search);
  params.delete("page");
  params.set(key, value);
  return params.toString();
}

/**
 * The list's query string for `filters`, in one canonical order and without the page or any
 * default: what a saved view stores, so the same filters are always the same view.
 */
export function filtersQuery(filters: ProposalFilters): string {
  const params = new URLSearchParams();
  if (filters.q) params.set("q", filters.q);
  for (const key of ["status", "area", "country", "health"] as const) for (const value of filters[key]) params.append(key, value);
  if (filters.owner) params.set("owner", filters.owner);
  if (filters.historical !== "include") params.set("historical", filters.historical);
  if (filters.overdue) params.set("overdue", "1");
  if (filters.stale) params.set("stale", filters.stale);
  const defaultSort = filters.q ? "relevance" : "reference";
  if (filters.sort !== defaultSort) params.set("sort", filters.sort);
  if (filters.dir !== "asc") params.set("dir", filters.dir);
  return params.toString();
}
