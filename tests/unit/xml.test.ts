import { XMLValidator } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import { el, xmlString, xmlText } from "~/lib/xml";

describe("XML text (issue 10 item 5)", () => {
  it("drops what XML 1.0 forbids and keeps everything else", () => {
    expect(xmlText("a\u0000b\u0008c\u000Bd\u000Ce\u001Ff\uFFFEg\uFFFFh\uD800i\uDFFFj")).toBe("abcdefghij");
    expect(xmlText("tab\tlf\ncr\r \u0085 \u00A0 \uE000 \uFFFD \u{1F600} \u{10FFFF}")).toBe("tab\tlf\ncr\r \u0085 \u00A0 \uE000 \uFFFD \u{1F600} \u{10FFFF}");
  });

  it("escapes markup in text and attributes, and always gives a well-formed element", () => {
    const xml = xmlString(el("a", { title: 'x"<&>\n\uFFFF' }, [el("b", {}, "</a><c>&amp;\u0001"), el("c")]));
    expect(XMLValidator.validate(xml)).toBe(true);
    expect(xml).toBe('<a title="x&quot;&lt;&amp;&gt;&#10;">\n  <b>&lt;/a&gt;&lt;c&gt;&amp;amp;</b>\n  <c/>\n</a>\n');
  });
});
