// The list's filters as SQL: the one WHERE builder behind the list, its facet counts, the board,
// the timeline, the briefing, the exports and every dashboard figure that links to the list.
// A count that links to /proposals?… parses the link's query string (parseProposalFilters) and
// counts under this clause, so the number and the list it opens cannot disagree.
import { sql, join, type Sql } from "~/lib/sql.server";
import { CLOSED_STATUSES, filterCutoffs, type ProposalScope } from "./filter-types";
import { searchCondition } from "./search.server";

export type { ProposalScope } from "./filter-types";

/** The condition on `p` ("Proposal" p) for the proposals `f` chooses, as of `now`. */
export function proposalWhere(f: ProposalScope, now = new Date()): Sql {
  return join([sql`1 = 1`, ...proposalConditions(f, now)], " AND ");
}

/** proposalWhere's conditions one by one: none when `f` keeps every proposal. */
export function proposalConditions(f: ProposalScope, now = new Date()): Sql[] {
  const parts: Sql[] = [];
  if (f.status.length) parts.push(sql`p."status" IN (${join(f.status)})`);
  if (f.area.length) parts.push(sql`p."area" IN (${join(f.area)})`);
  if (f.health.length) parts.push(sql`p."health" IN (${join(f.health)})`);
  if (f.owner) parts.push(sql`p."ownerId" = ${f.owner}`);
  if (f.assignee) parts.push(sql`p."id" IN (SELECT m."proposalId" FROM "Milestone" m WHERE m."assigneeId" = ${f.assignee})`);
  if (f.country.length) {
    parts.push(sql`p."id" IN (SELECT c."proposalId" FROM "ProposalCountry" c WHERE c."country" IN (${join(f.country)}))`);
  }
  if (f.historical === "only") parts.push(sql`p."historical" = ${true}`);
  if (f.historical === "exclude") parts.push(sql`p."historical" = ${false}`);
  if (f.summit.length) parts.push(sql`p."summitId" IN (${join(f.summit)})`);
  if (f.q) parts.push(searchCondition(f.q));
  const cut = filterCutoffs(now);
  if (f.overdue) {
    // The overdue milestones once, as a set (the ("status", "dueDate") index), not a correlated
    // EXISTS: SQLite answered that from the same index per proposal, scanning every overdue
    // milestone in the database until it found one of that proposal's.
    parts.push(sql`p."id" IN (SELECT m."proposalId" FROM "Milestone" m WHERE m."status" = 'planned' AND m."dueDate" < ${cut.overdueBefore})`);
  }
  if (f.stale) {
    parts.push(sql`p."status" NOT IN (${join(CLOSED_STATUSES)})`);
    parts.push(f.stale === "red" ? sql`p."updatedAt" < ${cut.redBefore}` : sql`p."updatedAt" < ${cut.amberBefore} AND p."updatedAt" >= ${cut.redBefore}`);
  }
  return parts;
}
