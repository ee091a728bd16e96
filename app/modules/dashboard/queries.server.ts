// Figures for the dashboard. Counts use the same WHERE builder as the list, so a number and
// the list it links to always agree.
import { Prisma } from "@prisma/client";
import { readDb } from "~/db.server";
import { daysOverdue } from "~/modules/milestones/progress";
import { proposalWhere } from "~/modules/proposals/queries.server";
import { STALE_DAYS, type ProposalFilters } from "~/modules/proposals/filter-types";

type Scope = Omit<ProposalFilters, "sort" | "dir" | "page">;
export const ALL: Scope = { status: [], area: [], country: [], health: [], historical: "include", overdue: false };

export async function countsBy(column: "status" | "area" | "health", scope: Scope = ALL): Promise<Record<string, number>> {
  const col = Prisma.raw(`p.${column}`);
  const rows = await readDb.$queryRaw<{ key: string; n: bigint | number }[]>`
    SELECT ${col} AS key, COUNT(*) AS n FROM Proposal p WHERE ${proposalWhere(scope)} GROUP BY ${col}`;
  return Object.fromEntries(rows.map((r) => [r.key, Number(r.n)]));
}

/** Progress (done ÷ non-cancelled milestones) overall and per area. */
export async function progressByArea(scope: Scope = ALL) {
  const rows = await readDb.$queryRaw<{ area: string; done: bigint | number; counted: bigint | number }[]>`
    SELECT p.area AS area,
           SUM(CASE WHEN m.status = 'done' THEN 1 ELSE 0 END) AS done,
           SUM(CASE WHEN m.status <> 'cancelled' THEN 1 ELSE 0 END) AS counted
    FROM Milestone m JOIN Proposal p ON p.id = m.proposalId
    WHERE ${proposalWhere(scope)}
    GROUP BY p.area`;
  const byArea = rows.map((r) => ({ area: r.area, done: Number(r.done), counted: Number(r.counted) }));
  const done = byArea.reduce((s, r) => s + r.done, 0);
  const counted = byArea.reduce((s, r) => s + r.counted, 0);
  return { overall: counted ? done / counted : null, byArea };
}

export async function overdueMilestones(today = new Date(), limit = 20) {
  const startOfToday = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate()));
  const rows = await readDb.milestone.findMany({
    where: { status: "planned", dueDate: { lt: startOfToday } },
    orderBy: { dueDate: "asc" },
    take: limit,
    select: {
      id: true,
      title: true,
      dueDate: true,
      status: true,
      proposal: { select: { id: true, reference: true, title: true, owner: { select: { name: true } } } },
    },
  });
  const total = await readDb.milestone.count({ where: { status: "planned", dueDate: { lt: startOfToday } } });
  return { total, rows: rows.map((m) => ({ ...m, daysOverdue: daysOverdue(m, today) })) };
}

export function atRiskProposals(limit = 20) {
  return readDb.proposal.findMany({
    where: { health: { in: ["at_risk", "off_track"] }, status: { notIn: ["completed", "dropped"] } },
    orderBy: [{ health: "desc" }, { reference: "asc" }],
    take: limit,
    select: { id: true, reference: true, title: true, health: true, status: true, owner: { select: { name: true } } },
  });
}

/** "YYYY-MM" for a date, in UTC. */
const monthOf = (d: Date) => d.toISOString().slice(0, 7);

/** Milestones due and done per month, from twelve months back to eleven ahead (24 in all). */
export async function milestonesByMonth(today = new Date()) {
  const months: string[] = [];
  for (let i = -12; i <= 11; i++) months.push(monthOf(new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() + i, 1))));
  const from = `${months[0]}-01`;
  const to = `${months.at(-1)}-31~`;
  const due = await readDb.$queryRaw<{ month: string; n: bigint | number }[]>`
    SELECT substr(dueDate, 1, 7) AS month, COUNT(*) AS n FROM Milestone
    WHERE status <> 'cancelled' AND dueDate >= ${from} AND dueDate <= ${to} GROUP BY month`;
  const done = await readDb.$queryRaw<{ month: string; n: bigint | number }[]>`
    SELECT substr(completedOn, 1, 7) AS month, COUNT(*) AS n FROM Milestone
    WHERE status = 'done' AND completedOn >= ${from} AND completedOn <= ${to} GROUP BY month`;
  const dueBy = new Map(due.map((r) => [r.month, Number(r.n)]));
  const doneBy = new Map(done.map((r) => [r.month, Number(r.n)]));
  return { current: monthOf(today), months: months.map((month) => ({ month, due: dueBy.get(month) ?? 0, done: doneBy.get(month) ?? 0 })) };
}

/** Active proposals with no change for a while: amber after 30 days, red after 60. */
export async function staleProposals(today = new Date(), limit = 15) {
  const amberCut = new Date(today.getTime() - STALE_DAYS.amber * 86_400_000);
  const redCut = new Date(today.getTime() - STALE_DAYS.red * 86_400_000);
  const rows = await readDb.proposal.findMany({
    where: { status: { notIn: ["completed", "dropped"] }, updatedAt: { lt: amberCut } },
    orderBy: { updatedAt: "asc" },
    take: limit,
    select: { id: true, reference: true, title: true, updatedAt: true, owner: { select: { name: true } } },
  });
  const [amber, red] = await Promise.all([
    readDb.proposal.count({ where: { status: { notIn: ["completed", "dropped"] }, updatedAt: { lt: amberCut, gte: redCut } } }),
    readDb.proposal.count({ where: { status: { notIn: ["completed", "dropped"] }, updatedAt: { lt: redCut } } }),
  ]);
  return {
    amber,
    red,
    rows: rows.map((p) => {
      const days = Math.floor((today.getTime() - p.updatedAt.getTime()) / 86_400_000);
      return { ...p, days, level: p.updatedAt < redCut ? ("red" as const) : ("amber" as const) };
    }),
  };
}

/** Proposals with at least one overdue milestone (what the "overdue" list filter shows). */
export async function overdueProposalCount(today = new Date()) {
  const start = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate()));
  return readDb.proposal.count({ where: { milestones: { some: { status: "planned", dueDate: { lt: start } } } } });
}
