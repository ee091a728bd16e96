// The scheduled work of notifications (issue 17, docs/decisions/023-notifications.md): the
// due/overdue scan, the daily and weekly digests, and delivery of the outbox. Each job can plan
// without writing (`npm run notify:run -- --dry-run` prints the plan) and runs under a lease row,
// so several app processes never run one job at the same time; what it writes is also keyed
// (a notice's dedupeKey, a digest's period), so a job run twice writes it once.
import { Prisma } from "@prisma/client";
import { getISOWeek, getISOWeekYear } from "date-fns";
import { hostname } from "node:os";
import { randomBytes } from "node:crypto";
import { env } from "~/config/env.server";
import { readDb, writeTransaction } from "~/db.server";
import { DUE_SOON_DAYS, type NotificationKind } from "./kinds";
import { createNotifications, enqueueMail } from "./notify.server";
import { deliverDue, dueMessages, type MailSender } from "./mail/deliver.server";

export type JobName = "scan" | "digest:daily" | "digest:weekly" | "deliver";

/** A name for one scheduler (a process, or a test's stand-in for one). */
export function newHolder(): string {
  return `${hostname()}:${process.pid}:${randomBytes(4).toString("hex")}`;
}

/**
 * Runs `work` if this holder gets the job's lease: the row is free, expired, or already ours.
 * The lease is let go afterwards; one held by a process that died expires after `ttlMs`.
 */
export async function withLease<T>(
  job: JobName,
  holder: string,
  work: () => Promise<T>,
  ttlMs = 10 * 60_000,
): Promise<{ ran: true; result: T } | { ran: false }> {
  const now = new Date();
  const expiresAt = new Date(now.getTime() + ttlMs);
  const got = await writeTransaction(async (tx) => {
    const taken = await tx.schedulerLease.updateMany({ where: { name: job, OR: [{ expiresAt: { lte: now } }, { holder }] }, data: { holder, expiresAt } });
    if (taken.count === 1) return true;
    if (await tx.schedulerLease.findUnique({ where: { name: job }, select: { name: true } })) return false;
    await tx.schedulerLease.create({ data: { name: job, holder, expiresAt }, select: { name: true } });
    return true;
  });
  if (!got) return { ran: false };
  try {
    return { ran: true, result: await work() };
  } finally {
    await writeTransaction((tx) => tx.schedulerLease.updateMany({ where: { name: job, holder }, data: { expiresAt: new Date() } })).catch(() => undefined);
  }
}

/** The calendar day `now` falls on in the schedule's time zone, as UTC midnight of that day. */
export function localDay(now: Date, timeZone = env.NOTIFY_TIMEZONE): Date {
  const parts = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(now);
  return new Date(`${parts}T00:00:00Z`);
}

const dayString = (d: Date) => d.toISOString().slice(0, 10);

/** The digest's period: "daily:2026-12-04" or "weekly:2026-W49", in the schedule's time zone. */
export function periodKey(kind: "daily" | "weekly", now: Date, timeZone = env.NOTIFY_TIMEZONE): string {
  const day = localDay(now, timeZone);
  if (kind === "daily") return `daily:${dayString(day)}`;
  const local = new Date(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate());
  return `weekly:${getISOWeekYear(local)}-W${String(getISOWeek(local)).padStart(2, "0")}`;
}

type Notice = Prisma.NotificationUncheckedCreateInput & { dedupeKey: string };

/** Days past due within which the scan still announces a milestone as overdue. */
export const OVERDUE_WINDOW_DAYS = 30;

/** Notices of milestones due within DUE_SOON_DAYS and of those past due, not yet written. */
export async function planScan(now: Date): Promise<Notice[]> {
  const today = localDay(now);
  const soon = new Date(today.getTime() + DUE_SOON_DAYS * 86_400_000);
  // Overdue only within the window: a milestone missed long ago (or before notifications were
  // installed) is on My work and the dashboard, and is not announced out of the blue.
  const since = new Date(today.getTime() - OVERDUE_WINDOW_DAYS * 86_400_000);
  const milestones = await readDb.milestone.findMany({
    where: { status: "planned", dueDate: { gte: since, lte: soon }, proposal: { historical: false } },
    select: {
      id: true,
      title: true,
      dueDate: true,
      assigneeId: true,
      proposalId: true,
      proposal: { select: { ownerId: true, watches: { select: { userId: true } } } },
    },
    orderBy: { dueDate: "asc" },
  });
  const notices: Notice[] = [];
  for (const m of milestones) {
    const kind: NotificationKind = m.dueDate < today ? "milestone_overdue" : "milestone_due";
    const due = dayString(m.dueDate);
    const people = new Set([m.assigneeId, m.proposal.ownerId, ...m.proposal.watches.map((w) => w.userId)].filter((x): x is string => Boolean(x)));
    for (const userId of people) {
      notices.push({
        userId,
        kind,
        proposalId: m.proposalId,
        milestoneId: m.id,
        params: JSON.stringify({ due, milestone: m.title }),
        dedupeKey: `${kind === "milestone_due" ? "due" : "overdue"}:${m.id}:${due}:${userId}`,
      });
    }
  }
  const written = new Set<string>();
  for (let i = 0; i < notices.length; i += 500) {
    const keys = notices.slice(i, i + 500).map((n) => n.dedupeKey);
    for (const r of await readDb.notification.findMany({ where: { dedupeKey: { in: keys } }, select: { dedupeKey: true } })) written.add(r.dedupeKey!);
  }
  return notices.filter((n) => !written.has(n.dedupeKey));
}

/** Writes the scan's notices, 500 to a transaction; a notice another run wrote meanwhile is skipped. */
export async function runScan(now: Date): Promise<number> {
  const notices = await planScan(now);
  let written = 0;
  for (let i = 0; i < notices.length; i += 500) {
    const chunk = notices.slice(i, i + 500);
    written += await writeTransaction((tx) => createNotifications(tx, chunk));
  }
  return written;
}

export type DigestPlan = { userId: string; email: string; periodKey: string; notificationIds: string[] };

/** The digests due for this period: users who asked for them with notifications not yet mailed, and no digest of this period yet. */
export async function planDigests(kind: "daily" | "weekly", now: Date): Promise<DigestPlan[]> {
  const key = periodKey(kind, now);
  const users = await readDb.user.findMany({
    where: { active: true, mailFrequency: kind, notifications: { some: { mailedAt: null, createdAt: { lte: now } } }, outbox: { none: { periodKey: key } } },
    select: {
      id: true,
      email: true,
      notifications: { where: { mailedAt: null, createdAt: { lte: now } }, select: { id: true }, orderBy: { createdAt: "asc" } },
    },
    orderBy: { id: "asc" },
  });
  return users.map((u) => ({ userId: u.id, email: u.email, periodKey: key, notificationIds: u.notifications.map((n) => n.id) }));
}

/**
 * Queues each digest of the period in its own transaction with the marking of its notifications
 * as mailed. A digest of the period that exists already (another process, an earlier run) fails
 * the unique (user, period) index or the check before it, and that transaction writes nothing.
 */
export async function runDigests(kind: "daily" | "weekly", now: Date): Promise<number> {
  let queued = 0;
  for (const p of await planDigests(kind, now)) {
    try {
      const done = await writeTransaction(async (tx) => {
        const user = await tx.user.findUnique({ where: { id: p.userId }, select: { id: true, email: true, locale: true, mailFrequency: true, active: true } });
        if (!user?.active || user.mailFrequency !== kind) return false;
        if (await tx.outboxMessage.findUnique({ where: { userId_periodKey: { userId: p.userId, periodKey: p.periodKey } }, select: { id: true } }))
          return false;
        const still = await tx.notification.findMany({ where: { id: { in: p.notificationIds }, mailedAt: null }, select: { id: true } });
        if (!still.length) return false;
        const ids = still.map((n) => n.id);
        await enqueueMail(tx, user, kind, ids, p.periodKey);
        await tx.notification.updateMany({ where: { id: { in: ids } }, data: { mailedAt: now } });
        return true;
      });
      if (done) queued += 1;
    } catch (error) {
      if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") continue;
      throw error;
    }
  }
  return queued;
}

export type RunReport = {
  scan: { ran: boolean; notices: number };
  daily: { ran: boolean; digests: number };
  weekly: { ran: boolean; digests: number };
  delivered: { ran: boolean; sent: number; retry: number; failed: number };
};

/** Runs the named jobs once, each under its lease (what `npm run notify:run` does). */
export async function runJobs(jobs: readonly JobName[], options: { now?: Date; holder?: string; sender?: MailSender } = {}): Promise<RunReport> {
  const now = options.now ?? new Date();
  const holder = options.holder ?? newHolder();
  const report: RunReport = {
    scan: { ran: false, notices: 0 },
    daily: { ran: false, digests: 0 },
    weekly: { ran: false, digests: 0 },
    delivered: { ran: false, sent: 0, retry: 0, failed: 0 },
  };
  if (jobs.includes("scan")) {
    const r = await withLease("scan", holder, () => runScan(now));
    if (r.ran) report.scan = { ran: true, notices: r.result };
  }
  for (const kind of ["daily", "weekly"] as const) {
    if (!jobs.includes(`digest:${kind}`)) continue;
    const r = await withLease(`digest:${kind}`, holder, () => runDigests(kind, now));
    if (r.ran) report[kind] = { ran: true, digests: r.result };
  }
  if (jobs.includes("deliver")) {
    // Delivery claims each message, so it needs no lease: any process may send any message once.
    // Its clock is read when it starts, so that it sends what the jobs before it queued.
    const outcomes = await deliverDue({ now: options.now ?? new Date(), sender: options.sender });
    report.delivered = {
      ran: true,
      sent: outcomes.filter((o) => o.result === "sent").length,
      retry: outcomes.filter((o) => o.result === "retry").length,
      failed: outcomes.filter((o) => o.result === "failed").length,
    };
  }
  return report;
}

/** What the jobs would do now, written nowhere. */
export async function planJobs(now = new Date()) {
  const [notices, daily, weekly, outbox] = await Promise.all([planScan(now), planDigests("daily", now), planDigests("weekly", now), dueMessages(now, 1000)]);
  return { notices, daily, weekly, outbox };
}
