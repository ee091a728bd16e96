// Full-text search over proposals (docs/decisions/006-full-text-search.md): SQLite FTS5, so this
// whole module is a per-provider seam. The list's filter (proposalWhere) and its relevance
// order take their SQL from here and nowhere else.
//
// PostgreSQL (issue 13) will need: a tsvector over the same five columns, weighted with
// setweight (A reference, title; B summary; C quote, lead organisation) under the 'simple'
// configuration with unaccent, kept by a generated column or trigger, with a GIN index; the
// condition `search @@ to_tsquery('simple', unaccent('seism:* & tash:*'))` (the same words as
// ftsQuery, as prefix terms); and ts_rank_cd for the rank, where larger is better (bm25 here is
// smaller for better matches, so the order's direction flips too). No rowid there: join on "id".
import { Prisma } from "@prisma/client";

/**
 * The user's words as an FTS5 query: each word a quoted prefix term, all required. Quoting
 * keeps any FTS syntax the user types from reaching the engine. Null when no word remains.
 */
export function ftsQuery(q: string): string | null {
  const words = q
    .normalize("NFKC")
    .toLowerCase()
    .match(/[\p{L}\p{N}]+/gu);
  if (!words?.length) return null;
  return words
    .slice(0, 12)
    .map((w) => `"${w}"*`)
    .join(" AND ");
}

/** Condition on `p` ("Proposal"): the proposals matching every word of `q`; none when `q` has no word. */
export function searchCondition(q: string): Prisma.Sql {
  const match = ftsQuery(q);
  // The FTS table is external-content over "Proposal": its rowid is the proposal's rowid.
  return match ? Prisma.sql`p.rowid IN (SELECT rowid FROM "ProposalSearch" WHERE "ProposalSearch" MATCH ${match})` : Prisma.sql`0 = 1`;
}

/**
 * What a query on `p` adds to order by relevance: a join, and the rank expression (smaller is
 * better: ascending is best first). Column weights: reference 10, title 8, summary 3, source
 * quote 2, lead organisation 2. Without words every row ranks 0 and no join is made.
 */
export function relevance(q: string | undefined): { join: Prisma.Sql; rank: Prisma.Sql } {
  const match = q ? ftsQuery(q) : null;
  if (!match) return { join: Prisma.empty, rank: Prisma.sql`0` };
  return {
    join: Prisma.sql`LEFT JOIN (
      SELECT rowid AS "rid", bm25("ProposalSearch", 10.0, 8.0, 3.0, 2.0, 2.0) AS "rank"
      FROM "ProposalSearch" WHERE "ProposalSearch" MATCH ${match}
    ) AS "s" ON "s"."rid" = p.rowid`,
    rank: Prisma.sql`COALESCE("s"."rank", 0)`,
  };
}
