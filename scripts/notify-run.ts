// npm run notify:run [-- --dry-run] [--jobs scan,digest:daily,digest:weekly,deliver] [--now <ISO time>]
// Runs the notification jobs once, as the in-server schedule would (issue 17): the due/overdue
// scan, the daily and weekly digests of the current period, and delivery of the outbox, each
// under its lease. With --dry-run it writes and sends nothing, and prints what it would do:
// the notices the scan would write, the digests it would queue and the messages it would send.
import { db } from "../app/db.server";
import { planJobs, runJobs, type JobName } from "../app/modules/notifications/jobs.server";
import { parseCommandLine, refuse } from "./args";

const USAGE = "npm run notify:run [-- --dry-run] [--jobs scan,digest:daily,digest:weekly,deliver] [--now <ISO time>]";
const JOBS: readonly JobName[] = ["scan", "digest:daily", "digest:weekly", "deliver"];
const { values } = parseCommandLine(USAGE, { "dry-run": { type: "boolean", default: false }, jobs: { type: "string" }, now: { type: "string" } });
const jobs = (values.jobs ? values.jobs.split(",").map((j) => j.trim()) : [...JOBS]) as JobName[];
const unknown = jobs.filter((j) => !JOBS.includes(j));
if (unknown.length) refuse(USAGE, `Unknown job: ${unknown.join(", ")} (the jobs are ${JOBS.join(", ")}).`);
const now = values.now ? new Date(values.now) : new Date();
if (Number.isNaN(now.getTime())) refuse(USAGE, `--now must be a date and time, got "${values.now}"`);

try {
  if (values["dry-run"]) {
    const plan = await planJobs(now);
    console.log(`Dry run at ${now.toISOString()}: nothing is written or sent.`);
    if (jobs.includes("scan")) {
      console.log(`Scan: would write ${plan.notices.length} notice(s) of milestones due within 7 days or overdue.`);
      const shown = plan.notices.slice(0, 50);
      const emails = new Map(
        (await db.user.findMany({ where: { id: { in: [...new Set(shown.map((n) => n.userId))] } }, select: { id: true, email: true } })).map((u) => [
          u.id,
          u.email,
        ]),
      );
      for (const n of shown) {
        const { due, milestone } = JSON.parse(String(n.params)) as { due: string; milestone: string };
        console.log(`  ${n.kind === "milestone_due" ? "due" : "overdue"} ${due} “${milestone}” to ${emails.get(n.userId) ?? n.userId}`);
      }
      if (plan.notices.length > 50) console.log(`  … and ${plan.notices.length - 50} more`);
    }
    for (const [job, digests] of [
      ["digest:daily", plan.daily],
      ["digest:weekly", plan.weekly],
    ] as const) {
      if (!jobs.includes(job)) continue;
      console.log(`${job}: would queue ${digests.length} digest(s).`);
      for (const d of digests) console.log(`  to ${d.email} (${d.periodKey}): ${d.notificationIds.length} notification(s)`);
    }
    if (jobs.includes("deliver")) {
      console.log(`Deliver: ${plan.outbox.length} message(s) due to be sent.`);
      for (const m of plan.outbox) console.log(`  to ${m.toAddress} [${m.kind}, attempt ${m.attempts + 1}]: ${m.subject}`);
    }
  } else {
    const report = await runJobs(jobs, { now });
    const said = (ran: boolean, text: string) => (ran ? text : "skipped (another process holds the job, or not asked for)");
    console.log(`Scan: ${said(report.scan.ran, `${report.scan.notices} notice(s) written`)}`);
    console.log(`Daily digests: ${said(report.daily.ran, `${report.daily.digests} queued`)}`);
    console.log(`Weekly digests: ${said(report.weekly.ran, `${report.weekly.digests} queued`)}`);
    const d = report.delivered;
    console.log(`Delivery: ${said(d.ran, `${d.sent} sent, ${d.retry} to retry, ${d.failed} failed`)}`);
  }
} finally {
  await db.$disconnect();
}
