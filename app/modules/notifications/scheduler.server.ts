// The in-process schedule (issue 17): croner runs the jobs of ./jobs.server.ts in every app
// process; the lease rows make one process at a time run each, and delivery claims message by
// message. `protect` keeps a slow run from overlapping the next tick of the same job; an error is
// logged and the next tick tries again (a full disk, a database that went away).
import { Cron } from "croner";
import { env } from "~/config/env.server";
import { newHolder, runJobs, type JobName } from "./jobs.server";

export type Scheduler = { holder: string; stop: () => void };

const SCHEDULE: readonly { pattern: string; jobs: readonly JobName[] }[] = [
  // Immediate mail goes out within 15 seconds of the change.
  { pattern: "*/15 * * * * *", jobs: ["deliver"] },
  { pattern: "5 * * * *", jobs: ["scan"] },
  { pattern: `0 ${env.DIGEST_HOUR} * * *`, jobs: ["digest:daily"] },
  { pattern: `0 ${env.DIGEST_HOUR} * * 1`, jobs: ["digest:weekly"] },
];

export function startScheduler(): Scheduler {
  const holder = newHolder();
  let runs = 0;
  if (env.NODE_ENV === "production" && env.SMTP_URL && !env.APP_URL) {
    console.warn("notifications: APP_URL is not set, so links in e-mail point at http://localhost; set it to the address people use.");
  }
  const crons = SCHEDULE.map(
    ({ pattern, jobs }) =>
      new Cron(
        pattern,
        {
          name: `${holder} ${jobs.join(",")}`,
          timezone: env.NOTIFY_TIMEZONE,
          protect: true,
          unref: true,
          catch: (error) => console.error(`notifications: ${jobs.join(", ")} failed:`, (error as Error)?.message ?? error),
        },
        async () => {
          // A holder per run: two runs of one job in this process (the scan after start and the
          // hourly one) do not share a lease, so neither lets the other's go.
          await runJobs(jobs, { holder: `${holder}#${(runs += 1)}` });
        },
      ),
  );
  // The scan also runs soon after start, so a milestone that fell due while no process ran is
  // not left until the next hour.
  const first = setTimeout(() => {
    runJobs(["scan"], { holder: `${holder}#start` }).catch((error) => console.error("notifications: scan failed:", (error as Error)?.message ?? error));
  }, 10_000);
  first.unref();
  return {
    holder,
    stop: () => {
      clearTimeout(first);
      crons.forEach((c) => c.stop());
    },
  };
}
