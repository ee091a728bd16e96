// "My work" (issue 12): what one person has to do and follow, each one click from acting.
import { join } from "~/lib/sql.server";
import { readDb } from "~/db.server";
import { column, rowParser } from "~/lib/sql-rows.server";
import { EVENT_SELECT, toRow, type AuditRow } from "~/modules/audit/queries.server";
import { daysOverdue } from "~/modules/milestones/progress";
import { CLOSED_STATUSES, filterCutoffs } from "~/modules/proposals/filter-types";
import { listProposals } from "~/modules/proposals/queries.server";
import { parseProposalFilters } from "~/modules/proposals/filters.server";
import { myProposalsQuery } from "./links";

import { CHANGES_WITHIN_DAYS, DUE_WITHIN_DAYS } from "./windows";
const DAY = 86_400_000;

export async function myProposals(userId: string, limit = 15) {
  const list = await listProposals(parseProposalFilters(new URLSearchParams(myProposalsQuery(userId))));
  return { total: list.total, rows: list.rows.slice(0, limit) };
}

const milestoneRow = rowParser("my milestone", {
  id: column.text,
  title: column.text,
  dueDate: column.date,
  note: column.text,
  version: column.int,
  assigneeId: column.textOrNull,
  assigneeName: column.textOrNull,
  proposalId: column.text,
  reference: column.text,
  proposalTitle: column.text,
  ownerId: column.text,
});

/**
 * Planned milestones that are mine — assigned to me, or unassigned on a proposal I own — overdue
 * or due within DUE_WITHIN_DAYS, soonest first.
 */
export async function myMilestones(userId: string, today = new Date(), limit = 100) {
  const { overdueBefore } = filterCutoffs(today);
  const until = new Date(overdueBefore.getTime() + DUE_WITHIN_DAYS * DAY);
  const rows = milestoneRow.rows(
    await readDb.$queryRaw`
      SELECT m."id", m."title", m."dueDate", m."note", m."version", m."assigneeId", a."name" AS "assigneeName",
             p."id" AS "proposalId", p."reference", p."title" AS "proposalTitle", p."ownerId"
      FROM "Milestone" m JOIN "Proposal" p ON p."id" = m."proposalId" LEFT JOIN "User" a ON a."id" = m."assigneeId"
      WHERE m."status" = 'planned' AND m."dueDate" < ${until}
        AND (m."assigneeId" = ${userId} OR (m."assigneeId" IS NULL AND p."ownerId" = ${userId}))
        AND p."status" NOT IN (${join(CLOSED_STATUSES)})
      ORDER BY m."dueDate", m."id" LIMIT ${limit}`,
  );
  const all = rows.map((m) => ({ ...m, daysOverdue: daysOverdue({ status: "planned", dueDate: m.dueDate }, today) }));
  return { overdue: all.filter((m) => m.dueDate < overdueBefore), dueSoon: all.filter((m) => m.dueDate >= overdueBefore) };
}

const changedRow = rowParser("watched change", { proposalId: column.text, n: column.int, lastSeq: column.int });
// Sign-ins, refusals, who follows what and the demo data's import are not news about a proposal.
const NOT_CHANGES = ["auth.login", "auth.login_failed", "auth.logout", "auth.forbidden", "proposal.watched", "proposal.unwatched", "proposal.imported"];

/**
 * Proposals I follow (watched, or mine) that others changed in the last CHANGES_WITHIN_DAYS
 * days, the latest change first: each with how many changes and the latest one.
 */
export async function watchedChanges(userId: string, today = new Date(), limit = 12) {
  const since = new Date(today.getTime() - CHANGES_WITHIN_DAYS * DAY);
  const [changed, watching] = await Promise.all([
    readDb.$queryRaw`
      SELECT e."proposalId" AS "proposalId", COUNT(*) AS "n", MAX(e."seq") AS "lastSeq"
      FROM "AuditEvent" e JOIN "Proposal" p ON p."id" = e."proposalId"
      WHERE (p."ownerId" = ${userId} OR p."id" IN (SELECT w."proposalId" FROM "Watch" w WHERE w."userId" = ${userId}))
        AND e."occurredAt" >= ${since} AND (e."actorId" IS NULL OR e."actorId" <> ${userId})
        AND e."action" NOT IN (${join(NOT_CHANGES)})
        -- The demo data's import (prisma/seed.ts, request ids "seed-…") is history, not news.
        AND NOT (e."actorId" IS NULL AND e."requestId" LIKE 'seed-%')
      GROUP BY e."proposalId" ORDER BY MAX(e."seq") DESC LIMIT ${limit}`,
    readDb.watch.count({ where: { userId } }),
  ]);
  const rows = changedRow.rows(changed);
  const latest = await readDb.auditEvent.findMany({
    where: { seq: { in: rows.map((r) => r.lastSeq) } },
    orderBy: { seq: "desc" },
    select: EVENT_SELECT,
  });
  const counts = new Map(rows.map((r) => [r.proposalId, r.n]));
  const events: (AuditRow & { changesSince: number })[] = latest.map((e) => ({ ...toRow(e), changesSince: counts.get(e.proposalId ?? "") ?? 1 }));
  return { watching, events };
}

/** Whether a user watches a proposal, and who does (the proposal page says so). */
export async function watchersOf(proposalId: string) {
  const rows = await readDb.watch.findMany({ where: { proposalId }, select: { user: { select: { id: true, name: true } } }, orderBy: { createdAt: "asc" } });
  return rows.map((r) => r.user);
}
