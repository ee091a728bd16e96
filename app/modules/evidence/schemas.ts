// The evidence form (issue 16), shared by the browser and the server: a link, or an uploaded file.
import { z } from "zod";
import { zodMessage } from "~/i18n/message";
import { day, text } from "~/lib/schema-fields";

/** The same 20 MB as detect.server.ts' MAX_EVIDENCE_BYTES (a test holds them equal). */
export const MAX_EVIDENCE_UPLOAD_BYTES = 20 * 1024 * 1024;

export const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/** A web address anyone can open: http or https, with a host, at most 2,000 characters. */
export const webAddress = text("field.url", 2000, { required: false }).refine(
  (s) => {
    if (!s) return true;
    try {
      const url = new URL(s);
      return (url.protocol === "https:" || url.protocol === "http:") && url.hostname.length > 0;
    } catch {
      return false;
    }
  },
  { error: zodMessage("evidence.v.url") },
);

/** Where a new item is attached: the proposal, one of its milestones, or one of its progress updates. */
export const attachTo = z
  .string()
  .regex(/^(proposal|milestone:[\w-]{1,64}|update:[\w-]{1,64})$/, { error: zodMessage("v.invalid") })
  .default("proposal");

/** The fields of a new evidence item; the score form embeds them, prefixed by nothing. */
export const evidenceFields = {
  evidenceTitle: text("field.evidenceTitle", 300, { required: false }),
  url: webAddress,
  publisher: text("field.publisher", 200, { required: false }),
  publishedOn: z.union([z.literal(""), day("field.publishedOn")]).default(""),
  file: z.instanceof(File).optional(),
};

type EvidenceValues = { evidenceTitle: string; url: string; file?: File };

/** A browser sends an empty file input as a nameless, empty File: that is no file. */
export const chosenFile = (file: File | undefined) => (file && (file.size > 0 || file.name) ? file : undefined);

/** What the fields describe: a link (a web address), a file, or nothing. */
export function evidenceKindOf(v: EvidenceValues): "link" | "file" | "none" {
  return chosenFile(v.file) ? "file" : v.url ? "link" : "none";
}

/** The checks that tie the fields together; `required` when the form is for adding evidence alone. */
export function checkEvidenceDraft(v: EvidenceValues, ctx: z.RefinementCtx, required: boolean) {
  const file = chosenFile(v.file);
  const kind = evidenceKindOf(v);
  if (file && v.url) ctx.addIssue({ code: "custom", path: ["url"], message: zodMessage("evidence.v.linkAndFile") });
  if (kind === "none") {
    if (required) ctx.addIssue({ code: "custom", path: ["url"], message: zodMessage("evidence.v.linkOrFile") });
    if (v.evidenceTitle) ctx.addIssue({ code: "custom", path: ["url"], message: zodMessage("evidence.v.titleWithoutItem") });
    return;
  }
  if (kind === "link") {
    if (!v.evidenceTitle) ctx.addIssue({ code: "custom", path: ["evidenceTitle"], message: zodMessage("evidence.v.titleRequired") });
  }
  if (kind === "file" && file) {
    if (file.size === 0) ctx.addIssue({ code: "custom", path: ["file"], message: zodMessage("evidence.refusal.empty") });
    else if (file.size > MAX_EVIDENCE_UPLOAD_BYTES)
      ctx.addIssue({ code: "custom", path: ["file"], message: zodMessage("evidence.refusal.too_large", { size: megabytes(file.size) }) });
  }
}

export const addEvidenceSchema = z.object({ ...evidenceFields, attachTo }).superRefine((v, ctx) => checkEvidenceDraft(v, ctx, true));
