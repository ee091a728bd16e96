// Server-side sessions: the cookie holds a random 256-bit token; the database holds only its
// SHA-256, the user and the expiry. Sign-out deletes the row, so the cookie dies with it.
import { sha256Hex } from "~/lib/hash.server";
import { createCookie, redirect, type AppLoadContext } from "@remix-run/node";
import { randomBytes } from "node:crypto";
import { cookieSecure, env } from "~/config/env.server";
import { DatabaseBusyError, rawRead, readDb, writeTransaction } from "~/db.server";
import { answer, rethrowAsResponse } from "~/lib/http.server";
import { requestContext } from "~/lib/request-context.server";
import { setCookieOnResponse } from "~/lib/request-scope.server";
import { StorageError } from "~/lib/storage.server";
import { recordRefusal } from "~/modules/audit/record.server";
import { column, rowParser } from "~/lib/sql-rows.server";
import { ROLES, roleAtLeast } from "~/modules/users/roles";
import type { Role } from "~/modules/users/roles";
import { msg } from "~/i18n/message";

export const SESSION_COOKIE_NAME = cookieSecure ? "__Host-st_session" : "st_session";
const IDLE_MS = env.SESSION_IDLE_MINUTES * 60_000;
/**
 * lastSeenAt, and with it the expiry and the cookie's Max-Age, is refreshed at most this often
 * (once a minute, or a quarter of a very short idle limit), so reads do not each become a write.
 */
const TOUCH_EVERY_MS = Math.min(60_000, IDLE_MS / 4);

const sessionCookie = createCookie(SESSION_COOKIE_NAME, {
  httpOnly: true,
  sameSite: "lax",
  secure: cookieSecure,
  path: "/",
});

export type SessionUser = { id: string; email: string; name: string; role: Role; locale: string };

const tokenHash = sha256Hex;

export async function createUserSession(userId: string, request: Request, ip: string): Promise<string> {
  const token = randomBytes(32).toString("base64url");
  const now = new Date();
  await writeTransaction((tx) =>
    tx.session.create({
      data: {
        id: tokenHash(token),
        userId,
        createdAt: now,
        lastSeenAt: now,
        expiresAt: new Date(now.getTime() + IDLE_MS),
        ipAddress: ip.slice(0, 64),
        userAgent: (request.headers.get("User-Agent") ?? "").slice(0, 256),
      },
      select: { id: true },
    }),
  );
  return sessionCookieFor(token);
}

const sessionCookieFor = (token: string) => sessionCookie.serialize(token, { maxAge: Math.max(1, Math.floor(IDLE_MS / 1000)) });

async function sessionToken(request: Request): Promise<string | null> {
  const value = await sessionCookie.parse(request.headers.get("Cookie"));
  return typeof value === "string" && value.length >= 32 && value.length <= 64 ? value : null;
}

// Root and route loaders of one request both ask; the answer is looked up once per request.
const perRequest = new WeakMap<Request, Promise<SessionUser | null>>();

/** The signed-in, active user, or null. Expired sessions count as none. */
export function getSessionUser(request: Request): Promise<SessionUser | null> {
  let pending = perRequest.get(request);
  if (!pending) {
    // A database that cannot even be read (opened on a full disk) answers 503 in words, not 500.
    pending = lookUpSessionUser(request).catch(rethrowAsResponse);
    perRequest.set(request, pending);
  }
  return pending;
}

const sessionRow = rowParser("session", {
  expiresAt: column.date,
  lastSeenAt: column.date,
  id: column.text,
  email: column.text,
  name: column.text,
  role: column.oneOf(ROLES),
  locale: column.text,
  active: column.bool,
});

// Every signed-in request asks this first: one statement (prepared once on SQLite's bare read connection)
// (Prisma sent two, session then user, and cost more than the page's own list query).
const SESSION_SQL = `SELECT s."expiresAt", s."lastSeenAt", u."id", u."email", u."name", u."role", u."locale", u."active"
  FROM "Session" s JOIN "User" u ON u."id" = s."userId" WHERE s."id" = ?`;

async function lookUpSessionUser(request: Request): Promise<SessionUser | null> {
  const token = await sessionToken(request);
  if (!token) return null;
  const id = tokenHash(token);
  const [session] = sessionRow.rows(await rawRead(SESSION_SQL, [id]));
  const now = Date.now();
  if (!session || session.expiresAt.getTime() <= now || !session.active) return null;
  if (now - session.lastSeenAt.getTime() > TOUCH_EVERY_MS) {
    // Bookkeeping, not data: it never waits for a lock or a queue. If the database is busy, or
    // cannot store anything (a full disk), the page still answers at once, and a later request
    // refreshes the expiry instead.
    const touched = await writeTransaction(
      (tx) => tx.session.updateMany({ where: { id }, data: { lastSeenAt: new Date(now), expiresAt: new Date(now + IDLE_MS) } }),
      { opportunistic: true },
    ).catch((error: unknown) => {
      if (!(error instanceof DatabaseBusyError || error instanceof StorageError)) throw error;
      return null;
    });
    // The browser's copy of the cookie expires with the session, so it is renewed with it: an
    // active user is never signed out by a Max-Age set once at sign-in.
    if (touched?.count) setCookieOnResponse(await sessionCookieFor(token));
  }
  return { id: session.id, email: session.email, name: session.name, role: session.role, locale: session.locale };
}

/**
 * The language of whoever holds this cookie, for answers made before the app runs (server.js's
 * refusals): read-only, no renewal, and null for no session or a database that cannot answer.
 */
export async function sessionLocale(cookieHeader: string | undefined): Promise<string | null> {
  try {
    const value = await sessionCookie.parse(cookieHeader ?? null);
    if (typeof value !== "string" || value.length < 32 || value.length > 64) return null;
    const session = await readDb.session.findUnique({
      where: { id: tokenHash(value) },
      select: { expiresAt: true, user: { select: { locale: true, active: true } } },
    });
    return session && session.expiresAt.getTime() > Date.now() && session.user.active ? session.user.locale : null;
  } catch {
    return null;
  }
}

/** The id (the token's hash) of the session this request carries, or null; for "this session" on the account page. */
export async function currentSessionId(request: Request): Promise<string | null> {
  const token = await sessionToken(request);
  return token ? tokenHash(token) : null;
}

export async function destroySession(request: Request): Promise<string> {
  const token = await sessionToken(request);
  if (token) await writeTransaction((tx) => tx.session.deleteMany({ where: { id: tokenHash(token) } }));
  return sessionCookie.serialize("", { maxAge: 0 });
}

/** The signed-in user, or a redirect to /login that comes back here afterwards. */
export async function requireUser(request: Request): Promise<SessionUser> {
  const user = await getSessionUser(request);
  if (user) return user;
  const url = new URL(request.url);
  const back = url.pathname + url.search;
  throw redirect(`/login?redirectTo=${encodeURIComponent(back)}`);
}

/**
 * The signed-in user if their role is at least `least`, else 403. A refused action (any
 * non-GET) is recorded as a security event; a refused page view is not, so that no GET ever
 * writes and reloading a forbidden page cannot flood the log.
 */
export async function requireRole(request: Request, context: AppLoadContext, least: Role): Promise<SessionUser> {
  const user = await requireUser(request);
  if (!roleAtLeast(user.role, least)) {
    if (request.method !== "GET" && request.method !== "HEAD") {
      const path = new URL(request.url).pathname;
      await recordRefusal({ id: user.id, name: user.name, role: user.role }, requestContext(context), `requires role ${least}`, {
        entityType: "session",
        entityId: path,
        attempted: `${request.method} ${path}`,
      }).catch(rethrowAsResponse);
    }
    throw answer(403, msg("error.needsRole", { least: msg(`role.${least}`), role: msg(`role.${user.role}`) }));
  }
  return user;
}
