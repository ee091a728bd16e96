// Who hears of a change (issue 17, docs/decisions/023-notifications.md). `notifyFromEvent` runs
// inside the transaction of the change, called by recordAuditEvent with the event it has just
// written, so a notification exists exactly when its change does: a refused or rolled-back change
// notifies nobody. Nobody is told of their own change, nor is an inactive account. A recipient
// who wants each notification at once gets its e-mail queued in the same transaction.
import type { Prisma } from "@prisma/client";
import type { Tx } from "~/db.server";
import type { Locale } from "~/i18n/messages";
import type { FieldChange } from "~/modules/audit/chain";
import type { MailFrequency, NotificationKind } from "./kinds";
import { viewsOf } from "./queries.server";
import { composeMail, type MailKind } from "./mail/compose.server";
import { appUrl, unsubscribeToken } from "./mail/tokens.server";

export type EventFacts = {
  seq: number;
  action: string;
  entityType: string;
  entityId: string;
  proposalId: string | null;
  actorId: string | null;
  actorName: string;
  changes: readonly FieldChange[];
};

type Planned = {
  kind: NotificationKind;
  recipients: readonly string[];
  proposalId?: string | null;
  milestoneId?: string | null;
  roundId?: string | null;
  params?: Record<string, string>;
};

const changeTo = (changes: readonly FieldChange[], field: string) => changes.find((c) => c.field === field)?.to;

/** The owner of a proposal and everyone watching it: the people a change to it concerns. */
async function concerned(tx: Tx, proposalId: string): Promise<string[]> {
  const proposal = await tx.proposal.findUnique({ where: { id: proposalId }, select: { ownerId: true, watches: { select: { userId: true } } } });
  if (!proposal) return [];
  return [proposal.ownerId, ...proposal.watches.map((w) => w.userId)];
}

async function plan(tx: Tx, e: EventFacts): Promise<Planned | null> {
  const proposalId = e.proposalId;
  switch (e.action) {
    case "proposal.created":
    case "proposal.owner_changed": {
      const owner = changeTo(e.changes, "owner");
      return typeof owner === "string" ? { kind: "assigned", recipients: [owner], proposalId } : null;
    }
    case "proposal.status_changed": {
      const status = e.changes.find((c) => c.field === "status");
      if (!proposalId || !status) return null;
      return { kind: "status_changed", recipients: await concerned(tx, proposalId), proposalId, params: { from: String(status.from), to: String(status.to) } };
    }
    case "update.posted":
      return proposalId ? { kind: "progress_posted", recipients: await concerned(tx, proposalId), proposalId } : null;
    case "milestone.created":
    case "milestone.updated":
    case "milestone.completed": {
      // The assignee is recorded by name; the row says who it is now.
      if (!changeTo(e.changes, "assignee")) return null;
      const m = await tx.milestone.findUnique({ where: { id: e.entityId }, select: { assigneeId: true, title: true } });
      return m?.assigneeId ? { kind: "assigned", recipients: [m.assigneeId], proposalId, milestoneId: e.entityId, params: { milestone: m.title } } : null;
    }
    case "round.opened": {
      // Those who manage rounds or record the scores: managers and admins, and the analysts who own a proposal.
      const users = await tx.user.findMany({
        where: { active: true, OR: [{ role: { in: ["manager", "admin"] } }, { role: "analyst", ownedProposals: { some: {} } }] },
        select: { id: true },
      });
      return { kind: "round_opened", recipients: users.map((u) => u.id), roundId: e.entityId };
    }
    case "comment.added": {
      const mentions = await tx.commentMention.findMany({ where: { commentId: e.entityId }, select: { userId: true } });
      return mentions.length ? { kind: "mentioned", recipients: mentions.map((m) => m.userId), proposalId } : null;
    }
    default:
      return null;
  }
}

export async function notifyFromEvent(tx: Tx, e: EventFacts): Promise<void> {
  // The demo data's import and the app's own jobs act as nobody, and tell nobody.
  if (!e.actorId) return;
  const planned = await plan(tx, e);
  if (!planned) return;
  const recipients = [...new Set(planned.recipients)].filter((id) => id !== e.actorId);
  if (!recipients.length) return;
  await createNotifications(
    tx,
    recipients.map((userId) => ({
      userId,
      kind: planned.kind,
      proposalId: planned.proposalId ?? null,
      milestoneId: planned.milestoneId ?? null,
      roundId: planned.roundId ?? null,
      auditSeq: e.seq,
      actorName: e.actorName,
      params: JSON.stringify(planned.params ?? {}),
    })),
  );
}

type Recipient = { id: string; email: string; locale: Locale; mailFrequency: MailFrequency };

/**
 * Writes notifications for active users (others are dropped), and queues the e-mail of each one
 * whose owner wants mail at once. Those who want none are marked mailed, so no digest takes them.
 * Rows with a `dedupeKey` already written are skipped (the due/overdue scan). Returns how many were written.
 */
export async function createNotifications(tx: Tx, rows: readonly Prisma.NotificationUncheckedCreateInput[]): Promise<number> {
  if (!rows.length) return 0;
  const users = await tx.user.findMany({
    where: { id: { in: [...new Set(rows.map((r) => r.userId))] }, active: true },
    select: { id: true, email: true, locale: true, mailFrequency: true },
  });
  const byId = new Map(users.map((u) => [u.id, u]));
  const keys = rows.map((r) => r.dedupeKey).filter((k): k is string => Boolean(k));
  const seen = keys.length
    ? new Set((await tx.notification.findMany({ where: { dedupeKey: { in: keys } }, select: { dedupeKey: true } })).map((r) => r.dedupeKey))
    : new Set();
  const now = new Date();
  let written = 0;
  for (const row of rows) {
    const user = byId.get(row.userId);
    if (!user || (row.dedupeKey && seen.has(row.dedupeKey))) continue;
    const mailedNow = user.mailFrequency === "immediate" || user.mailFrequency === "off";
    const created = await tx.notification.create({ data: { ...row, mailedAt: mailedNow ? now : null }, select: { id: true } });
    written += 1;
    if (user.mailFrequency === "immediate") await enqueueMail(tx, user, "immediate", [created.id], null);
  }
  return written;
}

/** A digest lists at most this many (the newest); it says how many more are in the inbox. */
export const MAIL_ITEMS = 100;

/** The unsubscribe link of a user's mail. */
export async function unsubscribeUrl(userId: string, tx?: Tx) {
  return `${appUrl()}/unsubscribe/${await unsubscribeToken(userId, tx)}`;
}

/**
 * Queues one e-mail of the given notifications. A digest has a period key, unique per user: a
 * second one for the same period fails the unique index, and its transaction writes nothing.
 */
export async function enqueueMail(tx: Tx, user: Recipient, kind: MailKind, notificationIds: readonly string[], periodKey: string | null) {
  if (!notificationIds.length) return null;
  const views = await viewsOf(tx, notificationIds.slice(-MAIL_ITEMS));
  const unsubscribe = await unsubscribeUrl(user.id, tx);
  const mail = composeMail(user.locale, kind, views, unsubscribe, notificationIds.length - views.length);
  return tx.outboxMessage.create({
    data: { userId: user.id, toAddress: user.email, kind, periodKey, locale: user.locale, ...mail, unsubscribeUrl: unsubscribe },
    select: { id: true },
  });
}
