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
