// Writing XML as text, fast enough for 10,000 activities a file (xmlbuilder2 took a millisecond
// per activity). Characters XML 1.0 does not allow anywhere in a document
// (https://www.w3.org/TR/xml/#charsets: C0 controls other than tab, LF and CR, lone surrogates,
// U+FFFE, U+FFFF) are dropped, so the file is always well-formed whatever the database holds.
const NOT_XML_CHAR = /[^\t\n\r\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** Text without the characters XML 1.0 forbids. */
export function xmlText(value: string): string {
  return value.replace(NOT_XML_CHAR, "");
}

const TEXT_ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "\t": "&#9;", "\n": "&#10;", "\r": "&#13;" };
const escapeText = (value: string) => xmlText(value).replace(/[&<>]/g, (c) => TEXT_ESCAPES[c]);
// In attributes, whitespace is written as references so a parser does not normalise it away.
const escapeAttribute = (value: string) => xmlText(value).replace(/[&<>"\t\n\r]/g, (c) => TEXT_ESCAPES[c]);

/** An element: attributes, and either text or child elements. */
export type XmlElement = { name: string; attributes?: Record<string, string>; text?: string; children?: XmlElement[] };

export function el(name: string, attributes: Record<string, string> = {}, content: string | XmlElement[] = []): XmlElement {
  return typeof content === "string" ? { name, attributes, text: content } : { name, attributes, children: content };
}

/** The element as indented text, starting `depth` levels in (two spaces a level). */
export function xmlString(node: XmlElement, depth = 0): string {
  const pad = "  ".repeat(depth);
  const attributes = Object.entries(node.attributes ?? {})
    .map(([k, v]) => ` ${k}="${escapeAttribute(v)}"`)
    .join("");
  if (node.text !== undefined) return `${pad}<${node.name}${attributes}>${escapeText(node.text)}</${node.name}>\n`;
  if (!node.children?.length) return `${pad}<${node.name}${attributes}/>\n`;
  return `${pad}<${node.name}${attributes}>\n${node.children.map((c) => xmlString(c, depth + 1)).join("")}${pad}</${node.name}>\n`;
}
