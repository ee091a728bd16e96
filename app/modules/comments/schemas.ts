// Comments on a proposal (issue 12 item 8): one schema per form, shared by the browser and the
// server (docs/decisions/017-comments.md).
import { z } from "zod";
import { zodMessage } from "~/i18n/message";
import { id, text, version } from "~/lib/schema-fields";
import { LIMITS } from "../proposals/vocabulary";

/**
 * The users a comment mentions, by id: the autocomplete and the plain select both post them.
 * Repeats are dropped here; the service checks each is an active user.
 */
const mentions = z
  .array(id)
  .max(LIMITS.commentMentions, { error: zodMessage("comments.v.tooManyMentions", { max: LIMITS.commentMentions }) })
  .optional()
  .default([])
  .transform((ids) => [...new Set(ids.filter(Boolean))]);

const body = text("field.comment", LIMITS.commentBody, { multiline: true });

export const addCommentSchema = z.object({
  intent: z.literal("add-comment"),
  body,
  mentions,
});

export const editCommentSchema = z.object({
  intent: z.literal("edit-comment"),
  commentId: id,
  version,
  body,
  mentions,
});

export type AddCommentInput = z.output<typeof addCommentSchema>;
export type EditCommentInput = z.output<typeof editCommentSchema>;
