import { beforeAll, describe, expect, it } from "vitest";
import { readDb } from "~/db.server";
import { authenticate } from "~/modules/users/auth.server";
import { seedDemoData, DEMO_PASSWORD } from "../../prisma/seed";

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
    await readDb.$executeRaw`UPDATE User SET active = 0 WHERE email = 'viewer@example.org'`;
    expect(await authenticate("viewer@example.org", DEMO_PASSWORD, { requestId: "t" })).toEqual({ ok: false });
  });
});
