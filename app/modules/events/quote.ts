// A quote in its surrounding paragraph, for the proposal page (issue 15): the paragraph of the
// document's text that holds [start, end), cut to a readable window when the paragraph is long.
// Pure and safe for the browser; offsets are UTF-16 code units into the stored text.

/** At most this many characters of context on each side of the quote. */
export const CONTEXT_CHARS = 400;

export type QuoteInContext = { before: string; quote: string; after: string; clippedBefore: boolean; clippedAfter: boolean };

export function quoteInContext(text: string, start: number, end: number, context = CONTEXT_CHARS): QuoteInContext | null {
  if (!(Number.isInteger(start) && Number.isInteger(end) && start >= 0 && end > start && end <= text.length)) return null;
  const paragraphStart = text.lastIndexOf("\n", start - 1) + 1;
  const newline = text.indexOf("\n", end);
  const paragraphEnd = newline === -1 ? text.length : newline;
  let from = Math.max(paragraphStart, start - context);
  let to = Math.min(paragraphEnd, end + context);
  // Cut at a word boundary so the window does not begin or end mid-word.
  if (from > paragraphStart) from = nextSpace(text, from, start);
  if (to < paragraphEnd) to = previousSpace(text, to, end);
  return {
    before: text.slice(from, start).trimStart(),
    quote: text.slice(start, end),
    after: text.slice(end, to).trimEnd(),
    clippedBefore: from > paragraphStart,
    clippedAfter: to < paragraphEnd,
  };
}

function nextSpace(text: string, from: number, limit: number): number {
  const i = text.slice(from, limit).search(/\s/u);
  return i === -1 ? from : from + i + 1;
}

function previousSpace(text: string, to: number, limit: number): number {
  const window = text.slice(limit, to);
  const i = Math.max(window.lastIndexOf(" "), window.lastIndexOf("\t"));
  return i === -1 ? to : limit + i;
}

/**
 * Where `quote` stands in `text`, nearest to `near` when it stands in several places; null if
 * nowhere. Exact words first; else the same words with any run of white space between them (a
 * quote pasted from a page where the text wraps, or typed with one space where the document has
 * a line break).
 */
export function locate(text: string, quote: string, near = 0): { start: number; end: number } | null {
  const wanted = quote.trim();
  if (!wanted) return null;
  const nearest = (found: { start: number; end: number }[]) =>
    found.reduce<{ start: number; end: number } | null>(
      (best, f) => (best === null || Math.abs(f.start - near) < Math.abs(best.start - near) ? f : best),
      null,
    );
  const exact: { start: number; end: number }[] = [];
  for (let at = text.indexOf(wanted); at !== -1; at = text.indexOf(wanted, at + 1)) exact.push({ start: at, end: at + wanted.length });
  if (exact.length) return nearest(exact);
  const words = wanted.split(/\s+/u).map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
  const loose = new RegExp(words.join("\\s+"), "gu");
  return nearest([...text.matchAll(loose)].map((m) => ({ start: m.index, end: m.index + m[0].length })));
}
