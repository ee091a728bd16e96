// Reads an uploaded or pasted document into the intake's plain text. The type is decided by the
// bytes, never by the file's name or the type the browser declared (those only make the messages
// clearer): magic numbers (file-type) for PDF and ZIP, word/document.xml inside the ZIP for DOCX,
// strict UTF-8 decoding for text, and an HTML parser's first token for HTML. Bad input is answered
// with a typed refusal, never an exception.
import { fileTypeFromBuffer } from "file-type";
import { isWordDocument, isZipBomb, readDocx, zipEntries } from "./docx.server";
import { htmlToText, looksLikeHtml } from "./html";
import { detectLanguage, LANGUAGES, type Language } from "./language";
import { normaliseText } from "./normalise";
import { readPdf } from "./pdf.server";

export { detectLanguage, LANGUAGES, type Language };

export const MAX_DOCUMENT_BYTES = 20 * 1024 * 1024;

export type DocumentKind = "text" | "html" | "docx" | "pdf";

export const MEDIA_TYPES: Readonly<Record<DocumentKind, string>> = {
  text: "text/plain",
  html: "text/html",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  pdf: "application/pdf",
};

export type ExtractedDocument = { kind: DocumentKind; mediaType: string; text: string; title?: string; language?: Language };

export type RefusalReason = "empty" | "too_large" | "unsupported_type" | "encrypted" | "no_text" | "unreadable";
export type ExtractionRefusal = { error: RefusalReason; message: string };
export type ExtractionResult = ExtractedDocument | ExtractionRefusal;

export type ExtractionHints = { fileName?: string; declaredType?: string };

export function isRefusal(result: ExtractionResult): result is ExtractionRefusal {
  return "error" in result;
}

const refuse = (error: RefusalReason, message: string): ExtractionRefusal => ({ error, message });

/** "report.pdf (declared application/pdf)", for messages. */
function described({ fileName, declaredType }: ExtractionHints): string {
  const name = fileName ? `“${fileName}”` : "The document";
  return declaredType ? `${name} (sent as ${declaredType})` : name;
}

/** Tab, line feed, vertical tab, form feed, carriage return: controls that plain text does use. */
const TEXT_CONTROLS = new Set([0x09, 0x0a, 0x0b, 0x0c, 0x0d]);

/** Text in UTF-8 (with or without a BOM) or UTF-16 with a BOM; null for anything else (a binary file, another encoding). */
function decodeText(bytes: Uint8Array): string | null {
  const encoding = bytes[0] === 0xff && bytes[1] === 0xfe ? "utf-16le" : bytes[0] === 0xfe && bytes[1] === 0xff ? "utf-16be" : "utf-8";
  let text: string;
  try {
    text = new TextDecoder(encoding, { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
  // NUL and the other C0 controls do not occur in prose; valid UTF-8 full of them is a binary format.
  let controls = 0;
  for (let i = 0; i < Math.min(text.length, 65536); i++) {
    const code = text.charCodeAt(i);
    if (code === 0) return null;
    if (code < 0x20 && !TEXT_CONTROLS.has(code)) controls++;
  }
  return controls > 8 ? null : text;
}

function finish(kind: DocumentKind, raw: string, title: string | undefined, hints: ExtractionHints): ExtractionResult {
  const text = normaliseText(raw);
  if (!/[\p{L}\p{N}]/u.test(text)) {
    return kind === "text"
      ? refuse("empty", `${described(hints)} has no text.`)
      : refuse("no_text", `${described(hints)} is a readable ${kind.toUpperCase()} file with no text in it.`);
  }
  const doc: ExtractedDocument = { kind, mediaType: MEDIA_TYPES[kind], text, language: detectLanguage(text) };
  const cleanTitle = title ? normaliseText(title) : "";
  return cleanTitle ? { ...doc, title: cleanTitle } : doc;
}

async function extractPdf(bytes: Uint8Array, hints: ExtractionHints): Promise<ExtractionResult> {
  const pdf = await readPdf(bytes);
  if ("encrypted" in pdf)
    return refuse("encrypted", `${described(hints)} is a password-protected PDF. Remove the password (or print it to a new PDF) and upload it again.`);
  const result = finish("pdf", pdf.text, pdf.title, hints);
  return isRefusal(result)
    ? refuse("no_text", `${described(hints)} is a PDF without a text layer (a scan?). The intake reads PDFs with text; run OCR on it first.`)
    : result;
}

async function extractZip(bytes: Uint8Array, hints: ExtractionHints, detected: string): Promise<ExtractionResult> {
  const entries = zipEntries(bytes);
  if (!entries) return refuse("unreadable", `${described(hints)} looks like a ZIP archive but cannot be opened.`);
  if (!isWordDocument(entries))
    return refuse("unsupported_type", `${described(hints)} is a ZIP archive (${detected}) but not a Word document: it has no word/document.xml.`);
  if (isZipBomb(entries)) return refuse("too_large", `${described(hints)} unpacks to far more than a document's worth of text.`);
  const docx = await readDocx(bytes);
  return finish("docx", docx.text, docx.title, hints);
}

function extractText(bytes: Uint8Array, hints: ExtractionHints): ExtractionResult {
  const text = decodeText(bytes);
  if (text === null)
    return refuse("unsupported_type", `${described(hints)} is neither a PDF, a DOCX, nor text in UTF-8. Save it as one of those and upload it again.`);
  if (looksLikeHtml(text)) {
    const html = htmlToText(text);
    return finish("html", html.text, html.title, hints);
  }
  return finish("text", text, undefined, hints);
}

const ZIP_TYPES = new Set(["application/zip", "application/x-zip-compressed"]);

export async function extractDocument(bytes: Uint8Array, hints: ExtractionHints = {}): Promise<ExtractionResult> {
  if (bytes.byteLength === 0) return refuse("empty", `${described(hints)} is empty.`);
  if (bytes.byteLength > MAX_DOCUMENT_BYTES) {
    return refuse(
      "too_large",
      `${described(hints)} is ${(bytes.byteLength / 1024 / 1024).toFixed(1)} MB; the limit is ${MAX_DOCUMENT_BYTES / 1024 / 1024} MB.`,
    );
  }
  try {
    const type = await fileTypeFromBuffer(bytes);
    if (type?.mime === "application/pdf") return await extractPdf(bytes, hints);
    if (type && (ZIP_TYPES.has(type.mime) || type.mime.startsWith("application/vnd.openxmlformats"))) return await extractZip(bytes, hints, type.ext);
    if (type?.mime === "application/x-cfb") {
      return refuse(
        "unsupported_type",
        `${described(hints)} is an old-style Office file (.doc) or an encrypted Office document. Save it as .docx without a password.`,
      );
    }
    // file-type knows XML only by its declaration; XHTML and text go on to the text reader.
    if (type && type.mime !== "application/xml" && !type.mime.startsWith("text/")) {
      return refuse(
        "unsupported_type",
        `${described(hints)} is a ${type.ext.toUpperCase()} file (${type.mime}), not a document the intake reads (PDF, DOCX, HTML or text).`,
      );
    }
    return extractText(bytes, hints);
  } catch (error) {
    return refuse("unreadable", `${described(hints)} could not be read: ${error instanceof Error ? error.message : String(error)}`);
  }
}
