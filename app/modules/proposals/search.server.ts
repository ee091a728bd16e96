// Full-text search over proposals (docs/decisions/006-full-text-search.md), the per-provider
// seam: SQLite's FTS5 table, or PostgreSQL's "ProposalSearch" of weighted tsvectors (migration
// 20261202030001_rules: A reference, title; B summary; C quote, lead organisation; accents and
// punctuation folded as FTS5's unicode61 folds them). The list's filter (proposalWhere) and its
// relevance order take their SQL from here and nowhere else. The rank is smaller-is-better on
// both (PostgreSQL's ts_rank is negated), so callers order ascending either way.
import { sql, raw, empty, type Sql } from "~/lib/sql.server";
import { databaseProvider } from "~/config/database-url.js";

const onPostgres = databaseProvider() === "postgresql";

/** The same words as ftsQuery, as a PostgreSQL tsquery of prefix terms: "seism:* & tash:*". */
export function tsQuery(q: string): string | null {
  const words = q
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .match(/[\p{L}\p{N}]+/gu);
  if (!words?.length) return null;
  return words
    .slice(0, 12)
    .map((w) => `${w}:*`)
    .join(" & ");
}

// Column weights {D, C, B, A}: reference and title weigh most, as bm25's 10 and 8 do on SQLite.
const PG_WEIGHTS = raw(`'{0.1, 0.2, 0.4, 1.0}'`);

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
export function searchCondition(q: string): Sql {
  if (onPostgres) {
    const query = tsQuery(q);
    return query ? sql`p."id" IN (SELECT "id" FROM "ProposalSearch" WHERE "document" @@ to_tsquery('simple', ${query}))` : sql`1 = 0`;
  }
  const match = ftsQuery(q);
  // The FTS table is external-content over "Proposal": its rowid is the proposal's rowid.
  return match ? sql`p.rowid IN (SELECT rowid FROM "ProposalSearch" WHERE "ProposalSearch" MATCH ${match})` : sql`0 = 1`;
}

/**
 * What a query on `p` adds to order by relevance: a join, and the rank expression (smaller is
 * better: ascending is best first). Column weights: reference 10, title 8, summary 3, source
 * quote 2, lead organisation 2. Without words every row ranks 0 and no join is made.
 */
export function relevance(q: string | undefined): { join: Sql; rank: Sql } {
  if (onPostgres) {
    const query = q ? tsQuery(q) : null;
    if (!query) return { join: empty, rank: sql`0` };
    return {
      join: sql`LEFT JOIN (
        SELECT "id" AS "rid", -ts_rank(${PG_WEIGHTS}, "document", to_tsquery('simple', ${query})) AS "rank"
        FROM "ProposalSearch" WHERE "document" @@ to_tsquery('simple', ${query})
      ) AS "s" ON "s"."rid" = p."id"`,
      rank: sql`COALESCE("s"."rank", 0)`,
    };
  }
  const match = q ? ftsQuery(q) : null;
  if (!match) return { join: empty, rank: sql`0` };
  return {
    join: sql`LEFT JOIN (
      SELECT rowid AS "rid", bm25("ProposalSearch", 10.0, 8.0, 3.0, 2.0, 2.0) AS "rank"
      FROM "ProposalSearch" WHERE "ProposalSearch" MATCH ${match}
    ) AS "s" ON "s"."rid" = p.rowid`,
    rank: sql`COALESCE("s"."rank", 0)`,
  };
}

/**
 * Words that say nothing about which proposal a text is: the Dialogue's own names and the
 * commonest words of its documents, in the languages the intake reads.
 */
const COMMON_WORDS = new Set(
  (
    "the and for with from that this which their these those into within between about also will would " +
    "central asia asian japan japanese dialogue cooperation countries country region regional states state " +
    "proposed propose proposal establish establishment development develop joint format framework expressed " +
    "centre center программа центральной центральная азии азия японии япония диалога сотрудничества " +
    "сотрудничество стран страны региона регион предложил предложено создать создание рамках также"
  ).split(" "),
);

/** The significant words of a text, for similarity: long enough, not common, each once, at most `max`. */
export function significantWords(text: string, max = 8): string[] {
  const words = text
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .match(/[\p{L}\p{N}]+/gu);
  const seen = new Set<string>();
  for (const w of words ?? []) if (w.length >= 4 && !COMMON_WORDS.has(w) && !/^\d+$/.test(w)) seen.add(w.slice(0, 7));
  return [...seen].slice(0, max);
}

/**
 * Proposals like a text (the intake's likely duplicates): those sharing at least two of its
 * significant words (as prefixes), best first by the search's own ranking. A query on `p`.
 */
export function similarity(text: string): { join: Sql; rank: Sql } | null {
  const words = significantWords(text);
  if (words.length < 2) return null;
  const pairs: [string, string][] = [];
  for (let i = 0; i < words.length; i++) for (let j = i + 1; j < words.length; j++) pairs.push([words[i], words[j]]);
  if (onPostgres) {
    const query = pairs.map(([a, b]) => `(${a}:* & ${b}:*)`).join(" | ");
    return {
      join: sql`JOIN (
        SELECT "id" AS "rid", -ts_rank(${PG_WEIGHTS}, "document", to_tsquery('simple', ${query})) AS "rank"
        FROM "ProposalSearch" WHERE "document" @@ to_tsquery('simple', ${query})
      ) AS "s" ON "s"."rid" = p."id"`,
      rank: sql`"s"."rank"`,
    };
  }
  const match = pairs.map(([a, b]) => `("${a}"* AND "${b}"*)`).join(" OR ");
  return {
    join: sql`JOIN (
      SELECT rowid AS "rid", bm25("ProposalSearch", 10.0, 8.0, 3.0, 2.0, 2.0) AS "rank"
      FROM "ProposalSearch" WHERE "ProposalSearch" MATCH ${match}
    ) AS "s" ON "s"."rid" = p.rowid`,
    rank: sql`"s"."rank"`,
  };
}
