// Writes to users, each audited in the same transaction. Permission: admin only (checked by
// the caller's requireRole; the CLI acts as the operator), except the account page's functions at
// the end, which act on the signed-in user's own account only.
import type { z } from "zod";
import { readDb, writeTransaction, type Tx } from "~/db.server";
import { ConflictError, NotFoundError, RuleError, TooManyError } from "~/lib/errors";
import type { Role } from "~/modules/users/roles";
import { recordAuditEvent, recordStandaloneEvent, type AuditActor, type RequestContext } from "~/modules/audit/record.server";
import { hashPassword, verifyPassword } from "./password.server";
import { countWrongPassword, passwordCheckAllowance } from "./rate-limit.server";
import type { createUserSchema } from "./schemas";
import { msg } from "~/i18n/message";
import type { Locale } from "~/i18n/messages";

export async function createUser(actor: AuditActor, input: z.infer<typeof createUserSchema>, context: RequestContext) {
  const passwordHash = await hashPassword(input.password);
  return writeTransaction(async (tx) => {
    const exists = await tx.user.findUnique({ where: { email: input.email }, select: { id: true } });
    if (exists) throw new RuleError(msg("rule.emailTaken"), { status: 422, field: "email" });
    const user = await tx.user.create({
      data: { email: input.email, name: input.name, role: input.role, passwordHash },
      select: { id: true, email: true, role: true },
    });
    await recordAuditEvent(tx, {
      actor,
      action: "user.created",
      entityType: "user",
      entityId: user.id,
      changes: [
        { field: "email", from: null, to: user.email },
        { field: "role", from: null, to: user.role },
      ],
      context,
    });
    return user;
  });
}

export async function setLocale(actor: AuditActor & { id: string }, locale: Locale, context: RequestContext) {
  return writeTransaction(async (tx) => {
    const before = await tx.user.findUniqueOrThrow({ where: { id: actor.id }, select: { locale: true } });
    if (before.locale === locale) return;
    await tx.user.update({ where: { id: actor.id }, data: { locale }, select: { id: true } });
    await recordAuditEvent(tx, {
      actor,
      action: "user.locale_changed",
      entityType: "user",
      entityId: actor.id,
      changes: [{ field: "locale", from: before.locale, to: locale }],
      context,
    });
  });
}

type UserTarget = { userId: string; version: number };

/** Loads the user being changed, refusing stale forms and changes that would lock admins out. */
async function targetUser(tx: Tx, input: UserTarget) {
  const user = await tx.user.findUnique({
    where: { id: input.userId },
    select: { id: true, email: true, name: true, role: true, active: true, version: true },
  });
  if (!user) throw new NotFoundError(msg("what.user"));
  if (user.version !== input.version) throw new ConflictError(user);
  return user;
}

async function assertAnotherActiveAdmin(tx: Tx, exceptUserId: string) {
  const admins = await tx.user.count({ where: { role: "admin", active: true, id: { not: exceptUserId } } });
  if (admins === 0) throw new RuleError(msg("rule.lastAdmin"), { status: 409 });
}

export async function changeRole(actor: AuditActor, input: UserTarget & { role: Role }, context: RequestContext) {
  return writeTransaction(async (tx) => {
    const user = await targetUser(tx, input);
    if (user.role === input.role) return { changed: false };
    if (user.role === "admin") await assertAnotherActiveAdmin(tx, user.id);
    if (input.role === "viewer") {
      const owned = await tx.proposal.count({ where: { ownerId: user.id } });
      if (owned) throw new RuleError(msg("rule.ownsProposals", { name: user.name, count: owned }), { status: 409 });
    }
    await tx.user.update({ where: { id: user.id }, data: { role: input.role, version: { increment: 1 } }, select: { id: true } });
    await recordAuditEvent(tx, {
      actor,
      action: "user.role_changed",
      entityType: "user",
      entityId: user.id,
      changes: [{ field: "role", from: user.role, to: input.role }],
      reason: user.email,
      context,
    });
    return { changed: true };
  });
}

/** Deactivating ends every session of the user at once, in the same transaction. */
export async function setActive(actor: AuditActor, input: UserTarget & { active: boolean }, context: RequestContext) {
  return writeTransaction(async (tx) => {
    const user = await targetUser(tx, input);
    if (user.active === input.active) return { changed: false };
    if (!input.active && user.role === "admin") await assertAnotherActiveAdmin(tx, user.id);
    await tx.user.update({ where: { id: user.id }, data: { active: input.active, version: { increment: 1 } }, select: { id: true } });
    const ended = input.active ? 0 : (await tx.session.deleteMany({ where: { userId: user.id } })).count;
    await recordAuditEvent(tx, {
      actor,
      action: input.active ? "user.reactivated" : "user.deactivated",
      entityType: "user",
      entityId: user.id,
      changes: [{ field: "active", from: user.active, to: input.active }, ...(ended ? [{ field: "sessions", from: ended, to: 0 }] : [])],
      reason: user.email,
      context,
    });
    return { changed: true };
  });
}

/** Sets a new password (never recorded) and ends the user's sessions. */
export async function resetPassword(actor: AuditActor, input: UserTarget & { password: string }, context: RequestContext) {
  const passwordHash = await hashPassword(input.password);
  return writeTransaction(async (tx) => {
    const user = await targetUser(tx, input);
    await tx.user.update({ where: { id: user.id }, data: { passwordHash, version: { increment: 1 } }, select: { id: true } });
    const ended = (await tx.session.deleteMany({ where: { userId: user.id } })).count;
    await recordAuditEvent(tx, {
      actor,
      action: "user.password_reset",
      entityType: "user",
      entityId: user.id,
      changes: [{ field: "sessions", from: ended, to: 0 }],
      reason: user.email,
      context,
    });
    return { changed: true };
  });
}

export function listUsers() {
  return readDb.user.findMany({
    orderBy: [{ active: "desc" }, { name: "asc" }],
    select: {
      id: true,
      email: true,
      name: true,
      role: true,
      active: true,
      version: true,
      createdAt: true,
      _count: { select: { sessions: true, ownedProposals: true } },
    },
  });
}

// The account page (any signed-in user, on their own account only).

/** The user's sessions that have not expired, newest activity first. */
export function listOwnSessions(userId: string) {
  return readDb.session.findMany({
    where: { userId, expiresAt: { gt: new Date() } },
    orderBy: { lastSeenAt: "desc" },
    select: { id: true, createdAt: true, lastSeenAt: true, ipAddress: true, userAgent: true },
  });
}

/** A session named in the audit log by the start of its id (the token's hash): enough to tell it apart, useless to anyone. */
const sessionLabel = (id: string) => id.slice(0, 12);

type AccountActor = AuditActor & { id: string };

/**
 * Changes the user's own password: the current one must be right (wrong answers are limited per
 * user and recorded as security events); on success every other session of the user ends in the
 * same transaction, and `keepSessionId` (the one in use) stays.
 */
export async function changeOwnPassword(
  actor: AccountActor,
  input: { current: string; password: string },
  keepSessionId: string | null,
  context: RequestContext,
) {
  const allowance = await passwordCheckAllowance(actor.id);
  if (!allowance.ok) throw new TooManyError(msg("account.tooMany", { seconds: allowance.retryAfterSeconds }), allowance.retryAfterSeconds);
  const user = await readDb.user.findUnique({ where: { id: actor.id }, select: { passwordHash: true, version: true } });
  if (!user) throw new NotFoundError(msg("what.user"));
  if (!(await verifyPassword(user.passwordHash, input.current))) {
    await countWrongPassword(actor.id);
    // A security event of its own: the refused change wrote nothing, and uses up no form submission.
    await recordStandaloneEvent({
      actor,
      action: "auth.password_check_failed",
      entityType: "user",
      entityId: actor.id,
      reason: "wrong current password",
      context: { requestId: context.requestId, ip: context.ip },
    });
    throw new RuleError(msg("account.wrongCurrent"), { status: 400, field: "current" });
  }
  if (input.current === input.password) throw new RuleError(msg("account.samePassword"), { status: 422, field: "password" });
  const passwordHash = await hashPassword(input.password);
  return writeTransaction(async (tx) => {
    // Changed meanwhile (another tab, an admin's reset): the current password checked above may be stale.
    const now = await tx.user.findUniqueOrThrow({ where: { id: actor.id }, select: { version: true } });
    if (now.version !== user.version) throw new RuleError(msg("account.changedMeanwhile"), { status: 409 });
    await tx.user.update({ where: { id: actor.id }, data: { passwordHash, version: { increment: 1 } }, select: { id: true } });
    const ended = (await tx.session.deleteMany({ where: { userId: actor.id, ...(keepSessionId ? { id: { not: keepSessionId } } : {}) } })).count;
    await recordAuditEvent(tx, {
      actor,
      action: "user.password_changed",
      entityType: "user",
      entityId: actor.id,
      changes: [{ field: "otherSessions", from: ended, to: 0 }],
      context,
    });
    return { ended };
  });
}

/** Ends one of the user's own sessions (not the one in use: that is what signing out is for). */
export async function endOwnSession(actor: AccountActor, sessionId: string, currentId: string | null, context: RequestContext) {
  if (sessionId === currentId) throw new RuleError(msg("account.endCurrent"), { status: 422 });
  return writeTransaction(async (tx) => {
    const ended = await tx.session.deleteMany({ where: { id: sessionId, userId: actor.id } });
    // Someone else's session, or one already gone, is the same answer: nothing of yours to end.
    if (!ended.count) throw new RuleError(msg("account.sessionGone"), { status: 409 });
    await recordAuditEvent(tx, {
      actor,
      action: "auth.session_ended",
      entityType: "session",
      entityId: sessionLabel(sessionId),
      changes: [{ field: "sessions", from: 1, to: 0 }],
      reason: "ended by the user on the account page",
      context,
    });
    return { ended: ended.count };
  });
}

/** Ends every session of the user but the one in use. */
export async function endOtherSessions(actor: AccountActor, currentId: string | null, context: RequestContext) {
  return writeTransaction(async (tx) => {
    const ended = (await tx.session.deleteMany({ where: { userId: actor.id, ...(currentId ? { id: { not: currentId } } : {}) } })).count;
    if (!ended) return { ended };
    await recordAuditEvent(tx, {
      actor,
      action: "auth.session_ended",
      entityType: "user",
      entityId: actor.id,
      changes: [{ field: "otherSessions", from: ended, to: 0 }],
      reason: "other sessions ended by the user on the account page",
      context,
    });
    return { ended };
  });
}
