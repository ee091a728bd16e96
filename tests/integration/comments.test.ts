// Issue 12 item 8: comments on a proposal, with mentions, edited by their author within 15
// minutes, audited. Real services and the real form-action helper on a real migrated database.
import { beforeAll, describe, expect, it } from "vitest";
import { databaseTarget, db, readDb } from "~/db.server";
import { msg } from "~/i18n/message";
import { ConflictError, ForbiddenError, NotFoundError, RuleError } from "~/lib/errors";
import { submitForm, type Done } from "~/lib/form-action.server";
import { newFormToken } from "~/lib/submissions.server";
import { parseChanges, proposalHistory } from "~/modules/audit/queries.server";
import type { RequestContext } from "~/modules/audit/record.server";
import { verifyChain } from "~/modules/audit/verify.server";
import { commentsOf } from "~/modules/comments/queries.server";
import { mayEditComment } from "~/modules/comments/rules";
import { addCommentSchema } from "~/modules/comments/schemas";
import { addComment, editComment } from "~/modules/comments/service.server";
import { seedDemoData } from "../../prisma/seed";
import { actor, ctx, proposalByRef } from "../support/factories";
import { sqlRun } from "../support/sql";

beforeAll(() => seedDemoData({ quiet: true }));

const MINUTE = 60_000;
const mentionRows = (commentId: string) =>
  readDb.commentMention.findMany({ where: { commentId }, select: { userId: true }, orderBy: { userId: "asc" } }).then((rows) => rows.map((r) => r.userId));
const eventsOf = (commentId: string) =>
  readDb.auditEvent.findMany({
    where: { entityType: "comment", entityId: commentId },
    orderBy: { seq: "asc" },
    select: { action: true, actorName: true, changes: true, proposalId: true },
  });
/** Moves a comment's posting time back, as if it had been posted `minutes` ago. */
const postedAgo = (commentId: string, minutes: number) =>
  db.comment.update({ where: { id: commentId }, data: { createdAt: new Date(Date.now() - minutes * MINUTE) }, select: { id: true } });
const current = (commentId: string) => readDb.comment.findUniqueOrThrow({ where: { id: commentId }, select: { body: true, version: true, editedAt: true } });

describe("adding a comment", () => {
  it("stores the body trimmed, one mention row per user (repeats dropped), and a comment.added event naming them", async () => {
    const analyst = await actor("analyst2@example.org"); // not the owner: comments are open to every analyst
    const manager = await actor("manager@example.org");
    const viewer = await actor("viewer@example.org");
    const p = await proposalByRef("CAJ25-20"); // owned by analyst@
    const parsed = addCommentSchema.parse({
      intent: "add-comment",
      body: "  @Kenji Sato could you check the budget line?  ",
      mentions: [manager.id, viewer.id, manager.id],
    });
    expect(parsed.mentions).toEqual([manager.id, viewer.id]);
    const c = await addComment(analyst, p.id, parsed, ctx);

    const saved = await readDb.comment.findUniqueOrThrow({ where: { id: c.id } });
    expect(saved).toMatchObject({ proposalId: p.id, authorId: analyst.id, body: "@Kenji Sato could you check the budget line?", version: 1, editedAt: null });
    expect(await mentionRows(c.id)).toEqual([manager.id, viewer.id].sort());

    const [event, ...more] = await eventsOf(c.id);
    expect(more).toEqual([]);
    expect(event).toMatchObject({ action: "comment.added", actorName: analyst.name, proposalId: p.id });
    expect(parseChanges(event!.changes)).toEqual([
      { field: "comment", from: null, to: "@Kenji Sato could you check the budget line?" },
      { field: "mentions", from: null, to: [manager.name, viewer.name].sort((a, b) => a.localeCompare(b)) },
    ]);
    // The proposal's history shows it; the page lists it with its mentions.
    expect((await proposalHistory(p.id)).map((e) => e.action)).toContain("comment.added");
    const listed = (await commentsOf(p.id)).find((x) => x.id === c.id);
    expect(listed?.mentions.map((m) => m.id).sort()).toEqual([manager.id, viewer.id].sort());
    expect(listed?.author.name).toBe(analyst.name);
  });

  it("lists a proposal's comments oldest first, the newest last", async () => {
    const analyst = await actor("analyst@example.org");
    const p = await proposalByRef("CAJ25-21");
    const first = await addComment(analyst, p.id, { body: "First.", mentions: [] }, ctx);
    const second = await addComment(analyst, p.id, { body: "Second.", mentions: [] }, ctx);
    await postedAgo(first.id, 5);
    expect((await commentsOf(p.id)).map((c) => c.id)).toEqual([first.id, second.id]);
  });

  it("refuses a mention of an unknown or deactivated user with a 400 on the mentions field, and writes nothing", async () => {
    const analyst = await actor("analyst@example.org");
    const p = await proposalByRef("CAJ25-21");
    const inactive = await db.user.create({
      data: { email: "gone@example.org", name: "Gone Person", role: "analyst", passwordHash: "x", active: false },
      select: { id: true },
    });
    for (const id of ["no-such-user", inactive.id]) {
      await expect(addComment(analyst, p.id, { body: `Mentioning ${id}`, mentions: [id] }, ctx)).rejects.toSatisfy(
        (e) => e instanceof RuleError && e.status === 400 && e.field === "mentions",
      );
      expect(await readDb.comment.count({ where: { body: `Mentioning ${id}` } })).toBe(0);
    }
  });

  it("refuses a viewer (403, recorded as auth.forbidden) and writes no comment", async () => {
    const viewer = await actor("viewer@example.org");
    const p = await proposalByRef("CAJ25-21");
    const before = await readDb.comment.count();
    await expect(addComment(viewer, p.id, { body: "A viewer's forged comment", mentions: [] }, ctx)).rejects.toBeInstanceOf(ForbiddenError);
    expect(await readDb.comment.count()).toBe(before);
    const refusal = await readDb.auditEvent.findFirstOrThrow({
      where: { action: "auth.forbidden", actorId: viewer.id, proposalId: p.id },
      orderBy: { seq: "desc" },
    });
    expect(refusal.reason).toMatch(/Viewers can read comments but cannot post/);
    expect(parseChanges(refusal.changes)).toEqual([{ field: "request", from: null, to: "comment.add" }]);
  });

  it("on an unknown proposal is a 404", async () => {
    const analyst = await actor("analyst@example.org");
    await expect(addComment(analyst, "no-such-proposal", { body: "Into the void", mentions: [] }, ctx)).rejects.toBeInstanceOf(NotFoundError);
  });

  it("is written once when the same form arrives twice (the page's token)", async () => {
    const analyst = await actor("analyst@example.org");
    const p = await proposalByRef("CAJ25-22");
    const token = newFormToken();
    const post = () => {
      const fd = new FormData();
      for (const [k, v] of Object.entries({ intent: "add-comment", body: "Posted with a double click.", formToken: token })) fd.set(k, v);
      const context: RequestContext = { requestId: newFormToken() };
      const replay = (): Done => ({ redirectTo: "/here", flash: msg("flash.alreadySaved") });
      return submitForm(new Request("http://localhost/proposals/x", { method: "POST" }), fd, {
        formId: "add-comment",
        schema: addCommentSchema,
        write: (v) => addComment(analyst, p.id, v, context),
        once: { userId: analyst.id, context, replay },
        done: () => ({ redirectTo: "/here", flash: msg("flash.commentAdded") }),
      });
    };
    expect([(await post()).status, (await post()).status]).toEqual([302, 302]);
    expect(await readDb.comment.count({ where: { proposalId: p.id, body: "Posted with a double click." } })).toBe(1);
  });
});

describe("editing a comment", () => {
  it("within 15 minutes, by its author: body and mentions change, it is marked edited, and comment.edited records both", async () => {
    const author = await actor("analyst@example.org");
    const manager = await actor("manager@example.org");
    const other = await actor("analyst2@example.org");
    const p = await proposalByRef("CAJ25-23");
    const c = await addComment(author, p.id, { body: "Draft ready for @Kenji Sato", mentions: [manager.id] }, ctx);
    await postedAgo(c.id, 14);
    expect(mayEditComment(author, await readDb.comment.findUniqueOrThrow({ where: { id: c.id } }))).toBe(true);

    const r = await editComment(author, p.id, { commentId: c.id, version: 1, body: "Draft ready for @Timur Rakhimov", mentions: [other.id] }, ctx);
    expect(r).toEqual({ id: c.id, changed: true });
    const saved = await current(c.id);
    expect(saved).toMatchObject({ body: "Draft ready for @Timur Rakhimov", version: 2 });
    expect(saved.editedAt).toBeInstanceOf(Date);
    expect(await mentionRows(c.id)).toEqual([other.id]);

    const edited = (await eventsOf(c.id)).filter((e) => e.action === "comment.edited");
    expect(edited).toHaveLength(1);
    expect(parseChanges(edited[0]!.changes)).toEqual([
      { field: "comment", from: "Draft ready for @Kenji Sato", to: "Draft ready for @Timur Rakhimov" },
      { field: "mentions", from: [manager.name], to: [other.name] },
    ]);

    // The same text again changes nothing and records nothing; a stale version is a 409 with the current text.
    expect(await editComment(author, p.id, { commentId: c.id, version: 2, body: "Draft ready for @Timur Rakhimov", mentions: [other.id] }, ctx)).toEqual({
      id: c.id,
      changed: false,
    });
    await expect(editComment(author, p.id, { commentId: c.id, version: 1, body: "From a stale tab", mentions: [] }, ctx)).rejects.toSatisfy(
      (e) => e instanceof ConflictError && (e.current as { comment: string }).comment === "Draft ready for @Timur Rakhimov",
    );
    expect((await eventsOf(c.id)).filter((e) => e.action === "comment.edited")).toHaveLength(1);
  });

  it("is refused after 15 minutes with a 409 that says why, and changes nothing", async () => {
    const author = await actor("analyst@example.org");
    const p = await proposalByRef("CAJ25-23");
    const c = await addComment(author, p.id, { body: "Posted a while ago.", mentions: [] }, ctx);
    await postedAgo(c.id, 16);
    expect(mayEditComment(author, await readDb.comment.findUniqueOrThrow({ where: { id: c.id } }))).toBe(false);
    const attempt = editComment(author, p.id, { commentId: c.id, version: 1, body: "Too late to change.", mentions: [] }, ctx);
    await expect(attempt).rejects.toBeInstanceOf(RuleError);
    await expect(attempt).rejects.toMatchObject({ status: 409, message: expect.stringMatching(/only in the 15 minutes after it was posted/) });
    expect(await current(c.id)).toMatchObject({ body: "Posted a while ago.", version: 1, editedAt: null });
    expect((await eventsOf(c.id)).map((e) => e.action)).toEqual(["comment.added"]);
  });

  it("by another user (a manager included) is refused with 403 and recorded; a viewer too", async () => {
    const author = await actor("analyst@example.org");
    const p = await proposalByRef("CAJ25-23");
    const c = await addComment(author, p.id, { body: "Mine alone to edit.", mentions: [] }, ctx);
    for (const email of ["analyst2@example.org", "manager@example.org", "admin@example.org", "viewer@example.org"]) {
      const someone = await actor(email);
      await expect(editComment(someone, p.id, { commentId: c.id, version: 1, body: `Edited by ${email}`, mentions: [] }, ctx)).rejects.toBeInstanceOf(
        ForbiddenError,
      );
      const refusal = await readDb.auditEvent.findFirstOrThrow({ where: { action: "auth.forbidden", actorId: someone.id }, orderBy: { seq: "desc" } });
      expect(refusal.reason).toMatch(email === "viewer@example.org" ? /Viewers can read comments/ : /Only its author can edit a comment/);
    }
    expect(await current(c.id)).toMatchObject({ body: "Mine alone to edit.", version: 1 });
  });

  it("of a comment that is not on this proposal is a 404", async () => {
    const author = await actor("analyst@example.org");
    const p = await proposalByRef("CAJ25-23");
    const elsewhere = await proposalByRef("CAJ25-20");
    const c = await addComment(author, p.id, { body: "On CAJ25-23.", mentions: [] }, ctx);
    await expect(editComment(author, elsewhere.id, { commentId: c.id, version: 1, body: "Moved?", mentions: [] }, ctx)).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe("the database", () => {
  it("holds comment bodies to the length and character rules whoever writes", async () => {
    const author = await actor("analyst@example.org");
    const p = await proposalByRef("CAJ25-24");
    const insert = (id: string, body: string) =>
      sqlRun(`INSERT INTO "Comment" ("id", "proposalId", "authorId", "body", "createdAt") VALUES (?, ?, ?, ?, ?)`, id, p.id, author.id, body, new Date());
    // SQLite names a CHECK by its expression, PostgreSQL says which constraint it violates.
    const check = /CHECK constraint|violates check constraint/;
    await expect(insert("c-empty", "")).rejects.toThrow(check);
    await expect(insert("c-long", "x".repeat(4001))).rejects.toThrow(check);
    await expect(insert("c-bell", "bell \u0007")).rejects.toThrow(/not allowed|violates check constraint/);
    await insert("c-ok", "line one\nline two");
    await expect(sqlRun(`UPDATE "Comment" SET "body" = ? WHERE "id" = 'c-ok'`, "bidi \u202e")).rejects.toThrow(/not allowed|violates check constraint/);
    await expect(sqlRun(`INSERT INTO "CommentMention" ("commentId", "userId") VALUES ('c-ok', 'no-such-user')`)).rejects.toThrow(
      /FOREIGN KEY constraint|violates foreign key constraint/,
    );
  });

  it("keeps an audit chain that verifies after all of the above", async () => {
    expect(await verifyChain(databaseTarget)).toMatchObject({ ok: true });
  });
});
