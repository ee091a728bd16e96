import { z } from "zod";
import { zodMessage } from "~/i18n/message";
import { choice, day, id, text, version } from "~/lib/schema-fields";
import { LIMITS, MILESTONE_STATUSES } from "../proposals/vocabulary";

/** Who does a milestone: a user's id, or empty for nobody. */
const assigneeId = id.optional();

export const addMilestoneSchema = z.object({
  intent: z.literal("add-milestone"),
  title: text("p.milestoneTitle", LIMITS.milestoneTitle),
  dueDate: day("field.dueDate"),
  note: text("field.note", LIMITS.note, { required: false, multiline: true }),
  assigneeId,
  /** Marking it done needs an evidence item attached to it (issue 16). */
  evidenceRequired: z.boolean().default(false),
});

export const editMilestoneSchema = z
  .object({
    intent: z.literal("edit-milestone"),
    milestoneId: id,
    title: text("p.milestoneTitle", LIMITS.milestoneTitle),
    dueDate: day("field.dueDate"),
    status: choice(MILESTONE_STATUSES, "v.chooseStatus"),
    completedOn: day("field.completionDate").optional(),
    note: text("field.note", LIMITS.note, { required: false, multiline: true }),
    assigneeId,
    evidenceRequired: z.boolean().default(false),
    version,
  })
  .refine((m) => m.status !== "done" || m.completedOn, { error: zodMessage("v.doneNeedsDate"), path: ["completedOn"] });

export const moveMilestoneSchema = z.object({
  intent: z.literal("move-milestone"),
  milestoneId: id,
  direction: z.enum(["up", "down"]),
  version,
});
