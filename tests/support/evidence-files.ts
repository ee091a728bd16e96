// Real files of each evidence type, made by the libraries that write them (no fixtures to rot).
import { Document, Packer, Paragraph, TextRun } from "docx";
import { strToU8, zipSync } from "fflate";
import { PDFDocument, StandardFonts } from "pdf-lib";

export async function pdfBytes(line = "Signed memorandum on the Digital Hub, 2026-03-01.") {
  const doc = await PDFDocument.create();
  const page = doc.addPage([600, 400]);
  page.drawText(line, { x: 30, y: 360, font: await doc.embedFont(StandardFonts.Helvetica), size: 11 });
  return doc.save();
}

export async function docxBytes(text = "Minutes of the working group.") {
  return new Uint8Array(await Packer.toBuffer(new Document({ sections: [{ children: [new Paragraph({ children: [new TextRun(text)] })] }] })));
}

/** The smallest workbook Excel opens: the content types, the workbook and one sheet. */
export function xlsxBytes() {
  return zipSync({
    "[Content_Types].xml": strToU8(
      '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>',
    ),
    "xl/workbook.xml": strToU8('<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheets/></workbook>'),
  });
}

/** A 1 × 1 PNG image. */
export const PNG = Uint8Array.from(Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==", "base64"));

/** The first bytes of a JPEG (SOI, APP0 JFIF), enough for its magic number. */
export const JPEG = Uint8Array.from([
  0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00, 0xff, 0xd9,
]);
