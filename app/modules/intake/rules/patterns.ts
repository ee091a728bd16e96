// Small helpers the language rules share: whole-word patterns that work for any script (\b only
// knows ASCII letters), weighted keyword counts, and the clipping that turns a clause into a title.

/** Not preceded / followed by a letter, digit or combining mark: a whole-word edge in any script. */
const WORD_BEFORE = "(?<![\\p{L}\\p{N}\\p{M}])";
const WORD_AFTER = "(?![\\p{L}\\p{N}\\p{M}])";

/**
 * A pattern matching any of `alternatives` (regex sources; a space stands for any run of white
 * space) as whole words. Languages written without spaces (Japanese) pass `edges: false`.
 */
export function words(alternatives: readonly string[], { flags = "giu", edges = true }: { flags?: string; edges?: boolean } = {}): RegExp {
  const body = alternatives.map((a) => a.replaceAll(" ", "\\s+")).join("|");
  return new RegExp(edges ? `${WORD_BEFORE}(?:${body})${WORD_AFTER}` : `(?:${body})`, flags);
}

/** Every match of a global pattern (matchAll copies the pattern, so its lastIndex is never shared). */
export function allMatches(pattern: RegExp, text: string): RegExpExecArray[] {
  return [...text.matchAll(pattern)];
}

/** The first match of a global pattern, or null. */
export function firstMatch(pattern: RegExp, text: string): RegExpExecArray | null {
  return allMatches(pattern, text)[0] ?? null;
}

/** Whether a global pattern matches anywhere in text. */
export function matchesAny(pattern: RegExp, text: string): boolean {
  return firstMatch(pattern, text) !== null;
}

/** An area keyword: any of the alternatives as whole words, with its weight. */
export function keyword(weight: number, ...alternatives: string[]): { pattern: RegExp; weight: number } {
  return { pattern: words(alternatives), weight };
}

/** The sum of the weights of every keyword occurrence in text. */
export function keywordScore(keywords: readonly { pattern: RegExp; weight: number }[], text: string): number {
  return keywords.reduce((sum, k) => sum + allMatches(k.pattern, text).length * k.weight, 0);
}

const OPENING = new Set(["“", "«", "„", "‹"]);
const CLOSING = new Set(["”", "»", "›"]);

/** For each character, whether it lies inside quotation marks (typographic or straight). */
export function insideQuotes(text: string): boolean[] {
  const inside: boolean[] = [];
  const open: string[] = [];
  for (const ch of text) {
    const top = open.at(-1);
    if (ch === '"') {
      if (top === '"') open.pop();
      else open.push(ch);
    } else if (ch === "“" && top === "„")
      open.pop(); // German-style „…“ closes with “
    else if (OPENING.has(ch)) open.push(ch);
    else if (CLOSING.has(ch) && open.length > 0) open.pop();
    for (let i = 0; i < ch.length; i++) inside.push(open.length > 0 && !CLOSING.has(ch));
  }
  return inside;
}

/** The text up to the first match of `cut` that is not inside quotation marks. */
export function cutOutsideQuotes(text: string, cut: RegExp): string {
  const inside = insideQuotes(text);
  const at = allMatches(cut, text).find((m) => m.index > 0 && !inside[m.index]);
  return at ? text.slice(0, at.index) : text;
}

/** Upper-cases the first letter (an opening quotation mark stays first). */
export function capitalise(text: string): string {
  const i = text.search(/\p{L}/u);
  return i === -1 ? text : text.slice(0, i) + text[i].toLocaleUpperCase() + text.slice(i + 1);
}

/**
 * At most `maxWords` words, never ending on a function word or punctuation, so a title clipped in
 * the middle of a clause still reads as a phrase. A longer text is cut at its first comma after
 * the third word, where there is one within the limit: a list's first member reads better than
 * the list cut off half-way.
 */
export function limitWords(text: string, maxWords: number, functionWords: ReadonlySet<string>): string {
  let tokens = text.split(/\s+/).filter(Boolean);
  if (tokens.length > maxWords) {
    const comma = tokens.findIndex((t, i) => i >= 3 && i < maxWords && t.endsWith(","));
    tokens = tokens.slice(0, comma === -1 ? maxWords : comma + 1);
  }
  // A cut inside a quoted name would leave half of it: back off to before the quotation mark.
  while (tokens.length > 1 && insideQuotes(tokens.join(" ") + " ").at(-1)) tokens = tokens.slice(0, -1);
  const ends = (t: string) => functionWords.has(t.toLocaleLowerCase().replace(/[,;:.]+$/u, "")) || /^[\p{P}\p{S}]+$/u.test(t);
  while (tokens.length > 1 && ends(tokens.at(-1)!)) tokens = tokens.slice(0, -1);
  return tokens.join(" ").replace(/[\s,;:.–—-]+$/u, "");
}

/** Removes the given spans (time expressions) from a phrase and tidies the spaces left behind. */
export function withoutSpans(text: string, spans: readonly { start: number; end: number }[]): string {
  let out = text;
  for (const s of [...spans].sort((a, b) => b.start - a.start)) out = out.slice(0, s.start) + out.slice(s.end);
  return out
    .replace(/\s+([,.;:])/g, "$1")
    .replace(/\s{2,}/g, " ")
    .trim();
}
