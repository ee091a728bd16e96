// The characters text fields refuse, and day <-> Date helpers. The zod field helpers in
// app/lib/schema-fields.ts apply these ranges; the database triggers of migration
// 20261201000000_forbidden_characters enforce the same ones (a test compares the two over every
// code point).

type Range = readonly [number, number];

/**
 * Refused in every text field: C0 controls except tab, LF and CR; DEL and the C1 controls;
 * the bidirectional embedding, override and isolate controls (they can disguise text); and the
 * Unicode non-characters (U+FDD0–U+FDEF and the last two code points of every plane), which XML
 * and many tools reject.
 */
export const FORBIDDEN_ANYWHERE: readonly Range[] = [
  [0x00, 0x08],
  [0x0b, 0x0c],
  [0x0e, 0x1f],
  [0x7f, 0x9f],
  [0x202a, 0x202e],
  [0x2066, 0x2069],
  [0xfdd0, 0xfdef],
  ...Array.from({ length: 17 }, (_, plane) => [plane * 0x10000 + 0xfffe, plane * 0x10000 + 0xffff] as const),
];
/** Also refused in single-line fields: tab, line breaks and the Unicode line/paragraph separators. */
export const LINE_BREAKS: readonly Range[] = [
  [0x09, 0x0a],
  [0x0d, 0x0d],
  [0x2028, 0x2029],
];

const hex = (cp: number) => `\\u{${cp.toString(16)}}`;
const charClass = (ranges: readonly Range[]) => ranges.map(([a, b]) => (a === b ? hex(a) : `${hex(a)}-${hex(b)}`)).join("");
// Lone surrogates cannot be stored as UTF-8 at all; with the u flag this class matches only them.
const FORBIDDEN = new RegExp(`[${charClass(FORBIDDEN_ANYWHERE)}\\u{d800}-\\u{dfff}]`, "u");
const BREAKS = new RegExp(`[${charClass(LINE_BREAKS)}]`, "u");

/** Whether `s` holds a character refused in a field of this kind. */
export function hasForbiddenCharacter(s: string, options: { multiline?: boolean } = {}): boolean {
  return FORBIDDEN.test(s) || (!options.multiline && BREAKS.test(s));
}

const FORBIDDEN_EVERYWHERE = new RegExp(FORBIDDEN.source, "gu");
/** `s` without the characters every text field refuses: for text read from files (the intake), which no one typed. */
export const withoutForbidden = (s: string) => s.replace(FORBIDDEN_EVERYWHERE, "");

/** Whether `s` holds a tab or a line break (refused in single-line fields). */
export const hasLineBreak = (s: string) => BREAKS.test(s);

export const codePoints = (s: string) => [...s].length;

export const dayToDate = (s: string) => new Date(`${s}T00:00:00.000Z`);
export const dateToDay = (d: Date | null | undefined) => (d ? d.toISOString().slice(0, 10) : "");
