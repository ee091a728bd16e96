// The compliance forms (issue 16), shared by the browser and the server: rounds (a manager's)
// and a score for one party on one proposal in one round, with the evidence it cites or adds.
import { z } from "zod";
import { choice, day, id, text, version } from "~/lib/schema-fields";
import { checkEvidenceDraft, evidenceFields } from "~/modules/evidence/schemas";
import { COUNTRIES, ROUND_KINDS } from "~/modules/proposals/vocabulary";
import { SCORE_CHOICES } from "./scoring";

export const openRoundSchema = z.object({
  intent: z.literal("open-round"),
  name: text("field.roundName", 120),
  kind: choice(ROUND_KINDS, "v.chooseRoundKind"),
  cutoff: day("field.cutoff"),
});

export const closeRoundSchema = z.object({ intent: z.literal("close-round"), roundId: id, version });

export const reopenRoundSchema = z.object({
  intent: z.literal("reopen-round"),
  roundId: id,
  version,
  note: text("field.reopenNote", 2000, { multiline: true }),
});

export const scoreSchema = z
  .object({
    country: choice(COUNTRIES, "v.chooseCountry"),
    score: choice(SCORE_CHOICES, "v.chooseScore"),
    rationale: text("field.rationale", 4000, { multiline: true }),
    /** Evidence items of the proposal the score cites. */
    cite: z.array(id).max(100).default([]),
    /** The score's version as read; 0 when there was none yet. */
    version: version.or(z.literal(0)),
    ...evidenceFields,
  })
  .superRefine((v, ctx) => checkEvidenceDraft(v, ctx, false));
