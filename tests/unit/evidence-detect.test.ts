// Evidence file types are read from the bytes (issue 16): the five admitted types are recognised
// whatever they are called; empty, too large and every other type are refused.
import { strToU8, zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { detectEvidenceFile, MAX_EVIDENCE_BYTES } from "~/modules/evidence/detect.server";
import { MAX_EVIDENCE_UPLOAD_BYTES } from "~/modules/evidence/schemas";
import { docxBytes, JPEG, pdfBytes, PNG, xlsxBytes } from "../support/evidence-files";

describe("detectEvidenceFile", () => {
  it("recognises PDF, DOCX, XLSX, PNG and JPEG from their content", async () => {
    expect(await detectEvidenceFile(await pdfBytes())).toEqual({ type: "pdf", mediaType: "application/pdf" });
    expect(await detectEvidenceFile(await docxBytes())).toMatchObject({ type: "docx" });
    expect(await detectEvidenceFile(xlsxBytes())).toEqual({ type: "xlsx", mediaType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" });
    expect(await detectEvidenceFile(PNG)).toEqual({ type: "png", mediaType: "image/png" });
    expect(await detectEvidenceFile(JPEG)).toEqual({ type: "jpeg", mediaType: "image/jpeg" });
  });

  it("refuses an empty file, one over 20 MB, and every other type (text, HTML, a plain ZIP, a GIF)", async () => {
    expect(await detectEvidenceFile(new Uint8Array())).toEqual({ refusal: "empty" });
    expect(await detectEvidenceFile(new Uint8Array(MAX_EVIDENCE_BYTES + 1))).toEqual({ refusal: "too_large" });
    for (const bytes of [
      strToU8("Just text, even if called report.pdf"),
      strToU8("<!doctype html><script>alert(1)</script>"),
      zipSync({ "notes.txt": strToU8("a zip renamed .docx") }),
      strToU8("GIF89a\u0001\u0000\u0001\u0000"),
    ]) {
      expect(await detectEvidenceFile(bytes)).toEqual({ refusal: "wrong_type" });
    }
  });

  it("holds the form's limit and the detector's limit equal", () => {
    expect(MAX_EVIDENCE_UPLOAD_BYTES).toBe(MAX_EVIDENCE_BYTES);
  });
});
