// Issue 12 item 7: "My work" — milestone assignees, what is mine to do, and what changed on the
// proposals I follow. Real services on a real migrated database.
import { beforeAll, describe, expect, it } from "vitest";
import { readDb } from "~/db.server";
import { RuleError } from "~/lib/errors";
import { parseChanges, proposalHistory } from "~/modules/audit/queries.server";
import { addMilestone, updateMilestone } from "~/modules/milestones/service.server";
import { parseProposalFilters } from "~/modules/proposals/filters.server";
import { listProposals } from "~/modules/proposals/queries.server";
import { postProgressUpdate } from "~/modules/proposals/service.server";
import { dateToDay } from "~/modules/proposals/text";
import { myMilestones, watchedChanges } from "~/modules/work/queries.server";
import { setWatching } from "~/modules/work/service.server";
import { seedDemoData } from "../../prisma/seed";
import { actor, ctx, proposalByRef } from "../support/factories";
import { sqlRun } from "../support/sql";

beforeAll(() => seedDemoData({ quiet: true }));

const day = (offset: number) => dateToDay(new Date(Date.now() + offset * 86_400_000));

describe("milestone assignees", () => {
  it("may be any active analyst, manager or admin, are audited by name, and filter the list", async () => {
    const owner = await actor("analyst@example.org");
    const other = await actor("analyst2@example.org");
    const viewer = await actor("viewer@example.org");
    const p = await proposalByRef("CAJ25-20"); // owned by analyst@
    const add = (assigneeId?: string) =>
      addMilestone(owner, p.id, { intent: "add-milestone", title: `Assigned ${assigneeId ?? "nobody"}`, dueDate: day(10), note: "", assigneeId }, ctx);
    await expect(add(viewer.id)).rejects.toSatisfy((e) => e instanceof RuleError && e.field === "assigneeId" && e.status === 422);
    await expect(add("no-such-user")).rejects.toBeInstanceOf(RuleError);
    const m = await add(other.id);
    const event = await readDb.auditEvent.findFirstOrThrow({ where: { entityId: m.id, action: "milestone.created" } });
    expect(parseChanges(event.changes)).toContainEqual({ field: "assignee", from: null, to: other.name });

    const list = await listProposals(parseProposalFilters(new URLSearchParams(`assignee=${other.id}`)));
    expect(list.rows.map((r) => r.reference)).toEqual(["CAJ25-20"]);

    // Reassigned to nobody: the change names both.
    const saved = await readDb.milestone.findUniqueOrThrow({ where: { id: m.id } });
    await updateMilestone(
      owner,
      p.id,
      {
        intent: "edit-milestone",
        milestoneId: m.id,
        title: saved.title,
        dueDate: day(10),
        status: "planned",
        note: "",
        assigneeId: "",
        version: saved.version,
      },
      ctx,
    );
    const updated = await readDb.auditEvent.findFirstOrThrow({ where: { entityId: m.id, action: "milestone.updated" } });
    expect(parseChanges(updated.changes)).toContainEqual({ field: "assignee", from: other.name, to: null });
    expect((await listProposals(parseProposalFilters(new URLSearchParams(`assignee=${other.id}`)))).total).toBe(0);
  });
});

describe("my milestones", () => {
  it("are those assigned to me, or unassigned on proposals I own: overdue, then due within 30 days", async () => {
    const me = await actor("analyst2@example.org");
    const analyst = await actor("analyst@example.org");
    const mine = await proposalByRef("CAJ25-22"); // owned by analyst2@
    const theirs = await proposalByRef("CAJ25-23"); // owned by analyst@
    // Start from nothing due: every planned milestone far away.
    await sqlRun(`UPDATE "Milestone" SET "dueDate" = ? WHERE "status" = 'planned'`, new Date(Date.now() + 400 * 86_400_000));
    const add = (who: typeof me, proposalId: string, title: string, offset: number, assigneeId?: string) =>
      addMilestone(who, proposalId, { intent: "add-milestone", title, dueDate: day(offset), note: "", assigneeId }, ctx);
    await add(me, mine.id, "Mine, unassigned, late", -5);
    await add(me, mine.id, "Mine, someone else's", 3, analyst.id);
    await add(analyst, theirs.id, "Theirs, assigned to me", 20, me.id);
    await add(analyst, theirs.id, "Theirs, unassigned", 2);
    await add(me, mine.id, "Mine, too far ahead", 45);

    const { overdue, dueSoon } = await myMilestones(me.id);
    expect(overdue.map((m) => [m.title, m.daysOverdue])).toEqual([["Mine, unassigned, late", 5]]);
    expect(dueSoon.map((m) => m.title)).toEqual(["Theirs, assigned to me"]);
    // …and the other analyst's list has theirs.
    const other = await myMilestones(analyst.id);
    expect(other.dueSoon.map((m) => m.title)).toEqual(["Theirs, unassigned", "Mine, someone else's"]);
  });
});

describe("changes on proposals I follow", () => {
  it("lists what others changed on watched and owned proposals, not my own changes, and watching is audited", async () => {
    const viewer = await actor("viewer@example.org");
    const owner = await actor("analyst@example.org");
    const p = await proposalByRef("CAJ25-05"); // owned by analyst@
    expect((await watchedChanges(viewer.id)).events.filter((e) => e.proposalId === p.id)).toHaveLength(0);
    await setWatching(viewer, p.id, true, ctx);
    await setWatching(viewer, p.id, true, ctx); // twice: still one watch, one event
    expect(await readDb.watch.count({ where: { userId: viewer.id } })).toBe(1);
    expect(await readDb.auditEvent.count({ where: { actorId: viewer.id, action: "proposal.watched" } })).toBe(1);

    await postProgressUpdate(owner, p.id, { health: "at_risk", body: "Followed by the viewer." }, ctx);
    await postProgressUpdate(owner, p.id, { health: "at_risk", body: "And once more." }, ctx);
    const seen = (await watchedChanges(viewer.id)).events.filter((e) => e.proposalId === p.id);
    expect(seen).toHaveLength(1);
    // The two updates; the demo import (seeded just now, by "system") is not news.
    expect(seen[0]).toMatchObject({ action: "update.posted", actorName: owner.name, changesSince: 2 });
    // The owner follows it without a row, but their own changes are not news to them.
    expect((await watchedChanges(owner.id)).events.filter((e) => e.proposalId === p.id)).toHaveLength(0);

    await setWatching(viewer, p.id, false, ctx);
    expect((await watchedChanges(viewer.id)).events.filter((e) => e.proposalId === p.id)).toHaveLength(0);
    expect(await readDb.auditEvent.count({ where: { actorId: viewer.id, action: "proposal.unwatched" } })).toBe(1);
    // Watching is not the proposal's history.
    expect(await readDb.auditEvent.count({ where: { proposalId: p.id, action: { in: ["proposal.watched", "proposal.unwatched"] } } })).toBe(2);
    expect((await proposalHistory(p.id)).map((e) => e.action)).not.toContain("proposal.watched");
  });
});
