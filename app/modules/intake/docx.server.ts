// DOCX: a ZIP is a Word document only when it holds word/document.xml (an .xlsx or a plain .zip
// renamed .docx is not); its text comes from mammoth, one paragraph per paragraph.
import { unzipSync } from "fflate";
import { Parser } from "htmlparser2";
import mammoth from "mammoth";

/** A document.xml larger than this unpacked is a ZIP bomb, not a report (20 MB packed text is ~100 MB unpacked at most). */
const MAX_UNPACKED_BYTES = 256 * 1024 * 1024;

export type ZipEntry = { name: string; originalSize: number };

/** The ZIP's entries from its central directory, without unpacking any; null when it is no readable ZIP. */
export function zipEntries(bytes: Uint8Array): ZipEntry[] | null {
  const entries: ZipEntry[] = [];
  try {
    unzipSync(bytes, {
      filter: (file) => {
        entries.push({ name: file.name, originalSize: file.originalSize });
        return false;
      },
    });
    return entries;
  } catch {
    return null;
  }
}

export const isWordDocument = (entries: readonly ZipEntry[]) => entries.some((e) => e.name === "word/document.xml");
export const isZipBomb = (entries: readonly ZipEntry[]) => entries.some((e) => e.name.startsWith("word/") && e.originalSize > MAX_UNPACKED_BYTES);

/** dc:title from docProps/core.xml, if the document has one. */
function coreTitle(bytes: Uint8Array): string | undefined {
  let xml: Uint8Array | undefined;
  try {
    xml = unzipSync(bytes, { filter: (f) => f.name === "docProps/core.xml" })["docProps/core.xml"];
  } catch {
    return undefined;
  }
  if (!xml) return undefined;
  let title = "";
  let inTitle = false;
  const parser = new Parser(
    {
      onopentag: (name) => void (inTitle = name === "dc:title"),
      onclosetag: () => void (inTitle = false),
      ontext: (t) => void (inTitle && (title += t)),
    },
    { xmlMode: true, decodeEntities: true },
  );
  parser.write(new TextDecoder().decode(xml));
  parser.end();
  return title.trim() || undefined;
}

/** The document's raw text (paragraphs separated by a blank line) and title; throws when mammoth cannot read it. */
export async function readDocx(bytes: Uint8Array): Promise<{ text: string; title?: string }> {
  const { value } = await mammoth.extractRawText({ buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) });
  const title = coreTitle(bytes);
  return title ? { text: value, title } : { text: value };
}
