// The one shape of a message a person can read: a catalogue key and its parameters, translated
// where it is shown (decision 014). Services, schemas and routes make these; only the screen
// (or, for an export or the audit log's record of a refusal, the caller that writes the words
// down) turns one into a sentence. Safe for the browser: no server imports.
import type { MessageKey } from "./messages";

/** A parameter: a value shown as it is, another message (a translated word), or a list of them. */
export type MessageParam = string | number | Message | readonly MessageParam[];
export type MessageParams = Readonly<Record<string, MessageParam>>;
export type Message = { readonly key: MessageKey; readonly params?: MessageParams };

export function msg(key: MessageKey, params?: MessageParams): Message {
  return params ? { key, params } : { key };
}

export function isMessage(value: unknown): value is Message {
  return typeof value === "object" && value !== null && typeof (value as { key?: unknown }).key === "string";
}

// zod keeps an issue's message as a string, so a schema's message travels as a message
// encoded in one: a marker, then the JSON of the message. `formErrors` below decodes it again
// on both sides, so Conform's errors are Message values, never sentences.
const MARK = "\u2063msg:";

/** A message as zod's `error` option wants it: `z.string({ error: zodMessage("v.required", …) })`. */
export function zodMessage(key: MessageKey, params?: MessageParams): string {
  return MARK + JSON.stringify(msg(key, params));
}

/** The message an issue carries; an issue nobody labelled (zod's own English) is `v.invalid`. */
export function decodeMessage(text: string): Message {
  if (text.startsWith(MARK)) {
    try {
      const parsed = JSON.parse(text.slice(MARK.length)) as unknown;
      if (isMessage(parsed)) return parsed;
    } catch {
      // fall through: not one of ours
    }
  }
  return msg("v.invalid");
}

/** Conform's `formatError`: every issue of a field becomes its Message. */
export function formErrors(issues: readonly { message: string }[]): Message[] {
  return issues.map((issue) => decodeMessage(issue.message));
}
