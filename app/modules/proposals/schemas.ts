// One schema per form, used by the browser (Conform) and the server alike.
import { z } from "zod";
import { zodMessage } from "~/i18n/message";
import { choice, day, id, text, version } from "~/lib/schema-fields";
import { hasForbiddenCharacter } from "./text";
import { AREAS, COUNTRIES, FOLLOW_UP_KINDS, HEALTHS, LIMITS, PRIORITIES, STATUSES } from "./vocabulary";

export const proposalFieldsSchema = z.object({
  title: text("field.title", LIMITS.title),
  summary: text("field.summary", LIMITS.summary, { required: false, multiline: true }),
  area: choice(AREAS, "v.chooseArea"),
  proposingParty: choice(COUNTRIES, "v.chooseParty"),
  countries: z.array(choice(COUNTRIES, "v.chooseCountries"), { error: zodMessage("v.chooseCountries") }).min(1, { error: zodMessage("v.chooseCountries") }),
  sourceQuote: text("field.sourceQuote", LIMITS.sourceQuote, { required: false, multiline: true }),
  leadOrganisation: text("field.leadOrganisation", LIMITS.leadOrganisation, { required: false }),
  targetDate: day("field.targetDate").optional(),
  priority: choice(PRIORITIES, "v.choosePriority"),
  ownerId: id.optional(),
});
export type ProposalFields = z.infer<typeof proposalFieldsSchema>;

/**
 * The earlier proposal this one follows up, by its reference, and how (issue 15). Only the forms
 * that show these fields send them; an empty reference removes the link. The service checks
 * that the reference exists, is not the proposal itself and makes no cycle.
 */
const followUpFields = {
  followsUp: text("field.followsUp", 40, { required: false }),
  followUpKind: choice(FOLLOW_UP_KINDS, "v.chooseFollowUpKind").optional(),
};

export const createProposalSchema = proposalFieldsSchema.extend({
  ...followUpFields,
  // Like `id`, with its own message: a refused character (NUL, which PostgreSQL refuses in any
  // text) is in no stored id, so it is a 400 here rather than a database error.
  summitId: z
    .string({ error: zodMessage("v.chooseSummit") })
    .max(64)
    .refine((s) => !hasForbiddenCharacter(s), { error: zodMessage("v.chooseSummit") }),
});

export const editProposalSchema = proposalFieldsSchema.extend({ version, ...followUpFields });

export const transitionSchema = z.object({
  intent: z.literal("transition"),
  to: choice(STATUSES, "v.unknownStatus"),
  note: text("field.note", LIMITS.note, { required: false, multiline: true }),
  version,
});

export const progressUpdateSchema = z.object({
  intent: z.literal("post-update"),
  health: choice(HEALTHS, "v.chooseHealth"),
  body: text("field.body", LIMITS.updateBody, { multiline: true }),
});

/** A manager's bulk action on the list (issue 12 item 10): the selected proposals, one change, one note. */
export const BULK_OPS = ["owner", "health", "transition"] as const;
export const bulkSchema = z
  .object({
    intent: z.literal("bulk"),
    op: choice(BULK_OPS, "bulk.v.op"),
    ids: z.array(id, { error: zodMessage("bulk.noneSelected") }).min(1, { error: zodMessage("bulk.noneSelected") }),
    ownerId: id.optional(),
    health: choice(HEALTHS, "v.chooseHealth").optional(),
    to: choice(STATUSES, "v.unknownStatus").optional(),
    note: text("field.note", LIMITS.note, { required: false, multiline: true }),
  })
  .superRefine((v, ctx) => {
    const need = { owner: ["ownerId", "bulk.v.owner"], health: ["health", "v.chooseHealth"], transition: ["to", "bulk.v.to"] } as const;
    const [field, key] = need[v.op];
    if (!v[field]) ctx.addIssue({ code: "custom", path: [field], message: zodMessage(key) });
  });
