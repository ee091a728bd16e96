// List filters, parsed from the URL on the server only: keeping zod's filter schema out of
// the browser bundle keeps zod off pages that do not validate forms in the browser.
import { z } from "zod";
import { urlKey } from "~/lib/schema-fields";
import { AREAS, COUNTRIES, HEALTHS, STATUSES } from "./vocabulary";

import { SORTABLE, type ProposalFilters } from "./filter-types";

/**
 * A vocabulary filter: each code once, in the vocabulary's order. A URL that repeats a value
 * (status=agreed&status=agreed…) is the same filter, so it makes the same SQL: the statement
 * caches of both drivers hold one statement per shape, not one per repeat count.
 */
const codes = <const V extends readonly [string, ...string[]]>(values: V) =>
  z
    .array(z.enum(values))
    .transform((chosen): V[number][] => values.filter((v) => chosen.some((c) => c === v)))
    .catch([]);

/** List filters, all from the URL. Unknown values are ignored rather than refused. */
const proposalFiltersSchema = z.object({
  status: codes(STATUSES),
  area: codes(AREAS),
  country: codes(COUNTRIES),
  owner: urlKey.optional().catch(undefined),
  assignee: urlKey.optional().catch(undefined),
  health: codes(HEALTHS),
  q: z.string().max(200).optional().catch(undefined),
  sort: z.enum(SORTABLE).catch("reference"),
  dir: z.enum(["asc", "desc"]).catch("asc"),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
  historical: z.enum(["include", "only", "exclude"]).catch("include"),
  summit: z
    .array(z.string().regex(/^[\w-]{1,64}$/))
    .max(50)
    .transform((ids) => [...new Set(ids)])
    .catch([]),
  /** Proposals with at least one planned milestone past its due date. */
  overdue: z.boolean().catch(false),
  /** Active proposals with no change for STALE_DAYS.amber (or .red) days. */
  stale: z.enum(["amber", "red"]).optional().catch(undefined),
});
// The schema must produce exactly the browser-safe type.
const _check: z.infer<typeof proposalFiltersSchema> extends ProposalFilters ? true : never = true;
void _check;

export function parseProposalFilters(params: URLSearchParams): ProposalFilters {
  const nonEmpty = (k: string) => params.getAll(k).filter(Boolean);
  return proposalFiltersSchema.parse({
    status: nonEmpty("status"),
    area: nonEmpty("area"),
    country: nonEmpty("country"),
    owner: params.get("owner") || undefined,
    assignee: params.get("assignee") || undefined,
    health: nonEmpty("health"),
    q: params.get("q")?.trim() || undefined,
    sort: params.get("sort") ?? (params.get("q")?.trim() ? "relevance" : undefined),
    dir: params.get("dir") ?? undefined,
    page: params.get("page") ?? undefined,
    historical: params.get("historical") ?? undefined,
    summit: nonEmpty("summit"),
    overdue: params.get("overdue") === "1",
    stale: params.get("stale") ?? undefined,
  });
}
