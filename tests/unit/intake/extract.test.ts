import fs from "node:fs";
import { Document, Packer, Paragraph, TextRun } from "docx";
import { strToU8, zipSync } from "fflate";
import { PDFDocument, StandardFonts } from "pdf-lib";
import { describe, expect, it } from "vitest";
import { findCandidates } from "~/modules/intake/candidates";
import { extractDocument, isRefusal, MAX_DOCUMENT_BYTES, type ExtractionResult } from "~/modules/intake/extract.server";
import { normaliseText } from "~/modules/intake/normalise";

const utf8 = (text: string) => new TextEncoder().encode(text);

function expectDocument(result: ExtractionResult) {
  if (isRefusal(result)) throw new Error(`refused: ${result.error}: ${result.message}`);
  return result;
}

function expectRefusal(result: ExtractionResult, error: string) {
  expect(isRefusal(result) ? result.error : `read as ${result.kind}`).toBe(error);
  return result as { message: string };
}

async function makeDocx(paragraphs: string[]) {
  const doc = new Document({ title: "Summit outcome", sections: [{ children: paragraphs.map((p) => new Paragraph({ children: [new TextRun(p)] })) }] });
  return new Uint8Array(await Packer.toBuffer(doc));
}

async function makePdf(lines: string[]) {
  const doc = await PDFDocument.create();
  doc.setTitle("Outcome document");
  const page = doc.addPage([600, 400]);
  const font = await doc.embedFont(StandardFonts.Helvetica);
  lines.forEach((line, i) => page.drawText(line, { x: 30, y: 360 - i * 20, font, size: 11 }));
  return doc.save();
}

/** A 1 × 1 PNG image. */
const PNG = Uint8Array.from(Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==", "base64"));

describe("extractDocument", () => {
  it("reads a DOCX made with the docx package: paragraphs become paragraphs, the core title the title", async () => {
    const bytes = await makeDocx(["It was proposed to establish a Regional Training Center in Tashkent.", "Other leaders also addressed the summit."]);
    const doc = expectDocument(await extractDocument(bytes, { fileName: "outcome.docx" }));
    expect(doc).toMatchObject({
      kind: "docx",
      mediaType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
      title: "Summit outcome",
      language: "en",
    });
    expect(doc.text).toBe("It was proposed to establish a Regional Training Center in Tashkent.\n\nOther leaders also addressed the summit.");
    expect(findCandidates(doc.text, { lang: "en" }).map((c) => c.place)).toEqual(["Tashkent"]);
  });

  it("reads the text layer of a PDF made with pdf-lib, and its title", async () => {
    const bytes = await makePdf(["It was proposed to hold the first meeting of the Forum", "next year in Tashkent."]);
    const doc = expectDocument(await extractDocument(bytes));
    expect(doc).toMatchObject({ kind: "pdf", mediaType: "application/pdf", title: "Outcome document" });
    expect(doc.text).toBe("It was proposed to hold the first meeting of the Forum\nnext year in Tashkent.");
    // The wrapped line is one sentence, so one candidate with the date from its second line.
    expect(findCandidates(doc.text, { lang: "en", eventDate: "2025-12-20" }).map((c) => [c.quote, c.targetDate])).toEqual([[doc.text, "2026-12-31"]]);
  });

  it("refuses a password-protected PDF as encrypted (fixture made with qpdf)", async () => {
    const r = expectRefusal(await extractDocument(fs.readFileSync("tests/fixtures/intake/encrypted.pdf")), "encrypted");
    expect(r.message).toMatch(/password/);
  });

  it("refuses a PDF without a text layer as no_text", async () => {
    const doc = await PDFDocument.create();
    doc.addPage([200, 200]).drawRectangle({ x: 10, y: 10, width: 50, height: 50 });
    expectRefusal(await extractDocument(await doc.save()), "no_text");
  });

  it("reads HTML with a parser: script, style and nav dropped, blocks as paragraphs, <title> as title", async () => {
    const html = `<!DOCTYPE html><html><head><title>Summit   report</title><style>p { color: red }</style>
      <script>document.write("it was proposed to hide this")</script></head>
      <body><nav><a href="/">Home</a> proposed menu</nav><h1>Outcome</h1>
      <p>It was proposed to hold   summits &amp; meetings<br>every two years.</p><div>Readiness was expressed to host one in Uzbekistan.</div></body></html>`;
    const doc = expectDocument(await extractDocument(utf8(html), { fileName: "report.txt", declaredType: "text/plain" }));
    expect(doc).toMatchObject({ kind: "html", mediaType: "text/html", title: "Summit report" });
    expect(doc.text).toBe("Outcome\n\nIt was proposed to hold summits & meetings\nevery two years.\n\nReadiness was expressed to host one in Uzbekistan.");
  });

  it("takes text that merely mentions tags for plain text, and text named .html too", async () => {
    const text = "a < b and c > d; <email@example.org> wrote: it was proposed.";
    expect(expectDocument(await extractDocument(utf8(text), { fileName: "x.html", declaredType: "text/html" })).kind).toBe("text");
  });

  it("reads plain UTF-8 text (with a BOM) and normalises it: NFC, LF, one space, one blank line between paragraphs", async () => {
    const raw = "\uFEFFCafe\u0301  au   lait\r\nsecond\tline  \r\n\r\n\r\n\r\nНовый абзац.";
    const doc = expectDocument(await extractDocument(utf8(raw)));
    expect(doc).toMatchObject({ kind: "text", mediaType: "text/plain", text: "Café au lait\nsecond line\n\nНовый абзац." });
  });

  it("refuses empty input and white space only as empty", async () => {
    expectRefusal(await extractDocument(new Uint8Array()), "empty");
    expectRefusal(await extractDocument(utf8(" \n\t\r\n ")), "empty");
  });

  it(`refuses anything over ${MAX_DOCUMENT_BYTES / 1024 / 1024} MB as too_large, before reading it`, async () => {
    const r = expectRefusal(await extractDocument(new Uint8Array(21 * 1024 * 1024).fill(0x61)), "too_large");
    expect(r.message).toContain("21.0 MB");
    // The limit itself is allowed.
    expect(expectDocument(await extractDocument(new Uint8Array(MAX_DOCUMENT_BYTES).fill(0x61))).kind).toBe("text");
  });

  it("decides by content, not by name: a PNG renamed .pdf is an unsupported PNG", async () => {
    const r = expectRefusal(await extractDocument(PNG, { fileName: "report.pdf", declaredType: "application/pdf" }), "unsupported_type");
    expect(r.message).toContain("PNG");
    expect(r.message).toContain("report.pdf");
  });

  it("reads a DOCX whatever it is called, and refuses a ZIP without word/document.xml", async () => {
    expect(expectDocument(await extractDocument(await makeDocx(["Text."]), { fileName: "scan.png" })).kind).toBe("docx");
    const zip = zipSync({ "notes.txt": strToU8("It was proposed to hold summits.") });
    expect(expectRefusal(await extractDocument(zip, { fileName: "notes.docx" }), "unsupported_type").message).toContain("word/document.xml");
  });

  it("refuses binary data and text in other encodings, and answers a broken PDF with unreadable, never throwing", async () => {
    expectRefusal(await extractDocument(Uint8Array.from([0x00, 0x01, 0x02, 0xff, 0xfe, 0x80, 0x81])), "unsupported_type");
    expectRefusal(await extractDocument(Uint8Array.from([0xcf, 0xf0, 0xe5, 0xe7, 0xe8, 0xe4, 0xe5, 0xed, 0xf2])), "unsupported_type"); // "Президент" in windows-1251
    expectRefusal(await extractDocument(utf8("%PDF-1.7\nthis is not really a PDF\n%%EOF")), "unreadable");
  });
});

describe("normaliseText", () => {
  it("keeps single line breaks and one blank line, removes invisible characters and trims lines", () => {
    expect(normaliseText("  a\u00A0\u2003b \nc\u00ADd\u200B\n\n\n\ne\u2029f")).toBe("a b\ncd\n\ne\n\nf");
  });
  it("drops the characters proposal fields refuse (controls, bidirectional overrides), so any quote can be stored", () => {
    expect(normaliseText("evil\u202Etxt\u0007 x\u0085y\u009Fz")).toBe("eviltxt x\nyz");
  });
});
