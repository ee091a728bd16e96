// Whether a compliance address narrows the proposals (an export made so is named "-filtered").
const NOT_FILTERS = new Set(["round", "format", "sort", "dir", "page"]);

export const hasFilters = (params: URLSearchParams) => [...params].some(([k, v]) => v !== "" && !NOT_FILTERS.has(k));
