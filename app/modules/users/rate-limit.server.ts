// Sign-in attempts are limited per client address and per account (docs/security.md). The
// address is the socket's unless TRUST_PROXY is set, so a forged X-Forwarded-For header does not
// give an attacker a fresh allowance.
// The counts live in the database (the RateLimit table, rate-limiter-flexible's RateLimiterPrisma
// store), so several app processes share one allowance (docs/decisions/019-several-processes.md).
// The store's writes go through writeTransaction like every other write: on SQLite they queue
// behind this process's writer and take the file lock up front, on PostgreSQL the write lock.
// A storage fault or a lock time-out is thrown as such (503): no limiter answers "allowed" when
// the database cannot say, and a sign-in could not start a session then anyway.
import { sha256Hex } from "~/lib/hash.server";
import { RateLimiterPrisma, RateLimiterRes } from "rate-limiter-flexible";
import type { Prisma } from "@prisma/client";
import { env } from "~/config/env.server";
import { readDb, writeTransaction } from "~/db.server";

/**
 * The Prisma client RateLimiterPrisma is given: just the RateLimit model's delegate, whose reads
 * run on the read connection and whose writes each run in a write transaction of their own.
 */
const storeClient = {
  rateLimit: {
    findFirst: (args: Prisma.RateLimitFindFirstArgs) => readDb.rateLimit.findFirst(args),
    upsert: (args: Prisma.RateLimitUpsertArgs) => writeTransaction((tx) => tx.rateLimit.upsert(args)),
    // Usually deletes nothing (no expired row), so it commits even on a full disk: not proof the
    // database stores again (decision 010), unlike the upsert, which always writes.
    deleteMany: (args: Prisma.RateLimitDeleteManyArgs) => writeTransaction((tx) => tx.rateLimit.deleteMany(args), { provesStorage: false }),
  },
};

/**
 * A limiter of `points` per `duration` seconds on the shared store. Once a key is spent, this
 * process refuses it for the rest of the store's window without asking the store again
 * (inMemoryBlockOnConsumed): that only repeats the store's own refusal, and spares the database
 * a write for every request of a flood.
 */
function sharedLimiter(keyPrefix: string, points: number, duration: number) {
  return new RateLimiterPrisma({ storeClient, tableName: "rateLimit", keyPrefix, points, duration, inMemoryBlockOnConsumed: points + 1 });
}

/** What a key is stored as: a digest, so the table never holds a typed email (or a NUL PostgreSQL refuses). */
const digest = sha256Hex;

const perIp = sharedLimiter("signin-ip", env.SIGNIN_LIMIT_PER_IP, 60);
const perAccount = sharedLimiter("signin-account", env.SIGNIN_LIMIT_PER_ACCOUNT, 60);

const verifyPerUser = sharedLimiter("audit-verify", env.AUDIT_VERIFY_LIMIT_PER_USER, 600);

// Wrong current passwords on the account page, per user: a stolen session cannot be used to guess
// the password at speed. Only wrong answers count.
const passwordChecksPerUser = sharedLimiter("password-check", 5, 15 * 60);

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
  return allowance(await Promise.allSettled([perIp.consume(digest(ip || "unknown")), perAccount.consume(digest(email.trim().toLowerCase() || "(empty)"))]));
}

/** Counts one request for an audit chain verification against the user's allowance. */
export async function consumeVerification(userId: string): Promise<Allowance> {
  return allowance(await Promise.allSettled([verifyPerUser.consume(digest(userId))]));
}

/** Whether the user may try their current password now (fewer than five wrong answers in 15 minutes). */
export async function passwordCheckAllowance(userId: string): Promise<Allowance> {
  const spent = await passwordChecksPerUser.get(digest(userId));
  if (!spent || spent.remainingPoints > 0) return { ok: true };
  return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(spent.msBeforeNext / 1000)) };
}

/** Counts one wrong current password against the user's allowance. */
export async function countWrongPassword(userId: string): Promise<void> {
  await passwordChecksPerUser.consume(digest(userId)).catch((reason: unknown) => {
    if (!(reason instanceof RateLimiterRes)) throw reason;
  });
}
