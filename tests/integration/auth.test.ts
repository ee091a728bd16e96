import { beforeAll, describe, expect, it } from "vitest";
import { readDb } from "~/db.server";
import { authenticate } from "~/modules/users/auth.server";
import { setActive } from "~/modules/users/service.server";
import { seedDemoData, DEMO_PASSWORD } from "../../prisma/seed";
import { actor, ctx } from "../support/factories";

beforeAll(() => seedDemoData({ quiet: true }));

describe("sign-in", () => {
  it.each(["admin", "manager", "analyst", "analyst2", "viewer"])("accepts the %s demo account", async (who) => {
    const result = await authenticate(`${who}@example.org`, DEMO_PASSWORD, { requestId: "t" });
    expect(result.ok).toBe(true);
  });

  it("refuses a wrong password and an unknown account alike, and records both", async () => {
    const before = await readDb.auditEvent.count({ where: { action: "auth.login_failed" } });
    expect(await authenticate("analyst@example.org", "wrong-password", { requestId: "t" })).toEqual({ ok: false });
    expect(await authenticate("nobody@example.org", DEMO_PASSWORD, { requestId: "t" })).toEqual({ ok: false });
    const events = await readDb.auditEvent.findMany({ where: { action: "auth.login_failed" }, select: { reason: true, changes: true } });
    expect(events.length - before).toBe(2);
    expect(events.map((e) => e.reason)).toEqual(expect.arrayContaining(["wrong password", "unknown account"]));
    // The password never reaches the log.
    for (const e of events) expect(e.changes).not.toContain("wrong-password");
  });

  it("refuses a deactivated account", async () => {
    // Deactivated the way an admin does it: through the audited service on the write connection.
    const viewer = await readDb.user.findUniqueOrThrow({ where: { email: "viewer@example.org" }, select: { id: true, version: true } });
    await setActive(await actor("admin@example.org"), { userId: viewer.id, version: viewer.version, active: false }, ctx);
    expect(await authenticate("viewer@example.org", DEMO_PASSWORD, { requestId: "t" })).toEqual({ ok: false });
    const last = await readDb.auditEvent.findFirstOrThrow({
      where: { action: "auth.login_failed", entityId: viewer.id },
      orderBy: { seq: "desc" },
      select: { reason: true },
    });
    expect(last.reason).toBe("account deactivated");
  });
});
