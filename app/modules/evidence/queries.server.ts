// Reading evidence: a proposal's items (for its page and the score form), and one item's file.
import { readDb } from "~/db.server";
import { NotFoundError } from "~/lib/errors";
import { msg } from "~/i18n/message";

export const EVIDENCE_SELECT = {
  id: true,
  kind: true,
  title: true,
  url: true,
  publisher: true,
  publishedOn: true,
  fileName: true,
  mediaType: true,
  byteSize: true,
  sha256: true,
  createdAt: true,
  milestone: { select: { id: true, title: true } },
  update: { select: { id: true, createdAt: true } },
  createdBy: { select: { name: true } },
} as const;

/** A proposal's evidence, newest first. */
export function evidenceOf(proposalId: string) {
  return readDb.evidence.findMany({ where: { proposalId }, select: EVIDENCE_SELECT, orderBy: [{ createdAt: "desc" }, { id: "desc" }] });
}

export type EvidenceItem = Awaited<ReturnType<typeof evidenceOf>>[number];

/** One item's file with what a download needs; 404 for a link or an unknown id. */
export async function evidenceFile(id: string) {
  const item = await readDb.evidence.findUnique({
    where: { id },
    select: { kind: true, fileName: true, mediaType: true, sha256: true, file: { select: { content: true, byteSize: true } } },
  });
  if (!item || item.kind !== "file" || !item.file) throw new NotFoundError(msg("what.evidence"));
  return { fileName: item.fileName, mediaType: item.mediaType, sha256: item.sha256!, content: item.file.content };
}
