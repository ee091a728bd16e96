// Evidence (issue 16): a link, or an uploaded file stored content-addressed in the StoredFile
// table (docs/decisions/022-compliance.md), attached to a proposal, one of its milestones or one of
// its progress updates, and cited by compliance scores. Adding one is one transaction with its
// `evidence.added` event, whose changes carry the file's SHA-256.
import { writeTransaction, type Tx } from "~/db.server";
import { NotFoundError, RuleError } from "~/lib/errors";
import { msg } from "~/i18n/message";
import { recordAuditEvent, type RequestContext } from "~/modules/audit/record.server";
import { storeFile } from "~/modules/events/files.server";
import { assertMayChangeProposal, Refusal, refusingInTransaction, type ServiceActor } from "~/modules/proposals/guard.server";
import { dayToDate, withoutForbidden } from "~/modules/proposals/text";
import { canEditProposal } from "~/modules/proposals/workflow";
import { detectEvidenceFile } from "./detect.server";
import { chosenFile, evidenceKindOf, megabytes } from "./schemas";

const actorOf = (a: ServiceActor) => ({ id: a.id, name: a.name, role: a.role });

/** A new item, as the service takes it. */
export type EvidenceDraft =
  | { kind: "link"; title: string; url: string; publisher: string; publishedOn: string }
  | { kind: "file"; title: string; publisher: string; publishedOn: string; bytes: Uint8Array; fileName: string };

/** Checked file: its type read from the bytes. */
export type CheckedDraft = EvidenceDraft & { mediaType?: string };

/** What the evidence form sent, as a draft; null when it names no evidence. */
export async function draftFromForm(v: {
  evidenceTitle: string;
  url: string;
  publisher: string;
  publishedOn: string;
  file?: File;
}): Promise<EvidenceDraft | null> {
  const file = chosenFile(v.file);
  const kind = evidenceKindOf(v);
  if (kind === "link") return { kind, title: v.evidenceTitle, url: v.url, publisher: v.publisher, publishedOn: v.publishedOn };
  if (kind === "file" && file) {
    const fileName = [...withoutForbidden(file.name).replace(/\s+/gu, " ").trim()].slice(0, 255).join("") || "evidence";
    return {
      kind,
      title: v.evidenceTitle || fileName,
      publisher: v.publisher,
      publishedOn: v.publishedOn,
      bytes: new Uint8Array(await file.arrayBuffer()),
      fileName,
    };
  }
  return null;
}

/**
 * Reads a file's type from its bytes before any transaction: an empty, too large or unsupported
 * file is a 400 on the file field, and nothing is stored.
 */
export async function checkDraft(draft: EvidenceDraft): Promise<CheckedDraft> {
  if (draft.kind === "link") return draft;
  const detected = await detectEvidenceFile(draft.bytes);
  if ("refusal" in detected) {
    throw new RuleError(msg(`evidence.refusal.${detected.refusal}`, { size: megabytes(draft.bytes.byteLength) }), { status: 400, field: "file" });
  }
  return { ...draft, mediaType: detected.mediaType };
}

export type EvidenceTarget = { milestoneId?: string; updateId?: string };

/** "proposal", "milestone:<id>" or "update:<id>" from the form's `attachTo`. */
export function targetOf(attachTo: string): EvidenceTarget {
  const [kind, id] = attachTo.split(":");
  if (kind === "milestone" && id) return { milestoneId: id };
  if (kind === "update" && id) return { updateId: id };
  return {};
}

/**
 * Stores a checked item inside `tx` (the caller's transaction, which has judged permission) and
 * records its `evidence.added` event. Returns the new item's id.
 */
export async function insertEvidence(
  tx: Tx,
  actor: ServiceActor,
  proposalId: string,
  target: EvidenceTarget,
  draft: CheckedDraft,
  context: RequestContext,
): Promise<{ id: string; title: string }> {
  let attachedTo = "proposal";
  if (target.milestoneId) {
    const m = await tx.milestone.findUnique({ where: { id: target.milestoneId }, select: { proposalId: true, title: true } });
    if (!m || m.proposalId !== proposalId) throw new NotFoundError(msg("what.milestone"));
    attachedTo = `milestone “${m.title}”`;
  } else if (target.updateId) {
    const u = await tx.progressUpdate.findUnique({ where: { id: target.updateId }, select: { proposalId: true, createdAt: true } });
    if (!u || u.proposalId !== proposalId) throw new NotFoundError(msg("what.update"));
    attachedTo = `progress update of ${u.createdAt.toISOString().slice(0, 10)}`;
  }
  const common = {
    proposalId,
    milestoneId: target.milestoneId ?? null,
    updateId: target.updateId ?? null,
    title: draft.title,
    publisher: draft.publisher,
    publishedOn: draft.publishedOn ? dayToDate(draft.publishedOn) : null,
    createdById: actor.id,
  };
  let evidence: { id: string };
  let described: { field: string; from: null; to: string | number }[];
  if (draft.kind === "link") {
    evidence = await tx.evidence.create({ data: { ...common, kind: "link", url: draft.url }, select: { id: true } });
    described = [{ field: "url", from: null, to: draft.url }];
  } else {
    const stored = await storeFile(tx, draft.bytes);
    evidence = await tx.evidence.create({
      data: { ...common, kind: "file", sha256: stored.sha256, byteSize: stored.byteSize, fileName: draft.fileName, mediaType: draft.mediaType ?? "" },
      select: { id: true },
    });
    described = [
      { field: "fileName", from: null, to: draft.fileName },
      { field: "mediaType", from: null, to: draft.mediaType ?? "" },
      { field: "byteSize", from: null, to: stored.byteSize },
      { field: "sha256", from: null, to: stored.sha256 },
    ];
  }
  await recordAuditEvent(tx, {
    actor: actorOf(actor),
    action: "evidence.added",
    entityType: "evidence",
    entityId: evidence.id,
    proposalId,
    changes: [
      { field: "title", from: null, to: draft.title },
      { field: "kind", from: null, to: draft.kind },
      ...described,
      ...(draft.publisher ? [{ field: "publisher", from: null, to: draft.publisher }] : []),
      ...(draft.publishedOn ? [{ field: "publishedOn", from: null, to: draft.publishedOn }] : []),
      { field: "attachedTo", from: null, to: attachedTo },
    ],
    context,
  });
  return { id: evidence.id, title: draft.title };
}

/** Adds an item to a proposal (its owner analyst, a manager or an admin). */
export async function addEvidence(actor: ServiceActor, proposalId: string, target: EvidenceTarget, draft: EvidenceDraft, context: RequestContext) {
  // Who may add is judged before a file is read (and again inside the transaction).
  await assertMayChangeProposal(actor, proposalId, context, "evidence.add");
  const checked = await checkDraft(draft);
  return refusingInTransaction(actor, context, () =>
    writeTransaction(async (tx) => {
      const proposal = await tx.proposal.findUnique({ where: { id: proposalId }, select: { ownerId: true } });
      if (!proposal) throw new NotFoundError(msg("what.proposal"));
      if (!canEditProposal(actor, proposal)) {
        throw new Refusal(msg("refusal.addEvidence"), { entityType: "evidence", entityId: proposalId, proposalId, attempted: "evidence.add" });
      }
      const added = await insertEvidence(tx, actor, proposalId, target, checked, context);
      await tx.proposal.update({ where: { id: proposalId }, data: { updatedAt: new Date() }, select: { id: true } });
      return added;
    }),
  );
}
