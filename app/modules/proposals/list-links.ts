// Links to the list from a figure elsewhere (dashboard, board). A figure that links to the list
// is counted under the same filters its link carries: build the link here, count it with
// parseProposalFilters + proposalWhere. Safe for the browser.

/** The list's address for a query string. */
export const listHref = (query: string) => (query ? `/proposals?${query}` : "/proposals");

/** `search` (the query string of a page using the list's filters) narrowed to one value of `key`, without its page. */
export function narrowedListQuery(search: string, key: "status" | "area" | "health", value: string): string {
  const params = new URLSearchParams(search);
  params.delete("page");
  params.set(key, value);
  return params.toString();
}
