// Saved views of the proposals list (issue 12 item 9): one schema per form, shared by the
// browser and the server.
import { z } from "zod";
import { zodMessage } from "~/i18n/message";
import { id, text } from "~/lib/schema-fields";
import { LIMITS } from "../proposals/vocabulary";

export const saveViewSchema = z.object({
  intent: z.literal("save-view"),
  name: text("field.viewName", LIMITS.viewName),
  /** The list's query string as the page had it; the service keeps only what the list understands. */
  query: z
    .string()
    .max(LIMITS.viewQuery, { error: zodMessage("views.v.query") })
    .optional()
    .default(""),
  shared: z.boolean().optional().default(false),
});

export const deleteViewSchema = z.object({
  intent: z.literal("delete-view"),
  viewId: id,
});
