// The account page's services (issue 12 item 11): a password change needs the current password,
// ends the user's other sessions and keeps this one; sessions are listed and ended one by one or
// all but this one; everything is audited, and wrong current passwords are limited.
import { beforeAll, describe, expect, it } from "vitest";
import { readDb } from "~/db.server";
import { RuleError, TooManyError } from "~/lib/errors";
import { verifyPassword } from "~/modules/users/password.server";
import { changeOwnPassword, endOtherSessions, endOwnSession, listOwnSessions } from "~/modules/users/service.server";
import { createUserSession, currentSessionId, getSessionUser } from "~/modules/users/session.server";
import { seedDemoData } from "../../prisma/seed";
import { actor, ctx } from "../support/factories";

beforeAll(() => seedDemoData({ quiet: true }));

/** A fresh sign-in of `email`: the request its browser would send next, and that session's id. */
async function signIn(email: string, agent = "Test browser") {
  const user = await actor(email);
  const setCookie = await createUserSession(user.id, new Request("http://localhost/login", { headers: { "User-Agent": agent } }), "10.0.0.7");
  const cookie = setCookie.split(";")[0];
  const request = () => new Request("http://localhost/account", { headers: { Cookie: cookie } });
  return { user, request, id: (await currentSessionId(request()))! };
}

const lastEvent = (entityId?: string) => readDb.auditEvent.findFirstOrThrow({ where: entityId ? { entityId } : {}, orderBy: { seq: "desc" } });

describe("changing one's own password", () => {
  it("needs the current password, ends every other session, keeps this one, and is audited", async () => {
    const here = await signIn("analyst2@example.org", "Here");
    const phone = await signIn("analyst2@example.org", "Phone");
    const laptop = await signIn("analyst2@example.org", "Laptop");
    const other = await signIn("analyst@example.org");
    const me = here.user;

    const wrong = await changeOwnPassword(me, { current: "not-my-password", password: "a-brand-new-password" }, here.id, ctx).catch((e) => e);
    expect(wrong).toBeInstanceOf(RuleError);
    expect((wrong as RuleError).field).toBe("current");
    expect(await lastEvent(me.id)).toMatchObject({ action: "auth.password_check_failed", actorId: me.id });
    expect(await getSessionUser(phone.request())).not.toBeNull();

    const result = await changeOwnPassword(me, { current: "summit-demo", password: "a-brand-new-password" }, here.id, ctx);
    expect(result).toEqual({ ended: 2 });
    expect((await getSessionUser(here.request()))?.id).toBe(me.id);
    expect(await getSessionUser(phone.request())).toBeNull();
    expect(await getSessionUser(laptop.request())).toBeNull();
    // Someone else's sessions are not touched.
    expect(await getSessionUser(other.request())).not.toBeNull();
    const row = await readDb.user.findUniqueOrThrow({ where: { id: me.id }, select: { passwordHash: true } });
    expect(await verifyPassword(row.passwordHash, "a-brand-new-password")).toBe(true);
    const event = await lastEvent(me.id);
    expect(event).toMatchObject({ action: "user.password_changed", entityType: "user", actorId: me.id });
    expect(JSON.parse(event.changes)).toEqual([{ field: "otherSessions", from: 2, to: 0 }]);
    // The password itself is recorded nowhere.
    expect(JSON.stringify(event)).not.toContain("a-brand-new-password");
  });

  it("refuses a new password equal to the current one", async () => {
    const here = await signIn("manager@example.org");
    const error = await changeOwnPassword(here.user, { current: "summit-demo", password: "summit-demo" }, here.id, ctx).catch((e) => e);
    expect(error).toBeInstanceOf(RuleError);
    expect((error as RuleError).field).toBe("password");
  });

  it("limits wrong current passwords per user (then 429 even with the right one)", async () => {
    const here = await signIn("viewer@example.org");
    for (let i = 0; i < 5; i++) {
      await expect(changeOwnPassword(here.user, { current: `wrong-${i}`, password: "another-new-password" }, here.id, ctx)).rejects.toBeInstanceOf(RuleError);
    }
    const limited = await changeOwnPassword(here.user, { current: "summit-demo", password: "another-new-password" }, here.id, ctx).catch((e) => e);
    expect(limited).toBeInstanceOf(TooManyError);
    expect((limited as TooManyError).retryAfterSeconds).toBeGreaterThan(0);
    const row = await readDb.user.findUniqueOrThrow({ where: { id: here.user.id }, select: { passwordHash: true } });
    expect(await verifyPassword(row.passwordHash, "summit-demo")).toBe(true);
  });
});

describe("one's own sessions", () => {
  it("are listed, and ended one at a time (never another user's, never this one) or all but this one", async () => {
    const here = await signIn("admin@example.org", "Here");
    const tablet = await signIn("admin@example.org", "Tablet");
    const desk = await signIn("admin@example.org", "Desk");
    const stranger = await signIn("analyst@example.org");
    const me = here.user;

    const listed = await listOwnSessions(me.id);
    expect(listed.map((s) => s.id)).toEqual(expect.arrayContaining([here.id, tablet.id, desk.id]));
    expect(listed.find((s) => s.id === tablet.id)).toMatchObject({ userAgent: "Tablet", ipAddress: "10.0.0.7" });
    expect(listed.some((s) => s.id === stranger.id)).toBe(false);

    await expect(endOwnSession(me, here.id, here.id, ctx)).rejects.toBeInstanceOf(RuleError);
    await expect(endOwnSession(me, stranger.id, here.id, ctx)).rejects.toBeInstanceOf(RuleError);
    expect(await getSessionUser(stranger.request())).not.toBeNull();

    await endOwnSession(me, tablet.id, here.id, ctx);
    expect(await getSessionUser(tablet.request())).toBeNull();
    expect(await getSessionUser(desk.request())).not.toBeNull();
    expect(await lastEvent(tablet.id.slice(0, 12))).toMatchObject({ action: "auth.session_ended", entityType: "session", actorId: me.id });
    // Ending it again: nothing of yours to end.
    await expect(endOwnSession(me, tablet.id, here.id, ctx)).rejects.toBeInstanceOf(RuleError);

    const others = await endOtherSessions(me, here.id, ctx);
    expect(others.ended).toBeGreaterThanOrEqual(1);
    expect(await getSessionUser(desk.request())).toBeNull();
    expect((await getSessionUser(here.request()))?.id).toBe(me.id);
    expect(await getSessionUser(stranger.request())).not.toBeNull();
    const event = await lastEvent(me.id);
    expect(event).toMatchObject({ action: "auth.session_ended", entityType: "user" });
    expect(JSON.parse(event.changes)).toEqual([{ field: "otherSessions", from: others.ended, to: 0 }]);
    expect(await listOwnSessions(me.id)).toHaveLength(1);
  });
});
