// One schema per form, used by the browser (Conform) and the server alike.
import { z } from "zod";
import { AREAS, COUNTRIES, HEALTHS, LIMITS, PRIORITIES, STATUSES } from "./vocabulary";
import { isoDay, text } from "./text";

const version = z.number({ error: "The form is missing its version; reload the page." }).int().min(1);

export const proposalFieldsSchema = z.object({
  title: text("Title", LIMITS.title),
  summary: text("Summary", LIMITS.summary, { required: false, multiline: true }),
  area: z.enum(AREAS, { error: "Choose an area." }),
  proposingParty: z.enum(COUNTRIES, { error: "Choose the proposing party." }),
  countries: z.array(z.enum(COUNTRIES), { error: "Choose at least one participating country." }).min(1, { error: "Choose at least one participating country." }),
  sourceQuote: text("Source quote", LIMITS.sourceQuote, { required: false, multiline: true }),
  leadOrganisation: text("Lead organisation", LIMITS.leadOrganisation, { required: false }),
  targetDate: isoDay("Target date").optional(),
  priority: z.enum(PRIORITIES, { error: "Choose a priority." }),
  ownerId: z.string().max(64).optional(),
});
export type ProposalFields = z.infer<typeof proposalFieldsSchema>;

export const createProposalSchema = proposalFieldsSchema.extend({
  summitId: z.string({ error: "Choose the summit the proposal comes from." }).max(64),
});

export const editProposalSchema = proposalFieldsSchema.extend({ version });

export const transitionSchema = z.object({
  intent: z.literal("transition"),
  to: z.enum(STATUSES, { error: "Unknown status." }),
  note: text("Note", LIMITS.note, { required: false, multiline: true }),
  version,
});

export const progressUpdateSchema = z.object({
  intent: z.literal("post-update"),
  health: z.enum(HEALTHS, { error: "Choose the health." }),
  body: text("Update", LIMITS.updateBody, { multiline: true }),
});

/** Days without a change after which an active proposal is stale: amber, then red. */
export const STALE_DAYS = { amber: 30, red: 60 } as const;

export const SORTABLE = ["relevance", "reference", "title", "area", "status", "owner", "targetDate", "progress", "updatedAt", "health"] as const;

/** List filters, all from the URL. Unknown values are ignored rather than refused. */
export const proposalFiltersSchema = z.object({
  status: z.array(z.enum(STATUSES)).catch([]),
  area: z.array(z.enum(AREAS)).catch([]),
  country: z.array(z.enum(COUNTRIES)).catch([]),
  owner: z.string().max(64).optional().catch(undefined),
  health: z.array(z.enum(HEALTHS)).catch([]),
  q: z.string().max(200).optional().catch(undefined),
  sort: z.enum(SORTABLE).catch("reference"),
  dir: z.enum(["asc", "desc"]).catch("asc"),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
  historical: z.enum(["include", "only", "exclude"]).catch("include"),
  /** Proposals with at least one planned milestone past its due date. */
  overdue: z.boolean().catch(false),
  /** Active proposals with no change for STALE_DAYS.amber (or .red) days. */
  stale: z.enum(["amber", "red"]).optional().catch(undefined),
});
export type ProposalFilters = z.infer<typeof proposalFiltersSchema>;

export function parseProposalFilters(params: URLSearchParams): ProposalFilters {
  const nonEmpty = (k: string) => params.getAll(k).filter(Boolean);
  return proposalFiltersSchema.parse({
    status: nonEmpty("status"),
    area: nonEmpty("area"),
    country: nonEmpty("country"),
    owner: params.get("owner") || undefined,
    health: nonEmpty("health"),
    q: params.get("q")?.trim() || undefined,
    sort: params.get("sort") ?? (params.get("q")?.trim() ? "relevance" : undefined),
    dir: params.get("dir") ?? undefined,
    page: params.get("page") ?? undefined,
    historical: params.get("historical") ?? undefined,
    overdue: params.get("overdue") === "1",
    stale: params.get("stale") ?? undefined,
  });
}
