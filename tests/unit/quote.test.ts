// The proposal page's quote in its paragraph (app/modules/events/quote.ts).
import { describe, expect, it } from "vitest";
import { quoteInContext } from "~/modules/events/quote";

const text = "Title line\n\nFirst sentence here. The quoted sentence. Last one.\n\nAnother paragraph.";
const at = (s: string) => [text.indexOf(s), text.indexOf(s) + s.length] as const;

describe("quoteInContext", () => {
  it("gives the paragraph around the quote, and nothing from the next paragraph", () => {
    const [start, end] = at("The quoted sentence.");
    expect(quoteInContext(text, start, end)).toEqual({
      before: "First sentence here. ",
      quote: "The quoted sentence.",
      after: " Last one.",
      clippedBefore: false,
      clippedAfter: false,
    });
  });

  it("cuts a long paragraph at word boundaries and says so", () => {
    const long = `${"word ".repeat(200)}QUOTE${" more".repeat(200)}`;
    const start = long.indexOf("QUOTE");
    const q = quoteInContext(long, start, start + 5, 50)!;
    expect(q.clippedBefore && q.clippedAfter).toBe(true);
    expect(q.before.length).toBeLessThanOrEqual(50);
    expect(q.before.startsWith("word")).toBe(true);
    expect(q.after.endsWith("more")).toBe(true);
  });

  it("is null for a span the text does not have", () => {
    expect(quoteInContext(text, 5, 2)).toBeNull();
    expect(quoteInContext(text, 0, text.length + 1)).toBeNull();
    expect(quoteInContext(text, -1, 3)).toBeNull();
  });
});
