// Text field rules shared by every schema: NFC-normalised, trimmed, limited by Unicode code
// points (as the database CHECKs count), and free of NUL and bidirectional-override characters.
import { z } from "zod";

// NUL, other C0 controls except tab/newline/CR, and the bidi embedding/override/isolate controls.
const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u202A-\u202E\u2066-\u2069]/;

export const codePoints = (s: string) => [...s].length;

export function text(label: string, max: number, options: { required?: boolean; multiline?: boolean } = {}) {
  const base = z
    .string({ error: `${label} is required.` })
    .normalize("NFC")
    .trim()
    .refine((s) => !FORBIDDEN.test(s), { error: `${label} contains a control character that is not allowed.` })
    .refine((s) => options.multiline || !/[\r\n]/.test(s), { error: `${label} must be a single line.` })
    .refine((s) => codePoints(s) <= max, { error: `${label} must be at most ${max} characters.` });
  return options.required === false ? base.optional().default("") : base.refine((s) => s.length > 0, { error: `${label} is required.` });
}

/** A calendar day as YYYY-MM-DD that is a real date. */
export function isoDay(label: string) {
  return z
    .string({ error: `${label} is required.` })
    .regex(/^\d{4}-\d{2}-\d{2}$/, { error: `${label} must be a date (YYYY-MM-DD).` })
    .refine((s) => {
      const d = new Date(`${s}T00:00:00Z`);
      return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s && d.getUTCFullYear() >= 1990 && d.getUTCFullYear() <= 2100;
    }, { error: `${label} is not a valid date between 1990 and 2100.` });
}

export const dayToDate = (s: string) => new Date(`${s}T00:00:00.000Z`);
export const dateToDay = (d: Date | null | undefined) => (d ? d.toISOString().slice(0, 10) : "");
