// Signed links in e-mail (issue 17): an unsubscribe link works without signing in, so it carries
// the user's id and an HMAC of it under a key only the server has. The key is MAIL_SECRET, or
// one the app makes once and keeps in the database ("AppSecret"), so that every process and every
// restart agrees and a link mailed last month still works.
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { env } from "~/config/env.server";
import { readDb, writeTransaction, type Tx } from "~/db.server";

const KEY_NAME = "mail-signing-key";
let cachedKey: string | null = env.MAIL_SECRET ?? null;

/**
 * The signing key, made and stored on first use, in the transaction of the mail that first needs
 * it. It is cached once it has been read back committed, never on creation: a transaction that
 * rolls back takes the key with it, and the mail signed with it too.
 */
export async function signingKey(tx?: Tx): Promise<string> {
  if (cachedKey) return cachedKey;
  if (!tx) return writeTransaction((t) => signingKey(t));
  const stored = await tx.appSecret.findUnique({ where: { name: KEY_NAME }, select: { value: true } });
  if (stored) return stored.value;
  const value = randomBytes(32).toString("base64url");
  await tx.appSecret.create({ data: { name: KEY_NAME, value }, select: { name: true } });
  return value;
}

/** The key as stored, or null when none was ever made (then no link was ever signed). Writes nothing. */
async function storedKey(): Promise<string | null> {
  if (cachedKey) return cachedKey;
  const stored = await readDb.appSecret.findUnique({ where: { name: KEY_NAME }, select: { value: true } });
  if (stored) cachedKey = stored.value;
  return stored?.value ?? null;
}

/** Forgets the cached key (tests that start from an empty database). */
export function forgetSigningKey() {
  cachedKey = env.MAIL_SECRET ?? null;
}

const sign = (key: string, purpose: string, userId: string) => createHmac("sha256", key).update(`${purpose}\0${userId}`).digest("base64url");

/** A token that lets its holder turn off e-mail for `userId`, and nothing else. */
export async function unsubscribeToken(userId: string, tx?: Tx): Promise<string> {
  return `${userId}.${sign(await signingKey(tx), "unsubscribe", userId)}`;
}

/** The user id an unsubscribe token was made for, or null when it is not one of ours. */
export async function verifyUnsubscribeToken(token: string): Promise<string | null> {
  const m = /^([A-Za-z0-9_-]{1,64})\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!m) return null;
  const key = await storedKey();
  if (!key) return null;
  const expected = Buffer.from(sign(key, "unsubscribe", m[1]));
  const given = Buffer.from(m[2]);
  return expected.length === given.length && timingSafeEqual(expected, given) ? m[1] : null;
}

/** Where people reach the app: links in e-mail and the calendar feed start with it. */
export function appUrl(): string {
  return (env.APP_URL ?? `http://localhost:${env.PORT}`).replace(/\/+$/, "");
}
