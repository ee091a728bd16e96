import { z } from "zod";
import { LIMITS, MILESTONE_STATUSES } from "../proposals/vocabulary";
import { isoDay, text } from "../proposals/text";

export const addMilestoneSchema = z.object({
  intent: z.literal("add-milestone"),
  title: text("Milestone title", LIMITS.milestoneTitle),
  dueDate: isoDay("Due date"),
  note: text("Note", LIMITS.note, { required: false, multiline: true }),
});

export const editMilestoneSchema = z
  .object({
    intent: z.literal("edit-milestone"),
    milestoneId: z.string().max(64),
    title: text("Milestone title", LIMITS.milestoneTitle),
    dueDate: isoDay("Due date"),
    status: z.enum(MILESTONE_STATUSES, { error: "Choose a status." }),
    completedOn: isoDay("Completion date").optional(),
    note: text("Note", LIMITS.note, { required: false, multiline: true }),
    version: z.number().int().min(1),
  })
  .refine((m) => m.status !== "done" || m.completedOn, { error: "A done milestone needs its completion date.", path: ["completedOn"] });

export const moveMilestoneSchema = z.object({
  intent: z.literal("move-milestone"),
  milestoneId: z.string().max(64),
  direction: z.enum(["up", "down"]),
  version: z.number().int().min(1),
});
