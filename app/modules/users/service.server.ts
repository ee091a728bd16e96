// Writes to users, each audited in the same transaction. Permission: admin only (checked by
// the caller's requireRole; the CLI acts as the operator).
import type { z } from "zod";
import { writeTransaction } from "~/db.server";
import { RuleError } from "~/lib/errors";
import { recordAuditEvent, type AuditActor, type RequestContext } from "~/modules/audit/record.server";
import { hashPassword } from "./password.server";
import type { createUserSchema } from "./schemas";

export async function createUser(actor: AuditActor, input: z.infer<typeof createUserSchema>, context: RequestContext) {
  const passwordHash = await hashPassword(input.password);
  return writeTransaction(async (tx) => {
    const exists = await tx.user.findUnique({ where: { email: input.email }, select: { id: true } });
    if (exists) throw new RuleError("A user with this email already exists.", { status: 422, field: "email" });
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

export async function setLocale(actor: AuditActor & { id: string }, locale: "en" | "ru", context: RequestContext) {
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
