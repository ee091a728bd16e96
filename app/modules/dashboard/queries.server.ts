// Figures for the dashboard. Counts use the same WHERE builder as the list, so a number and
// the list it links to always agree.
import { Prisma } from "@prisma/client";
import { readDb } from "~/db.server";
import { daysOverdue } from "~/modules/milestones/progress";
import { proposalWhere } from "~/modules/proposals/queries.server";
import type { ProposalFilters } from "~/modules/proposals/schemas";

type Scope = Omit<ProposalFilters, "sort" | "dir" | "page">;
export const ALL: Scope = { status: [], area: [], country: [], health: [], historical: "include" };

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
