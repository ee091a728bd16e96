// Paragraphs and sentences with exact offsets into the text (UTF-16 code units, as String.slice
// counts): text.slice(start, end) is the sentence, always. Sentences come from
// Intl.Segmenter (ICU's rules, which handle quotation marks and work for Japanese too), with two
// repairs ICU leaves to the caller: abbreviations and initials ("Mr. Smith", "Ш. Мирзиёев") do not
// end a sentence, and a segment that is only punctuation belongs to the one before. Pure.
import { RULES, type Language } from "./rules/registry";

export type Span = { start: number; end: number };
export type Paragraph = Span & { sentences: Span[] };

const segmenters = new Map<string, Intl.Segmenter>();
function segmenter(locale: string): Intl.Segmenter {
  let s = segmenters.get(locale);
  if (!s) segmenters.set(locale, (s = new Intl.Segmenter(locale, { granularity: "sentence" })));
  return s;
}

/**
 * The text as the segmenter should see it: a line break inside a paragraph that was wrapped (the
 * next line goes on in lower case, after no closing punctuation) becomes a space. One character
 * for one, so every offset stays the same.
 */
function unwrapLines(text: string): string {
  return text.replace(/(?<=[^\n.!?;:…"”»)\]])\n(?=\p{Ll})/gu, " ");
}

/** Non-blank lines of the unwrapped text, trimmed. */
function paragraphSpans(view: string): Span[] {
  const spans: Span[] = [];
  for (const m of view.matchAll(/[^\n]+/gu)) {
    const lead = m[0].length - m[0].trimStart().length;
    const body = m[0].trim();
    if (body) spans.push({ start: m.index + lead, end: m.index + lead + body.length });
  }
  return spans;
}

/** The last word of a segment, without opening brackets or quotes ("(e.g." → "e.g."). */
function lastWord(segment: string): string {
  return (segment.trimEnd().split(/\s+/).at(-1) ?? "").replace(/^[\p{Ps}\p{Pi}"']+/u, "").toLocaleLowerCase();
}

function endsWithoutEnding(segment: string, abbreviations: ReadonlySet<string>): boolean {
  const word = lastWord(segment);
  return abbreviations.has(word) || /^\p{L}\.$/u.test(word);
}

function sentenceSpans(view: string, paragraph: Span, lang: Language): Span[] {
  const rules = RULES[lang];
  const spans: Span[] = [];
  let open: Span | null = null;
  for (const { segment, index } of segmenter(rules.code).segment(view.slice(paragraph.start, paragraph.end))) {
    const start = paragraph.start + index;
    const end = start + segment.trimEnd().length;
    if (end === start) continue;
    if (open && (endsWithoutEnding(view.slice(open.start, open.end), rules.abbreviations) || !/[\p{L}\p{N}]/u.test(segment))) open.end = end;
    else {
      if (open) spans.push(open);
      open = { start, end };
    }
  }
  if (open) spans.push(open);
  return spans;
}

/** The text's paragraphs, each with its sentences. */
export function segmentText(text: string, lang: Language): Paragraph[] {
  const view = unwrapLines(text);
  return paragraphSpans(view).map((p) => ({ ...p, sentences: sentenceSpans(view, p, lang) }));
}

/** Every sentence of the text, in order. */
export function sentences(text: string, lang: Language): Span[] {
  return segmentText(text, lang).flatMap((p) => p.sentences);
}
