// Issue 17: notifications written with the change that causes them, the outbox delivered to a
// real SMTP server (retried after a refusal, delivered once), digests sent once with two
// schedulers at once, the due/overdue scan, unsubscribe links and the calendar feed, parsed by
// an independent iCalendar parser (ical.js). Real services on a real migrated database, SQLite
// or (TEST_POSTGRES_URL) PostgreSQL.
import ICAL from "ical.js";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { readDb, writeTransaction } from "~/db.server";
import { addComment } from "~/modules/comments/service.server";
import { openRound } from "~/modules/compliance/service.server";
import { addMilestone } from "~/modules/milestones/service.server";
import { calendarFeed, feedOwner } from "~/modules/notifications/calendar.server";
import { deliverDue } from "~/modules/notifications/mail/deliver.server";
import { verifyUnsubscribeToken } from "~/modules/notifications/mail/tokens.server";
import { runJobs, runScan, runDigests } from "~/modules/notifications/jobs.server";
import { createCalendarFeed, markAllRead, revokeCalendarFeed, setMailFrequency, setRead, unsubscribe } from "~/modules/notifications/service.server";
import { inbox, parseCursor, unreadCount } from "~/modules/notifications/queries.server";
import { postProgressUpdate, transitionStatus, updateProposal } from "~/modules/proposals/service.server";
import { dateToDay } from "~/modules/proposals/text";
import { setWatching } from "~/modules/work/service.server";
import { seedDemoData } from "../../prisma/seed";
import { actor, ctx, proposalByRef } from "../support/factories";
import { startSmtp, type TestSmtp } from "../support/smtp";
import { execFile } from "node:child_process";
import { testDatabaseUrl } from "../support/per-file-db";

let smtp: TestSmtp;
beforeAll(async () => {
  await seedDemoData({ quiet: true });
  smtp = await startSmtp();
});
afterAll(() => smtp.close());
beforeEach(async () => {
  smtp.messages.length = 0;
  smtp.refuseNext(0);
  // Each test sees only the mail it causes.
  await writeTransaction((tx) => tx.outboxMessage.deleteMany({}));
});

const day = (offset: number) => dateToDay(new Date(Date.now() + offset * 86_400_000));
const notificationsOf = (userId: string) => readDb.notification.findMany({ where: { userId }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
const setFrequency = async (email: string, frequency: "immediate" | "daily" | "weekly" | "off", locale: "en" | "ru" = "en") => {
  const u = await actor(email);
  await writeTransaction((tx) => tx.user.update({ where: { id: u.id }, data: { mailFrequency: frequency, locale }, select: { id: true } }));
  return u;
};
const proposalFields = async (id: string) => {
  const p = await readDb.proposal.findUniqueOrThrow({ where: { id }, include: { countries: true } });
  return {
    title: p.title,
    summary: p.summary,
    area: p.area,
    proposingParty: p.proposingParty,
    countries: p.countries.map((c) => c.country),
    sourceQuote: p.sourceQuote,
    leadOrganisation: p.leadOrganisation,
    targetDate: p.targetDate ? dateToDay(p.targetDate) : "",
    priority: p.priority,
    version: p.version,
  };
};

describe("notifications are written with their change", () => {
  it("tell the owner, the watchers and the assigned, never the one who acted, and nothing for a refused change", async () => {
    const manager = await actor("manager@example.org");
    const analyst = await actor("analyst@example.org");
    const analyst2 = await setFrequency("analyst2@example.org", "off");
    const viewer = await setFrequency("viewer@example.org", "off");
    await setFrequency("analyst@example.org", "off");
    const p = await proposalByRef("CAJ25-09"); // owned by analyst@, proposed
    await setWatching(viewer, p.id, true, ctx);

    // A transition: the owner acts; the watcher hears, with from and to.
    await transitionStatus(analyst, p.id, { to: "under_review", version: p.version }, ctx);
    const toViewer = (await notificationsOf(viewer.id)).filter((n) => n.proposalId === p.id);
    expect(toViewer.map((n) => [n.kind, JSON.parse(n.params)])).toEqual([["status_changed", { from: "proposed", to: "under_review" }]]);
    expect((await notificationsOf(analyst.id)).filter((n) => n.proposalId === p.id)).toEqual([]);
    const event = await readDb.auditEvent.findFirstOrThrow({ where: { proposalId: p.id, action: "proposal.status_changed" }, orderBy: { seq: "desc" } });
    expect(toViewer[0].auditSeq).toBe(event.seq);

    // A refused change (the analyst may not agree) writes no notification.
    const before = await readDb.notification.count();
    await expect(transitionStatus(analyst, p.id, { to: "agreed", version: p.version + 1 }, ctx)).rejects.toThrow();
    expect(await readDb.notification.count()).toBe(before);

    // Reassigned by the manager: the new owner is told; the manager is not.
    await updateProposal(manager, p.id, { ...(await proposalFields(p.id)), ownerId: analyst2.id }, ctx);
    const assigned = (await notificationsOf(analyst2.id)).filter((n) => n.proposalId === p.id);
    expect(assigned.map((n) => n.kind)).toEqual(["assigned"]);
    expect(assigned[0].actorName).toBe(manager.name);
    expect(await readDb.notification.count({ where: { userId: manager.id } })).toBe(0);

    // A progress update by the new owner: the watcher hears (the old owner no longer owns it).
    await postProgressUpdate(analyst2, p.id, { health: "at_risk", body: "Partners asked for more time." }, ctx);
    expect((await notificationsOf(viewer.id)).map((n) => n.kind)).toContain("progress_posted");
    expect((await notificationsOf(analyst.id)).filter((n) => n.kind === "progress_posted")).toEqual([]);

    // A milestone assigned to someone, and a mention.
    await addMilestone(analyst2, p.id, { intent: "add-milestone", title: "Terms agreed", dueDate: day(30), note: "", assigneeId: analyst.id }, ctx);
    expect((await notificationsOf(analyst.id)).map((n) => n.kind)).toContain("assigned");
    await addComment(analyst, p.id, { body: "@Kenji Sato could you look?", mentions: [manager.id] }, ctx);
    expect((await notificationsOf(manager.id)).map((n) => n.kind)).toEqual(["mentioned"]);

    // A round opened: managers and analysts who own proposals hear; the viewer does not.
    await openRound(manager, { name: "Final assessment 2027", kind: "final", cutoff: day(60) }, ctx);
    expect((await notificationsOf(analyst.id)).map((n) => n.kind)).toContain("round_opened");
    expect((await notificationsOf(analyst2.id)).map((n) => n.kind)).toContain("round_opened");
    expect((await notificationsOf(viewer.id)).map((n) => n.kind)).not.toContain("round_opened");
    expect((await notificationsOf(manager.id)).map((n) => n.kind)).not.toContain("round_opened");

    // The inbox: newest first; read, unread, all read.
    const page = await inbox(viewer.id, { unreadOnly: false });
    expect(page.items.length).toBeGreaterThanOrEqual(2);
    expect(page.items[0].createdAt >= page.items[1].createdAt).toBe(true);
    const unread = await unreadCount(viewer.id);
    await setRead(viewer.id, page.items[0].id, true);
    expect(await unreadCount(viewer.id)).toBe(unread - 1);
    await expect(setRead(analyst.id, page.items[0].id, true)).rejects.toThrow(/does not exist/);
    await markAllRead(viewer.id);
    expect(await unreadCount(viewer.id)).toBe(0);
  });
});

describe("e-mail", () => {
  it("goes at once in the recipient's language, with the record's link and a working unsubscribe link", async () => {
    const manager = await actor("manager@example.org");
    const analyst2 = await setFrequency("analyst2@example.org", "immediate", "ru");
    const p = await proposalByRef("CAJ25-14");
    await updateProposal(manager, p.id, { ...(await proposalFields(p.id)), ownerId: analyst2.id }, ctx);
    const outcomes = await deliverDue({ sender: smtp.sender, now: new Date(Date.now() + 1000) });
    expect(outcomes.map((o) => o.result)).toEqual(["sent"]);
    expect(smtp.messages).toHaveLength(1);
    const mail = smtp.messages[0];
    expect(mail.to && !Array.isArray(mail.to) ? mail.to.value.map((a) => a.address) : []).toEqual(["analyst2@example.org"]);
    expect(mail.subject).toBe(`Kenji Sato назначил(а) вас ответственным за предложение CAJ25-14 «${p.title}».`);
    expect(mail.text).toContain(`/proposals/${p.id}`);
    expect(mail.html).toContain(`href="http://localhost:3000/proposals/${p.id}"`);
    expect(mail.headers.get("content-language")).toBe("ru");
    const listUnsubscribe = mail.headerLines.find((h) => h.key === "list-unsubscribe")?.line ?? "";
    const link = /<(http[^>]+\/unsubscribe\/([^>]+))>/.exec(listUnsubscribe);
    expect(link).not.toBeNull();
    expect(mail.headerLines.find((h) => h.key === "list-unsubscribe-post")?.line).toMatch(/List-Unsubscribe=One-Click/);
    expect(mail.text).toContain(link![1]);
    // The link names the user and works without signing in; a forged one does not.
    expect(await verifyUnsubscribeToken(link![2])).toBe(analyst2.id);
    expect(await verifyUnsubscribeToken(link![2].replace(/.$/, (c) => (c === "A" ? "B" : "A")))).toBeNull();
    expect(await verifyUnsubscribeToken(`${manager.id}.${link![2].split(".")[1]}`)).toBeNull();
    await unsubscribe(analyst2.id, ctx);
    expect((await readDb.user.findUniqueOrThrow({ where: { id: analyst2.id } })).mailFrequency).toBe("off");
    expect(await readDb.auditEvent.count({ where: { action: "user.mail_changed", entityId: analyst2.id } })).toBeGreaterThan(0);

    // Off: the next change is in the inbox, and no mail is queued.
    const p2 = await proposalByRef("CAJ25-20");
    await updateProposal(manager, p2.id, { ...(await proposalFields(p2.id)), ownerId: analyst2.id }, ctx);
    expect((await notificationsOf(analyst2.id)).some((n) => n.proposalId === p2.id)).toBe(true);
    expect(await readDb.outboxMessage.count({ where: { status: "pending" } })).toBe(0);
  });

  it("is retried after the server refuses, and delivered exactly once", async () => {
    const manager = await actor("manager@example.org");
    const analyst = await setFrequency("analyst@example.org", "immediate");
    const p = await proposalByRef("CAJ25-11");
    await updateProposal(manager, p.id, { ...(await proposalFields(p.id)), ownerId: analyst.id }, ctx);
    const t0 = new Date(Date.now() + 1000);
    smtp.refuseNext(1, 451);
    const first = await deliverDue({ sender: smtp.sender, now: t0 });
    expect(first.map((o) => o.result)).toEqual(["retry"]);
    const waiting = await readDb.outboxMessage.findFirstOrThrow({ where: { toAddress: "analyst@example.org" } });
    expect(waiting).toMatchObject({ status: "pending", attempts: 1 });
    expect(waiting.lastError).toMatch(/451/);
    expect(waiting.nextAttemptAt.getTime()).toBeGreaterThan(t0.getTime());
    // Not yet due: nothing is sent.
    expect(await deliverDue({ sender: smtp.sender, now: t0 })).toEqual([]);
    // After the backoff the server accepts.
    const later = new Date(waiting.nextAttemptAt.getTime() + 1);
    expect((await deliverDue({ sender: smtp.sender, now: later })).map((o) => o.result)).toEqual(["sent"]);
    expect(await deliverDue({ sender: smtp.sender, now: new Date(later.getTime() + 3_600_000) })).toEqual([]);
    expect(smtp.messages).toHaveLength(1);
    expect(await readDb.outboxMessage.findUniqueOrThrow({ where: { id: waiting.id } })).toMatchObject({ status: "sent", attempts: 2 });

    // A permanent refusal is not retried.
    const p2 = await proposalByRef("CAJ25-12");
    await updateProposal(manager, p2.id, { ...(await proposalFields(p2.id)), ownerId: analyst.id }, ctx);
    smtp.refuseNext(1, 550);
    expect((await deliverDue({ sender: smtp.sender, now: new Date(Date.now() + 1000) })).map((o) => o.result)).toEqual(["failed"]);
    expect(await deliverDue({ sender: smtp.sender, now: new Date(Date.now() + 86_400_000) })).toEqual([]);
  });

  it("two processes delivering at once send each message once", async () => {
    const manager = await actor("manager@example.org");
    const analyst = await setFrequency("analyst@example.org", "immediate");
    for (const ref of ["CAJ25-13", "CAJ25-22", "CAJ25-25"]) {
      const p = await proposalByRef(ref);
      await updateProposal(manager, p.id, { ...(await proposalFields(p.id)), ownerId: analyst.id }, ctx);
    }
    const now = new Date(Date.now() + 1000);
    const [a, b] = await Promise.all([deliverDue({ sender: smtp.sender, now }), deliverDue({ sender: smtp.sender, now })]);
    expect(a.length + b.length).toBe(3);
    expect(smtp.messages).toHaveLength(3);
  });
});

describe("digests", () => {
  it("two schedulers at once send each digest once", async () => {
    const manager = await actor("manager@example.org");
    const analyst = await setFrequency("analyst@example.org", "daily");
    const viewer = await setFrequency("viewer@example.org", "daily", "ru");
    for (const ref of ["CAJ25-17", "CAJ25-18"]) {
      const p = await proposalByRef(ref);
      await setWatching(viewer, p.id, true, ctx);
      await updateProposal(manager, p.id, { ...(await proposalFields(p.id)), ownerId: analyst.id }, ctx);
      await postProgressUpdate(analyst, p.id, { health: "on_track", body: `Work on ${ref} continues.` }, ctx);
    }
    const now = new Date(Date.now() + 1000);
    const [one, two] = await Promise.all([
      runJobs(["digest:daily"], { now, holder: "scheduler-a" }),
      runJobs(["digest:daily"], { now, holder: "scheduler-b" }),
    ]);
    expect([one.daily.ran, two.daily.ran].filter(Boolean)).toHaveLength(1);
    expect(one.daily.digests + two.daily.digests).toBe(2);
    // Again, by a third, and without the lease at all: the period is taken.
    expect((await runJobs(["digest:daily"], { now, holder: "scheduler-c" })).daily).toEqual({ ran: true, digests: 0 });
    expect(await Promise.all([runDigests("daily", now), runDigests("daily", now)])).toEqual([0, 0]);
    await runJobs(["deliver"], { now: new Date(now.getTime() + 1000), sender: smtp.sender });
    const to = (m: (typeof smtp.messages)[number]) => (m.to && !Array.isArray(m.to) ? m.to.text : "");
    expect(smtp.messages.map(to).sort()).toEqual(["analyst@example.org", "viewer@example.org"]);
    const forViewer = smtp.messages.find((m) => to(m) === "viewer@example.org")!;
    expect(forViewer.subject).toMatch(/^Трекер саммита — ежедневная сводка: \d+ нов(ое уведомление|ых уведомления|ых уведомлений)$/);
    expect(forViewer.text).toContain("CAJ25-17");
    expect(forViewer.text).toContain("CAJ25-18");
    const forAnalyst = smtp.messages.find((m) => to(m) === "analyst@example.org")!;
    expect(forAnalyst.subject).toMatch(/^Summit Tracker daily digest: \d+ new$/);
    // Nothing left for the digest: each notification went into one.
    expect(await readDb.notification.count({ where: { userId: { in: [analyst.id, viewer.id] }, mailedAt: null } })).toBe(0);
    await setMailFrequency(analyst, "off", ctx);
    await setMailFrequency(viewer, "off", ctx);
  });
});

describe("the due and overdue scan", () => {
  it("tells the assignee, the owner and the watchers once per milestone and due day", async () => {
    const analyst = await setFrequency("analyst@example.org", "off");
    const analyst2 = await setFrequency("analyst2@example.org", "off");
    const viewer = await setFrequency("viewer@example.org", "off");
    const p = await proposalByRef("CAJ25-19");
    await writeTransaction((tx) => tx.proposal.update({ where: { id: p.id }, data: { ownerId: analyst.id }, select: { id: true } }));
    await setWatching(viewer, p.id, true, ctx);
    const soon = await addMilestone(analyst, p.id, { intent: "add-milestone", title: "Due soon", dueDate: day(3), note: "", assigneeId: analyst2.id }, ctx);
    const late = await addMilestone(analyst, p.id, { intent: "add-milestone", title: "Late", dueDate: day(-2), note: "" }, ctx);
    const far = await addMilestone(analyst, p.id, { intent: "add-milestone", title: "Far", dueDate: day(40), note: "" }, ctx);
    // Missed long ago: on My work, not announced now.
    const old = await addMilestone(analyst, p.id, { intent: "add-milestone", title: "Long missed", dueDate: day(-45), note: "" }, ctx);
    // Two scans at once, from scratch: neither fails, and each notice is written once (by one of them).
    const notices = () => readDb.notification.count({ where: { dedupeKey: { not: null } } });
    const before = await notices();
    const [first, second] = await Promise.all([runScan(new Date()), runScan(new Date())]);
    expect(first + second).toBe((await notices()) - before);
    expect(first + second).toBeGreaterThanOrEqual(5);
    const byMilestone = async (id: string) =>
      (await readDb.notification.findMany({ where: { milestoneId: id, kind: { in: ["milestone_due", "milestone_overdue"] } } }))
        .map((n) => `${n.kind}:${n.userId}`)
        .sort();
    expect(await byMilestone(soon.id)).toEqual([`milestone_due:${analyst.id}`, `milestone_due:${analyst2.id}`, `milestone_due:${viewer.id}`].sort());
    expect(await byMilestone(late.id)).toEqual([`milestone_overdue:${analyst.id}`, `milestone_overdue:${viewer.id}`].sort());
    expect(await byMilestone(far.id)).toEqual([]);
    expect(await byMilestone(old.id)).toEqual([]);
    const count = await readDb.notification.count();
    expect(await Promise.all([runScan(new Date()), runScan(new Date())])).toEqual([0, 0]);
    expect(await readDb.notification.count()).toBe(count);
  });
});

describe("the calendar feed", () => {
  it("lists the milestones one owns, is assigned or watches, parses as iCalendar, and stops when revoked", async () => {
    const viewer = await actor("viewer@example.org");
    const { token } = await createCalendarFeed(viewer, ctx);
    const owner = await feedOwner(token);
    expect(owner?.id).toBe(viewer.id);
    const text = await calendarFeed(owner!);
    const calendar = new ICAL.Component(ICAL.parse(text));
    const events = calendar.getAllSubcomponents("vevent").map((v) => new ICAL.Event(v));
    const expected = await readDb.milestone.findMany({
      where: {
        status: { not: "cancelled" },
        dueDate: { gte: new Date(Date.now() - 365 * 86_400_000) },
        OR: [{ assigneeId: viewer.id }, { proposal: { ownerId: viewer.id } }, { proposal: { watches: { some: { userId: viewer.id } } } }],
      },
      include: { proposal: { select: { reference: true } } },
    });
    expect(expected.length).toBeGreaterThan(0);
    expect(events.map((e) => e.uid).sort()).toEqual(expected.map((m) => `milestone-${m.id}@summit-tracker`).sort());
    const sample = expected[0];
    const event = events.find((e) => e.uid === `milestone-${sample.id}@summit-tracker`)!;
    expect(event.summary).toBe(`${sample.proposal.reference} · ${sample.title}`);
    expect(event.startDate.isDate).toBe(true);
    expect(event.startDate.toString()).toBe(dateToDay(sample.dueDate));
    expect(calendar.getFirstPropertyValue("version")).toBe("2.0");
    // A new address replaces the old; revoking ends it; neither token is stored as it is.
    const { token: second } = await createCalendarFeed(viewer, ctx);
    expect(await feedOwner(token)).toBeNull();
    expect(await readDb.user.count({ where: { calendarTokenHash: second } })).toBe(0);
    await revokeCalendarFeed(viewer, ctx);
    expect(await feedOwner(second)).toBeNull();
  });
});

describe("npm run notify:run", () => {
  const run = (args: string[]) =>
    new Promise<{ code: number; stdout: string; stderr: string }>((resolve) =>
      execFile(
        "node_modules/.bin/tsx",
        ["scripts/notify-run.ts", ...args],
        { env: { ...process.env, DATABASE_URL: testDatabaseUrl, MAIL_OUTBOX_DIR: "tests/.tmp/outbox-notify-run" } },
        (error, stdout, stderr) => resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
      ),
    );

  it("--dry-run prints the notices it would write and writes nothing; without it, writes them once", async () => {
    const analyst = await setFrequency("analyst@example.org", "off");
    const p = await proposalByRef("CAJ25-24");
    await writeTransaction((tx) => tx.proposal.update({ where: { id: p.id }, data: { ownerId: analyst.id }, select: { id: true } }));
    await addMilestone(analyst, p.id, { intent: "add-milestone", title: "Report sent to the secretariat", dueDate: day(-1), note: "" }, ctx);
    const before = await readDb.notification.count();
    const dry = await run(["--dry-run", "--jobs", "scan"]);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toMatch(/nothing is written or sent/);
    expect(dry.stdout).toMatch(new RegExp(`overdue ${day(-1)} “Report sent to the secretariat” to analyst@example\\.org`));
    expect(await readDb.notification.count()).toBe(before);
    const real = await run(["--jobs", "scan"]);
    expect(real.code).toBe(0);
    expect(real.stdout).toMatch(/Scan: [1-9]\d* notice\(s\) written/);
    expect(await readDb.notification.count({ where: { milestone: { title: "Report sent to the secretariat" } } })).toBe(1);
    expect((await run(["--jobs", "scan"])).stdout).toMatch(/Scan: 0 notice\(s\) written/);
    expect((await run(["--jobs", "nonsense"])).code).toBe(2);
  });
});

describe("the outbox's states", () => {
  it("a claim that ran out is taken over and sent; the last attempt that fails is final; turning e-mail off cancels what is queued", async () => {
    const manager = await actor("manager@example.org");
    const analyst = await setFrequency("analyst@example.org", "immediate");
    const p = await proposalByRef("CAJ25-02");
    await updateProposal(manager, p.id, { ...(await proposalFields(p.id)), ownerId: analyst.id }, ctx);
    const m = await readDb.outboxMessage.findFirstOrThrow({ where: { toAddress: "analyst@example.org", status: "pending" } });
    // A process claimed it and died: after its claim runs out another sends it, once.
    await writeTransaction((tx) =>
      tx.outboxMessage.update({ where: { id: m.id }, data: { status: "sending", attempts: 1, lockedUntil: new Date(Date.now() - 1000) } }),
    );
    expect((await deliverDue({ sender: smtp.sender })).map((o) => o.result)).toEqual(["sent"]);
    expect(smtp.messages).toHaveLength(1);
    expect(await readDb.outboxMessage.findUniqueOrThrow({ where: { id: m.id } })).toMatchObject({ status: "sent", attempts: 2 });
    // A claim still running is left alone.
    await writeTransaction((tx) => tx.outboxMessage.update({ where: { id: m.id }, data: { status: "sending", lockedUntil: new Date(Date.now() + 60_000) } }));
    expect(await deliverDue({ sender: smtp.sender })).toEqual([]);

    // The eighth failed attempt is the last.
    const p2 = await proposalByRef("CAJ25-03");
    await updateProposal(manager, p2.id, { ...(await proposalFields(p2.id)), ownerId: analyst.id }, ctx);
    const m2 = await readDb.outboxMessage.findFirstOrThrow({ where: { toAddress: "analyst@example.org", status: "pending" } });
    await writeTransaction((tx) => tx.outboxMessage.update({ where: { id: m2.id }, data: { attempts: 7 } }));
    smtp.refuseNext(1, 451);
    expect((await deliverDue({ sender: smtp.sender, now: new Date(Date.now() + 1000) })).map((o) => o.result)).toEqual(["failed"]);

    // Queued, then e-mail turned off: it is cancelled, and delivery sends nothing.
    const p3 = await proposalByRef("CAJ25-04");
    await updateProposal(manager, p3.id, { ...(await proposalFields(p3.id)), ownerId: analyst.id }, ctx);
    await setMailFrequency(analyst, "off", ctx);
    expect(await readDb.outboxMessage.count({ where: { toAddress: "analyst@example.org", status: "pending" } })).toBe(0);
    expect(await readDb.outboxMessage.count({ where: { toAddress: "analyst@example.org", status: "cancelled" } })).toBe(1);
    // And one queued for a user who was deactivated meanwhile is cancelled at delivery.
    const analyst2 = await setFrequency("analyst2@example.org", "immediate");
    const p4 = await proposalByRef("CAJ25-05");
    await updateProposal(manager, p4.id, { ...(await proposalFields(p4.id)), ownerId: analyst2.id }, ctx);
    await writeTransaction((tx) => tx.user.update({ where: { id: analyst2.id }, data: { active: false }, select: { id: true } }));
    expect((await deliverDue({ sender: smtp.sender, now: new Date(Date.now() + 1000) })).map((o) => o.result)).toEqual(["cancelled"]);
    await writeTransaction((tx) => tx.user.update({ where: { id: analyst2.id }, data: { active: true, mailFrequency: "off" }, select: { id: true } }));
    expect(smtp.messages).toHaveLength(1);
  });

  it("switching from a digest to each at once sends what waited, in one message", async () => {
    const manager = await actor("manager@example.org");
    const viewer = await setFrequency("viewer@example.org", "weekly");
    for (const ref of ["CAJ25-07", "CAJ25-08"]) {
      const p = await proposalByRef(ref);
      await setWatching(viewer, p.id, true, ctx);
      await postProgressUpdate(manager, p.id, { health: "on_track", body: `News on ${ref}.` }, ctx);
    }
    await setMailFrequency(viewer, "immediate", ctx);
    expect(await readDb.notification.count({ where: { userId: viewer.id, mailedAt: null } })).toBe(0);
    await deliverDue({ sender: smtp.sender, now: new Date(Date.now() + 1000) });
    expect(smtp.messages).toHaveLength(1);
    expect(smtp.messages[0].subject).toMatch(/^Summit Tracker weekly digest: \d+ new$/);
    expect(smtp.messages[0].text).toContain("CAJ25-07");
    expect(smtp.messages[0].text).toContain("CAJ25-08");
    await setMailFrequency(viewer, "off", ctx);
  });
});

describe("the inbox's pages", () => {
  it("walk every notification once, newest first, even when many share a moment", async () => {
    const viewer = await actor("viewer@example.org");
    const at = new Date("2026-06-01T10:00:00.000Z");
    await writeTransaction((tx) =>
      tx.notification.createMany({
        data: Array.from({ length: 120 }, (_, i) => ({
          userId: viewer.id,
          kind: "status_changed" as const,
          createdAt: i < 70 ? at : new Date(at.getTime() - i),
          params: "{}",
        })),
      }),
    );
    const all = await readDb.notification.findMany({ where: { userId: viewer.id }, orderBy: [{ createdAt: "desc" }, { id: "desc" }], select: { id: true } });
    const seen: string[] = [];
    let after: { createdAt: Date; id: string } | null = null;
    for (let guard = 0; guard < 20; guard++) {
      const page = await inbox(viewer.id, { unreadOnly: false, after });
      seen.push(...page.items.map((n) => n.id));
      if (!page.next) break;
      after = parseCursor(page.next);
    }
    expect(seen).toEqual(all.map((n) => n.id));
    expect(parseCursor("not-a-cursor")).toBeNull();
    expect(parseCursor("2026-13-45T99:99:99Z~x")).toBeNull();
  });
});
