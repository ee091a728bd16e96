// Sign-in attempts are limited per client address and per account (docs/security.md). The
// address is the socket's unless TRUST_PROXY is set, so a forged X-Forwarded-For header does not
// give an attacker a fresh allowance. State is per process (one server process is the design).
import { RateLimiterMemory, RateLimiterRes } from "rate-limiter-flexible";
import { env } from "~/config/env.server";

const perIp = new RateLimiterMemory({ keyPrefix: "signin-ip", points: env.SIGNIN_LIMIT_PER_IP, duration: 60 });
const perAccount = new RateLimiterMemory({ keyPrefix: "signin-account", points: env.SIGNIN_LIMIT_PER_ACCOUNT, duration: 60 });

const verifyPerUser = new RateLimiterMemory({ keyPrefix: "audit-verify", points: env.AUDIT_VERIFY_LIMIT_PER_USER, duration: 600 });

// Wrong current passwords on the account page, per user: a stolen session cannot be used to guess
// the password at speed. Only wrong answers count.
const passwordChecksPerUser = new RateLimiterMemory({ keyPrefix: "password-check", points: 5, duration: 15 * 60 });

export type Allowance = { ok: true } | { ok: false; retryAfterSeconds: number };

/** Refused limits as an allowance: the longest wait of the refused ones. */
function allowance(results: PromiseSettledResult<unknown>[]): Allowance {
  const refused = results.filter((r): r is PromiseRejectedResult => r.status === "rejected").map((r) => r.reason);
  if (!refused.length) return { ok: true };
  for (const reason of refused) if (!(reason instanceof RateLimiterRes)) throw reason;
  const wait = Math.max(...refused.map((r: RateLimiterRes) => Math.ceil(r.msBeforeNext / 1000)));
  return { ok: false, retryAfterSeconds: Math.max(1, wait) };
}

/** Counts one attempt against both the address and the account; refused if either is spent. */
export async function consumeSignInAttempt(ip: string, email: string): Promise<Allowance> {
  return allowance(await Promise.allSettled([perIp.consume(ip || "unknown"), perAccount.consume(email.trim().toLowerCase() || "(empty)")]));
}

/** Counts one request for an audit chain verification against the user's allowance. */
export async function consumeVerification(userId: string): Promise<Allowance> {
  return allowance(await Promise.allSettled([verifyPerUser.consume(userId)]));
}

/** Whether the user may try their current password now (fewer than five wrong answers in 15 minutes). */
export async function passwordCheckAllowance(userId: string): Promise<Allowance> {
  const spent = await passwordChecksPerUser.get(userId);
  if (!spent || spent.remainingPoints > 0) return { ok: true };
  return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(spent.msBeforeNext / 1000)) };
}

/** Counts one wrong current password against the user's allowance. */
export async function countWrongPassword(userId: string): Promise<void> {
  await passwordChecksPerUser.consume(userId).catch((reason: unknown) => {
    if (!(reason instanceof RateLimiterRes)) throw reason;
  });
}
