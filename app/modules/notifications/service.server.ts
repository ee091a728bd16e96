// A user's own notifications and mail settings (issue 17). Reading and unreading concern the
// reader alone and are not audited; the e-mail setting and the calendar feed are settings of the
// account and are, like the language.
import { sha256Hex } from "~/lib/hash.server";
import { randomBytes } from "node:crypto";
import { writeTransaction } from "~/db.server";
import { NotFoundError } from "~/lib/errors";
import { msg } from "~/i18n/message";
import { recordAuditEvent, type AuditActor, type RequestContext } from "~/modules/audit/record.server";
import type { MailFrequency } from "./kinds";
import { enqueueMail } from "./notify.server";

type Actor = AuditActor & { id: string };

export async function setRead(userId: string, notificationId: string, read: boolean) {
  return writeTransaction(async (tx) => {
    const n = await tx.notification.findUnique({ where: { id: notificationId }, select: { userId: true, readAt: true } });
    // Another user's notification is no more there for this one than a missing one.
    if (!n || n.userId !== userId) throw new NotFoundError(msg("what.notification"));
    if (Boolean(n.readAt) === read) return { changed: false };
    await tx.notification.update({ where: { id: notificationId }, data: { readAt: read ? new Date() : null }, select: { id: true } });
    return { changed: true };
  });
}

export async function markAllRead(userId: string, upTo: Date = new Date()) {
  return writeTransaction(async (tx) => {
    const r = await tx.notification.updateMany({ where: { userId, readAt: null, createdAt: { lte: upTo } }, data: { readAt: new Date() } });
    return { count: r.count };
  });
}

export async function setMailFrequency(actor: Actor, frequency: MailFrequency, context: RequestContext) {
  return writeTransaction(async (tx) => {
    const before = await tx.user.findUnique({ where: { id: actor.id }, select: { mailFrequency: true } });
    if (!before) throw new NotFoundError(msg("what.user"));
    if (before.mailFrequency === frequency) return { changed: false };
    await tx.user.update({ where: { id: actor.id }, data: { mailFrequency: frequency }, select: { id: true } });
    const waiting = await tx.notification.findMany({ where: { userId: actor.id, mailedAt: null }, select: { id: true }, orderBy: { createdAt: "asc" } });
    if (waiting.length && frequency === "immediate" && (before.mailFrequency === "daily" || before.mailFrequency === "weekly")) {
      // From a digest to each at once: what waited for the digest goes now, in one last digest.
      const user = await tx.user.findUniqueOrThrow({ where: { id: actor.id }, select: { id: true, email: true, locale: true, mailFrequency: true } });
      await enqueueMail(
        tx,
        user,
        before.mailFrequency,
        waiting.map((n) => n.id),
        null,
      );
    }
    // What waited for a digest is mailed now (above) or, with e-mail off, never.
    if (waiting.length && frequency !== "daily" && frequency !== "weekly") {
      await tx.notification.updateMany({ where: { id: { in: waiting.map((n) => n.id) } }, data: { mailedAt: new Date() } });
    }
    // E-mail off: what is queued and not yet sent is not sent.
    if (frequency === "off") {
      await tx.outboxMessage.updateMany({
        where: { userId: actor.id, status: "pending" },
        data: { status: "cancelled", lastError: "not sent: the recipient turned e-mail off" },
      });
    }
    await recordAuditEvent(tx, {
      actor,
      action: "user.mail_changed",
      entityType: "user",
      entityId: actor.id,
      changes: [{ field: "mailFrequency", from: before.mailFrequency, to: frequency }],
      context,
    });
    return { changed: true };
  });
}

/** The unsubscribe link's action: e-mail off for the user the signed token names. */
export async function unsubscribe(userId: string, context: RequestContext) {
  const user = await writeTransaction((tx) => tx.user.findUnique({ where: { id: userId }, select: { id: true, name: true, role: true, email: true } }));
  if (!user) throw new NotFoundError(msg("what.user"));
  await setMailFrequency({ id: user.id, name: user.name, role: user.role }, "off", context);
  return { email: user.email };
}

export const hashFeedToken = sha256Hex;

/** Makes a new private feed token (the old one stops working) and returns it: shown once, stored hashed. */
export async function createCalendarFeed(actor: Actor, context: RequestContext) {
  const token = randomBytes(24).toString("base64url");
  await writeTransaction(async (tx) => {
    const before = await tx.user.findUniqueOrThrow({ where: { id: actor.id }, select: { calendarTokenHash: true } });
    await tx.user.update({ where: { id: actor.id }, data: { calendarTokenHash: hashFeedToken(token), calendarTokenAt: new Date() }, select: { id: true } });
    await recordAuditEvent(tx, {
      actor,
      action: "user.calendar_changed",
      entityType: "user",
      entityId: actor.id,
      changes: [{ field: "calendarFeed", from: before.calendarTokenHash ? "active" : null, to: before.calendarTokenHash ? "replaced" : "created" }],
      context,
    });
  });
  return { token };
}

export async function revokeCalendarFeed(actor: Actor, context: RequestContext) {
  return writeTransaction(async (tx) => {
    const before = await tx.user.findUniqueOrThrow({ where: { id: actor.id }, select: { calendarTokenHash: true } });
    if (!before.calendarTokenHash) return { changed: false };
    await tx.user.update({ where: { id: actor.id }, data: { calendarTokenHash: null, calendarTokenAt: null }, select: { id: true } });
    await recordAuditEvent(tx, {
      actor,
      action: "user.calendar_changed",
      entityType: "user",
      entityId: actor.id,
      changes: [{ field: "calendarFeed", from: "active", to: "revoked" }],
      context,
    });
    return { changed: true };
  });
}
