import { beforeAll, describe, expect, it } from "vitest";
import { readDb } from "~/db.server";
import { createUserSession, destroySession, getSessionUser, SESSION_COOKIE_NAME } from "~/modules/users/session.server";
import { setActive } from "~/modules/users/service.server";
import { seedDemoData } from "../../prisma/seed";
import { actor, ctx } from "../support/factories";
import { sqlRun } from "../support/sql";

beforeAll(() => seedDemoData({ quiet: true }));

/** A request carrying the cookie a sign-in would have set. */
async function signedIn(email: string) {
  const user = await actor(email);
  const setCookie = await createUserSession(user.id, new Request("http://localhost/login"), "127.0.0.1");
  const cookie = setCookie.split(";")[0];
  // A new Request each time, as each page view is (the session is looked up once per request).
  return {
    user,
    cookie,
    get request() {
      return new Request("http://localhost/dashboard", { headers: { Cookie: cookie } });
    },
  };
}

describe("sessions", () => {
  it("use a random token of 256 bits and store only its hash", async () => {
    const { cookie, user } = await signedIn("viewer@example.org");
    expect(cookie.startsWith(`${SESSION_COOKIE_NAME}=`)).toBe(true);
    const rows = await readDb.session.findMany({ where: { userId: user.id }, select: { id: true } });
    const token = JSON.parse(Buffer.from(decodeURIComponent(cookie.split("=")[1]), "base64").toString("utf8")) as string;
    expect(Buffer.from(token, "base64url").length).toBe(32);
    expect(rows.some((r) => r.id === token)).toBe(false);
    expect(rows.every((r) => /^[0-9a-f]{64}$/.test(r.id))).toBe(true);
  });

  it("expire after inactivity", async () => {
    const s = await signedIn("analyst@example.org");
    const user = s.user;
    expect((await getSessionUser(s.request))?.id).toBe(user.id);
    await sqlRun(`UPDATE "Session" SET "expiresAt" = ? WHERE "userId" = ?`, new Date(Date.now() - 1000), user.id);
    expect(await getSessionUser(s.request)).toBeNull();
  });

  it("end at sign-out, and for a deactivated user at once", async () => {
    const a = await signedIn("analyst2@example.org");
    await destroySession(a.request);
    expect(await getSessionUser(a.request)).toBeNull();

    const b = await signedIn("analyst2@example.org");
    expect(await getSessionUser(b.request)).not.toBeNull();
    const admin = await actor("admin@example.org");
    const target = await readDb.user.findUniqueOrThrow({ where: { id: b.user.id }, select: { version: true } });
    await setActive(admin, { userId: b.user.id, version: target.version, active: false }, ctx);
    expect(await getSessionUser(b.request)).toBeNull();
    expect(await readDb.session.count({ where: { userId: b.user.id } })).toBe(0);
  });

  it("ignore malformed and unknown cookies", async () => {
    for (const value of ["", "x", "%%%", Buffer.from('"' + "a".repeat(43) + '"').toString("base64")]) {
      const request = new Request("http://localhost/", { headers: { Cookie: `${SESSION_COOKIE_NAME}=${value}` } });
      expect(await getSessionUser(request)).toBeNull();
    }
  });
});
