// Saved views and bulk actions on the proposals list (issue 12 items 9 and 10), through the real
// services on a real migrated database.
import { beforeAll, describe, expect, it } from "vitest";
import { readDb } from "~/db.server";
import { ForbiddenError, RuleError } from "~/lib/errors";
import { render } from "~/i18n/translate";
import { bulkApply } from "~/modules/proposals/service.server";
import { deleteView, listViews, saveView } from "~/modules/views/service.server";
import { seedDemoData } from "../../prisma/seed";
import { actor, ctx, proposalByRef } from "../support/factories";

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

describe("bulk actions", () => {
  it("move each record through the workflow rules, audit each one, and report refusals per record with their reasons", async () => {
    const manager = await actor("manager@example.org");
    const [a, b, c, d] = await Promise.all(["CAJ25-10", "CAJ25-13", "CAJ25-03", "CAJ25-25"].map(proposalByRef));
    // Someone edits one of them after the list was read: bulk works on the version it has now.
    await bulkApply(manager, [d.id], { op: "transition", to: "proposed", note: "sent back for more detail" }, ctx);
    const outcomes = await bulkApply(manager, [a.id, b.id, c.id, "no-such-proposal", d.id], { op: "transition", to: "under_review", note: "" }, ctx);
    expect(outcomes.map((o) => [o.reference, o.outcome])).toEqual([
      ["CAJ25-10", "done"],
      ["CAJ25-13", "done"],
      ["CAJ25-03", "refused"],
      [null, "refused"],
      ["CAJ25-25", "done"],
    ]);
    expect(render("en", outcomes[0].message)).toBe("Moved Proposed → Under review.");
    expect(render("en", outcomes[2].message)).toMatch(/cannot go from agreed to under review/);
    expect(render("en", outcomes[3].message)).toMatch(/does not exist/);
    for (const p of [a, b]) {
      const events = await readDb.auditEvent.findMany({ where: { proposalId: p.id, action: "proposal.status_changed" } });
      expect(events).toHaveLength(1);
      expect(JSON.parse(events[0].changes)).toEqual([{ field: "status", from: "proposed", to: "under_review" }]);
      expect((await proposalByRef(p.id === a.id ? "CAJ25-10" : "CAJ25-13")).status).toBe("under_review");
    }
    expect((await proposalByRef("CAJ25-03")).status).toBe("agreed");
  });

  it("apply the rules that need a note, per record", async () => {
    const manager = await actor("manager@example.org");
    const p = await proposalByRef("CAJ25-12"); // under_review
    const [withoutNote] = await bulkApply(manager, [p.id], { op: "transition", to: "dropped", note: "" }, ctx);
    expect(withoutNote.outcome).toBe("refused");
    expect(render("en", withoutNote.message)).toMatch(/note is required/i);
    const [withNote] = await bulkApply(manager, [p.id], { op: "transition", to: "dropped", note: "Merged into CAJ25-11" }, ctx);
    expect(withNote.outcome).toBe("done");
    const event = await readDb.auditEvent.findFirstOrThrow({ where: { proposalId: p.id, action: "proposal.status_changed" }, orderBy: { seq: "desc" } });
    expect(event.reason).toBe("Merged into CAJ25-11");
  });

  it("reassign owners through the same edit (unchanged and unassignable owners reported), each its own event", async () => {
    const manager = await actor("manager@example.org");
    const analyst = await actor("analyst@example.org");
    const viewer = await actor("viewer@example.org");
    const [x, y, mineAlready] = await Promise.all(["CAJ25-17", "CAJ25-19", "CAJ25-21"].map(proposalByRef));
    const outcomes = await bulkApply(manager, [x.id, y.id, mineAlready.id], { op: "owner", ownerId: analyst.id }, ctx);
    expect(outcomes.map((o) => o.outcome)).toEqual(["done", "done", "unchanged"]);
    for (const p of [x, y]) {
      const events = await readDb.auditEvent.findMany({ where: { proposalId: p.id, action: { in: ["proposal.owner_changed", "proposal.updated"] } } });
      expect(events.map((e) => e.action)).toEqual(["proposal.owner_changed"]);
      expect(JSON.parse(events[0].changes)).toEqual([{ field: "owner", from: p.ownerId, to: analyst.id }]);
    }
    const [toViewer] = await bulkApply(manager, [x.id], { op: "owner", ownerId: viewer.id }, ctx);
    expect(toViewer.outcome).toBe("refused");
    expect(render("en", toViewer.message)).toMatch(/owner/i);
  });

  it("set health by a progress update whose text is the note (needed), skipping those already at that health", async () => {
    const manager = await actor("manager@example.org");
    const [onTrack, atRisk] = await Promise.all(["CAJ25-11", "CAJ25-05"].map(proposalByRef));
    await expect(bulkApply(manager, [onTrack.id], { op: "health", health: "at_risk", note: "" }, ctx)).rejects.toBeInstanceOf(RuleError);
    const outcomes = await bulkApply(manager, [onTrack.id, atRisk.id], { op: "health", health: "at_risk", note: "Funding delayed to Q3" }, ctx);
    expect(outcomes.map((o) => o.outcome)).toEqual(["done", "unchanged"]);
    expect((await proposalByRef("CAJ25-11")).health).toBe("at_risk");
    const update = await readDb.progressUpdate.findFirstOrThrow({ where: { proposalId: onTrack.id }, orderBy: { createdAt: "desc" } });
    expect(update).toMatchObject({ body: "Funding delayed to Q3", health: "at_risk", authorId: manager.id });
  });

  it("are for managers only (the refusal recorded), and a form's submission is claimed once however many records it writes", async () => {
    const analyst = await actor("analyst@example.org");
    const manager = await actor("manager@example.org");
    const p = await proposalByRef("CAJ25-14"); // proposed, owned by analyst@
    await expect(bulkApply(analyst, [p.id], { op: "transition", to: "under_review", note: "" }, ctx)).rejects.toBeInstanceOf(ForbiddenError);
    expect(await readDb.auditEvent.findFirst({ where: { action: "auth.forbidden", actorId: analyst.id, entityId: "bulk" } })).not.toBeNull();
    expect((await proposalByRef("CAJ25-14")).status).toBe("proposed");

    const [q, r] = await Promise.all(["CAJ25-09", "CAJ25-14"].map(proposalByRef));
    const key = "b".repeat(64);
    const outcomes = await bulkApply(
      manager,
      [q.id, r.id],
      { op: "transition", to: "under_review", note: "" },
      { ...ctx, submission: { key, userId: manager.id } },
    );
    expect(outcomes.map((o) => o.outcome)).toEqual(["done", "done"]);
    expect(await readDb.submission.findUnique({ where: { key }, select: { entityId: true } })).toEqual({ entityId: q.id });
  });
});
