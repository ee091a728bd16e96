// Saved views and bulk actions on the proposals list (issue 12 items 9 and 10), through the real
// services on a real migrated database.
import { beforeAll, describe, expect, it } from "vitest";
import { readDb } from "~/db.server";
import { ForbiddenError, RuleError } from "~/lib/errors";
import { deleteView, listViews, saveView } from "~/modules/views/service.server";
import { seedDemoData } from "../../prisma/seed";
import { actor, ctx } from "../support/factories";

beforeAll(() => seedDemoData({ quiet: true }));

const eventsFor = (entityId: string) => readDb.auditEvent.findMany({ where: { entityId }, orderBy: { seq: "asc" } });

describe("saved views", () => {
  it("keep only the list's filters and sort, in one order; private ones are seen by their owner alone, shared ones by everyone", async () => {
    const analyst = await actor("analyst@example.org");
    const analyst2 = await actor("analyst2@example.org");
    const viewer = await actor("viewer@example.org");
    const mine = await saveView(analyst, { name: "My risky ones", query: "page=3&bogus=1&health=at_risk&sort=reference&q=", shared: false }, ctx);
    expect(mine.query).toBe("health=at_risk");
    const shared = await saveView(analyst2, { name: "Digital, by progress", query: "?dir=desc&sort=progress&area=digital", shared: true }, ctx);
    expect(shared.query).toBe("area=digital&sort=progress&dir=desc");

    const names = async (id: string) => (await listViews(id)).map((v) => v.name);
    expect(await names(analyst.id)).toEqual(expect.arrayContaining(["My risky ones", "Digital, by progress"]));
    expect(await names(analyst2.id)).toContain("Digital, by progress");
    expect(await names(analyst2.id)).not.toContain("My risky ones");
    expect(await names(viewer.id)).toEqual(["Digital, by progress"]);

    const [created] = await eventsFor(mine.id);
    expect(created).toMatchObject({ action: "view.created", entityType: "view", actorId: analyst.id });
    expect(JSON.parse(created.changes)).toContainEqual({ field: "query", from: null, to: "health=at_risk" });
  });

  it("refuse a second view of the same name by the same owner, and a name with a forbidden character even past the form", async () => {
    const analyst = await actor("analyst@example.org");
    const manager = await actor("manager@example.org");
    await saveView(analyst, { name: "Overdue", query: "overdue=1", shared: false }, ctx);
    const twice = await saveView(analyst, { name: "Overdue", query: "stale=red", shared: true }, ctx).catch((e) => e);
    expect(twice).toBeInstanceOf(RuleError);
    expect((twice as RuleError).field).toBe("name");
    // Another user may use the same name.
    await expect(saveView(manager, { name: "Overdue", query: "overdue=1", shared: false }, ctx)).resolves.toMatchObject({ name: "Overdue" });
    await expect(saveView(analyst, { name: "bad\u0000name", query: "", shared: false }, ctx)).rejects.toThrow();
  });

  it("are deleted by their owner; a shared one also by a manager; another user's private view is as good as absent", async () => {
    const analyst = await actor("analyst@example.org");
    const analyst2 = await actor("analyst2@example.org");
    const manager = await actor("manager@example.org");
    const privateView = await saveView(analyst, { name: "Private to delete", query: "status=agreed", shared: false }, ctx);
    const sharedView = await saveView(analyst2, { name: "Shared to delete", query: "status=on_hold", shared: true }, ctx);

    await expect(deleteView(analyst2, privateView.id, ctx)).rejects.toBeInstanceOf(RuleError);
    await expect(deleteView(manager, privateView.id, ctx)).rejects.toBeInstanceOf(RuleError);
    await expect(deleteView(analyst, sharedView.id, ctx)).rejects.toBeInstanceOf(ForbiddenError);
    const refusal = await readDb.auditEvent.findFirstOrThrow({ where: { action: "auth.forbidden", entityId: sharedView.id } });
    expect(refusal).toMatchObject({ actorId: analyst.id, entityType: "view" });

    await deleteView(manager, sharedView.id, ctx);
    await deleteView(analyst, privateView.id, ctx);
    expect(await readDb.savedView.count({ where: { id: { in: [privateView.id, sharedView.id] } } })).toBe(0);
    const [, deletedByManager] = await eventsFor(sharedView.id).then((events) => events.filter((e) => e.action !== "auth.forbidden"));
    expect(deletedByManager).toMatchObject({ action: "view.deleted", actorId: manager.id, reason: "a shared view deleted by a manager" });
    expect((await eventsFor(privateView.id)).map((e) => e.action)).toEqual(["view.created", "view.deleted"]);
    // Gone now: deleting again says so.
    await expect(deleteView(analyst, privateView.id, ctx)).rejects.toBeInstanceOf(RuleError);
  });
});
