// What an uploaded evidence file is, read from its bytes (issue 16): the name and the type the
// browser declared are never trusted. PDF, PNG and JPEG by their magic numbers (file-type); DOCX and
// XLSX are ZIP archives told apart by the part each must have (word/document.xml, xl/workbook.xml).
import { fileTypeFromBuffer } from "file-type";
import { zipEntries } from "~/modules/intake/docx.server";

/** The largest evidence file kept (the 20 MB). */
export const MAX_EVIDENCE_BYTES = 20 * 1024 * 1024;

export const EVIDENCE_FILE_TYPES = ["pdf", "docx", "xlsx", "png", "jpeg"] as const;
export type EvidenceFileType = (typeof EVIDENCE_FILE_TYPES)[number];

export const EVIDENCE_MEDIA_TYPES: Readonly<Record<EvidenceFileType, string>> = {
  pdf: "application/pdf",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  png: "image/png",
  jpeg: "image/jpeg",
};

export type EvidenceRefusal = "empty" | "too_large" | "wrong_type";
export type Detected = { type: EvidenceFileType; mediaType: string } | { refusal: EvidenceRefusal };

const ZIPS = new Set(["zip", "docx", "xlsx", "pptx"]);

export async function detectEvidenceFile(bytes: Uint8Array): Promise<Detected> {
  if (bytes.byteLength === 0) return { refusal: "empty" };
  if (bytes.byteLength > MAX_EVIDENCE_BYTES) return { refusal: "too_large" };
  const found = await fileTypeFromBuffer(bytes).catch(() => undefined);
  const of = (type: EvidenceFileType): Detected => ({ type, mediaType: EVIDENCE_MEDIA_TYPES[type] });
  if (!found) return { refusal: "wrong_type" };
  if (found.ext === "pdf") return of("pdf");
  if (found.ext === "png") return of("png");
  if (found.ext === "jpg") return of("jpeg");
  if (ZIPS.has(found.ext)) {
    const entries = zipEntries(bytes);
    if (!entries) return { refusal: "wrong_type" };
    if (entries.some((e) => e.name === "word/document.xml")) return of("docx");
    if (entries.some((e) => e.name === "xl/workbook.xml")) return of("xlsx");
  }
  return { refusal: "wrong_type" };
}

/** The media types a download may be served as; anything else goes out as application/octet-stream. */
export const SERVABLE_MEDIA_TYPES: ReadonlySet<string> = new Set([...Object.values(EVIDENCE_MEDIA_TYPES), "text/plain"]);
