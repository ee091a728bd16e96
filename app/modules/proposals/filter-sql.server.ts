// The list's filters as SQL: the one WHERE builder behind the list, its facet counts, the board,
// the timeline, the briefing, the exports and every dashboard figure that links to the list.
// A count that links to /proposals?… parses the link's query string (parseProposalFilters) and
// counts under this clause, so the number and the list it opens cannot disagree.
import { Prisma } from "@prisma/client";
import { CLOSED_STATUSES, filterCutoffs, type ProposalScope } from "./filter-types";
import { searchCondition } from "./search.server";

export type { ProposalScope } from "./filter-types";

/** The condition on `p` ("Proposal" p) for the proposals `f` chooses, as of `now`. */
export function proposalWhere(f: ProposalScope, now = new Date()): Prisma.Sql {
  const parts: Prisma.Sql[] = [Prisma.sql`1 = 1`];
  if (f.status.length) parts.push(Prisma.sql`p."status" IN (${Prisma.join(f.status)})`);
  if (f.area.length) parts.push(Prisma.sql`p."area" IN (${Prisma.join(f.area)})`);
  if (f.health.length) parts.push(Prisma.sql`p."health" IN (${Prisma.join(f.health)})`);
  if (f.owner) parts.push(Prisma.sql`p."ownerId" = ${f.owner}`);
  if (f.assignee) parts.push(Prisma.sql`p."id" IN (SELECT m."proposalId" FROM "Milestone" m WHERE m."assigneeId" = ${f.assignee})`);
  if (f.country.length) {
    parts.push(Prisma.sql`p."id" IN (SELECT c."proposalId" FROM "ProposalCountry" c WHERE c."country" IN (${Prisma.join(f.country)}))`);
  }
  if (f.historical === "only") parts.push(Prisma.sql`p."historical" = ${true}`);
  if (f.historical === "exclude") parts.push(Prisma.sql`p."historical" = ${false}`);
  if (f.summit.length) parts.push(Prisma.sql`p."summitId" IN (${Prisma.join(f.summit)})`);
  if (f.q) parts.push(searchCondition(f.q));
  const cut = filterCutoffs(now);
  if (f.overdue) {
    // The overdue milestones once, as a set (the ("status", "dueDate") index), not a correlated
    // EXISTS: SQLite answered that from the same index per proposal, scanning every overdue
    // milestone in the database until it found one of that proposal's.
    parts.push(Prisma.sql`p."id" IN (SELECT m."proposalId" FROM "Milestone" m WHERE m."status" = 'planned' AND m."dueDate" < ${cut.overdueBefore})`);
  }
  if (f.stale) {
    parts.push(Prisma.sql`p."status" NOT IN (${Prisma.join(CLOSED_STATUSES)})`);
    parts.push(
      f.stale === "red" ? Prisma.sql`p."updatedAt" < ${cut.redBefore}` : Prisma.sql`p."updatedAt" < ${cut.amberBefore} AND p."updatedAt" >= ${cut.redBefore}`,
    );
  }
  return Prisma.join(parts, " AND ");
}
