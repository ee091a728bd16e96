// The intake's forms (issue 15), shared by the browser and the server.
import { z } from "zod";
import { zodMessage } from "~/i18n/message";
import { text } from "~/lib/schema-fields";
import { DOCUMENT_LANGUAGES } from "~/modules/proposals/vocabulary";

/** The largest document the intake reads (the same as extract.server.ts' MAX_DOCUMENT_BYTES; a test holds them equal). */
export const MAX_UPLOAD_BYTES = 20 * 1024 * 1024;
/** Pasted text: far more than any outcome document, far less than the upload. */
export const MAX_PASTED_CHARS = 2_000_000;

export const uploadSchema = z
  .object({
    title: text("field.documentTitle", 300, { required: false }),
    language: z.enum(["auto", ...DOCUMENT_LANGUAGES]).default("auto"),
    file: z.instanceof(File).optional(),
    pasted: text("field.pasted", MAX_PASTED_CHARS, { required: false, multiline: true }),
  })
  .superRefine((v, ctx) => {
    if (!v.file && !v.pasted) ctx.addIssue({ code: "custom", path: ["file"], message: zodMessage("intake.v.fileOrText") });
    if (v.file && v.pasted) ctx.addIssue({ code: "custom", path: ["pasted"], message: zodMessage("intake.v.fileAndText") });
    if (v.file && v.file.size > MAX_UPLOAD_BYTES)
      ctx.addIssue({ code: "custom", path: ["file"], message: zodMessage("intake.refusal.too_large", { size: megabytes(v.file.size) }) });
  });

export const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
