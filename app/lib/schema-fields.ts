// The zod building blocks every form schema shares (proposals, milestones, users, sign-in), so a
// rule such as "single line, no control characters, at most N code points" is written once.
// Every message is a catalogue key (app/i18n/message.ts), never an English sentence.
import { z } from "zod";
import { zodMessage } from "~/i18n/message";
import type { MessageKey } from "~/i18n/messages";
import { codePoints, hasForbiddenCharacter, hasLineBreak } from "~/modules/proposals/text";

/** A field's name inside a message ("{field} is required."). */
type Label = MessageKey;
const named = (label: Label) => ({ field: { key: label } });

/**
 * Text: NFC-normalised, line breaks as LF, trimmed, limited by Unicode code points (as the database CHECKs count),
 * single-line unless `multiline`, free of the characters modules/proposals/text.ts refuses.
 */
export function text(label: Label, max: number, options: { required?: boolean; multiline?: boolean } = {}) {
  const field = named(label);
  const base = z
    .string({ error: zodMessage("v.required", field) })
    .normalize("NFC")
    // Browsers send a textarea's line breaks as CRLF: stored as LF, as every text the app reads is.
    .overwrite((s) => (options.multiline ? s.replace(/\r\n?/g, "\n") : s))
    .trim()
    .refine((s) => options.multiline || !hasLineBreak(s), { error: zodMessage("v.singleLine", field) })
    .refine((s) => !hasForbiddenCharacter(s, { multiline: true }), { error: zodMessage("v.control", field) })
    .refine((s) => codePoints(s) <= max, { error: zodMessage("v.tooLong", { ...field, max }) });
  return options.required === false ? base.optional().default("") : base.refine((s) => s.length > 0, { error: zodMessage("v.required", field) });
}

/** A calendar day written YYYY-MM-DD that exists (zod's ISO date), between 1990 and 2100. */
export function day(label: Label) {
  const field = named(label);
  return z
    .string({ error: zodMessage("v.required", field) })
    .regex(/^\d{4}-\d{2}-\d{2}$/, { error: zodMessage("v.dateFormat", field) })
    .pipe(z.iso.date({ error: zodMessage("v.dateRange", field) }))
    .refine((s) => s >= "1990-01-01" && s <= "2100-12-31", { error: zodMessage("v.dateRange", field) });
}

/** One of a vocabulary's codes, with the message a person reads when none (or another) was sent. */
export function choice<const T extends readonly [string, ...string[]]>(values: T, message: MessageKey) {
  return z.enum(values, { error: zodMessage(message) });
}

/** The largest value of an Int column on either database (PostgreSQL's integer). */
export const MAX_INT = 2_147_483_647;

/** The version a form was read at (a stale one is a 409). */
export const version = z
  .number({ error: zodMessage("v.version") })
  .int()
  .min(1)
  // An Int column holds 32 bits on PostgreSQL; a larger number is no version anyone read.
  .max(MAX_INT, { error: zodMessage("v.version") });

/**
 * An id sent by a form (looked up by the service, which answers 404 when there is none). A
 * refused character can be in no stored id, and PostgreSQL refuses NUL in any text it is given,
 * so such an "id" is a 400 here rather than a database error.
 */
export const id = z
  .string()
  .max(64)
  .refine((s) => !hasForbiddenCharacter(s), { error: zodMessage("v.invalid") });

/** An id or reference taken from the URL (a list or log filter): anything else is ignored, never looked up. */
export const urlKey = z.string().regex(/^[\w.-]{1,64}$/);
