// HTML to the intake's plain text, and the sniff that says whether a text is HTML at all, both by
// a real parser (htmlparser2's tokenizer, as forgiving as browsers are), never by patterns over markup.
import { Parser } from "htmlparser2";

/** Elements whose content is no part of the document's text. */
const SKIPPED = new Set(["script", "style", "nav", "noscript", "template", "svg", "iframe", "object", "canvas", "button", "select"]);
/** Elements that make a paragraph break before and after them. */
const BLOCKS = new Set([
  "address", "article", "aside", "blockquote", "body", "caption", "dd", "details", "dialog", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer",
  "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "html", "li", "main", "ol", "p", "pre", "section", "summary", "table", "tbody", "td", "tfoot",
  "th", "thead", "tr", "ul",
]); // prettier-ignore

/**
 * The tags that open an HTML document by the WHATWG MIME Sniffing standard (§7.1, "HTML"), plus
 * the sectioning elements an HTML fragment starts with today.
 */
const HTML_OPENERS = new Set([
  "html",
  "head",
  "body",
  "script",
  "iframe",
  "h1",
  "div",
  "font",
  "table",
  "a",
  "style",
  "title",
  "b",
  "br",
  "p",
  "meta",
  "article",
  "section",
  "main",
  "header",
]);

/** Whether the first thing in the text (after white space, an XML declaration and comments) is an HTML doctype or one of the opening tags. */
export function looksLikeHtml(text: string): boolean {
  let verdict: boolean | null = null;
  const decide = (v: boolean) => {
    if (verdict === null) verdict = v;
  };
  const parser = new Parser({
    onprocessinginstruction(name, data) {
      if (name.toLowerCase() === "!doctype") decide(data.toLowerCase().startsWith("!doctype html"));
      // "<?xml …?>" says nothing yet: XHTML starts with it.
      else if (name !== "?xml") decide(false);
    },
    onopentagname(name) {
      decide(HTML_OPENERS.has(name));
    },
    ontext(data) {
      if (data.trim()) decide(false);
    },
  });
  parser.write(text.slice(0, 8192));
  parser.end();
  return verdict === true;
}

/**
 * The text of an HTML document: script, style, navigation and the like dropped; block elements
 * become paragraph breaks, <br> a line break; white space inside a block collapses as a browser
 * shows it (except in <pre>); <title> becomes the title. The result still wants normaliseText.
 */
export function htmlToText(html: string): { text: string; title?: string } {
  const out: string[] = [];
  let title = "";
  let skipping = 0;
  let inTitle = false;
  let inPre = 0;
  const parser = new Parser(
    {
      onopentag(name) {
        if (SKIPPED.has(name)) skipping++;
        else if (name === "title") inTitle = true;
        else if (name === "br" && !skipping) out.push("\n");
        else if (BLOCKS.has(name) && !skipping) out.push("\n\n");
        if (name === "pre") inPre++;
      },
      onclosetag(name) {
        if (SKIPPED.has(name)) skipping = Math.max(0, skipping - 1);
        else if (name === "title") inTitle = false;
        else if (BLOCKS.has(name) && !skipping) out.push("\n\n");
        if (name === "pre") inPre = Math.max(0, inPre - 1);
      },
      ontext(data) {
        if (skipping) return;
        if (inTitle) title += data;
        else out.push(inPre ? data : data.replace(/\s+/g, " "));
      },
    },
    { decodeEntities: true },
  );
  parser.write(html);
  parser.end();
  const text = out
    .join("")
    .split("\n")
    .map((line) => line.trim())
    .join("\n");
  const cleanTitle = title.replace(/\s+/g, " ").trim();
  return cleanTitle ? { text, title: cleanTitle } : { text };
}
