import { readDb } from "~/db.server";
import { recordStandaloneEvent, type RequestContext } from "~/modules/audit/record.server";
import { verifyDecoy, verifyPassword } from "./password.server";

export type SignInResult = { ok: true; userId: string } | { ok: false };

/**
 * Checks credentials and records the attempt. The answer to a caller is the same whether the
 * account is unknown, inactive or the password is wrong, and takes the same time.
 */
export async function authenticate(emailInput: string, password: string, context: RequestContext): Promise<SignInResult> {
  const email = emailInput.trim().toLowerCase();
  const user = await readDb.user.findUnique({
    where: { email },
    select: { id: true, name: true, role: true, passwordHash: true, active: true },
  });
  const valid = user ? await verifyPassword(user.passwordHash, password) : (await verifyDecoy(password), false);
  if (user && valid && user.active) {
    await recordStandaloneEvent({
      actor: { id: user.id, name: user.name, role: user.role },
      action: "auth.login",
      entityType: "user",
      entityId: user.id,
      context,
    });
    return { ok: true, userId: user.id };
  }
  await recordStandaloneEvent({
    actor: user ? { id: user.id, name: user.name, role: user.role } : { id: null, name: "(unknown)", role: "anonymous" },
    action: "auth.login_failed",
    entityType: "user",
    entityId: user?.id ?? "unknown",
    // The attempted address is recorded for unknown accounts so an operator can see guessing;
    // the password never is.
    changes: [{ field: "email", from: null, to: email.slice(0, 254) }],
    reason: !user ? "unknown account" : !valid ? "wrong password" : "account deactivated",
    context,
  });
  return { ok: false };
}
