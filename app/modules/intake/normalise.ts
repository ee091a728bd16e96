// One text form for every format the intake reads, so that offsets, quotes and the rules see the
// same characters whatever the source was. Pure and safe for the browser.
import { FORBIDDEN_ANYWHERE } from "~/modules/proposals/text";

/** Horizontal white space of every kind (tab, no-break and the typographic spaces), in one class. */
const SPACES = /[\t \u00A0\u1680\u2000-\u200A\u202F\u205F\u3000]+/g;
/** Invisible characters that split words without showing: BOM, zero-width space, soft hyphen. */
const INVISIBLE = /[\uFEFF\u200B\u00AD]/g;
/**
 * The characters a proposal's text fields refuse (C0 and C1 controls, bidirectional overrides,
 * non-characters: app/modules/proposals/text.ts), so that any quote taken from the text can be
 * stored as it stands. They come from broken exports, never from prose.
 */
const FORBIDDEN = new RegExp(`[${FORBIDDEN_ANYWHERE.map(([from, to]) => `\\u{${from.toString(16)}}-\\u{${to.toString(16)}}`).join("")}]`, "gu");

/**
 * NFC, LF line ends, one space for any run of spaces inside a line, no spaces at line ends, and at
 * most one blank line between paragraphs (a blank line is the paragraph break; a single line break
 * is kept as it was).
 */
export function normaliseText(raw: string): string {
  return raw
    .normalize("NFC")
    .replace(/\r\n?|[\u2028\u0085]/g, "\n")
    .replace(/[\u2029\f\v]/g, "\n\n")
    .replace(INVISIBLE, "")
    .replace(FORBIDDEN, "")
    .split("\n")
    .map((line) => line.replace(SPACES, " ").trim())
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}
