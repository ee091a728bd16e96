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
