// The SQL written by hand in this app (docs/decisions/012-reading-data.md) sticks to what
// SQLite and PostgreSQL both run: quoted identifiers ("Proposal", p."ownerId" — PostgreSQL
// folds unquoted names to lower case), bound parameters, CASE, COALESCE, window functions,
// derived tables with an alias. The few spots SQLite spells its own way are the functions of
// this seam, in each provider's spelling. Full-text search has a module of
// its own (app/modules/proposals/search.server.ts); the bare better-sqlite3 connection used by
// the audit log and its verification is marked where it is used.
import { sql, join, raw, type Sql } from "~/lib/sql.server";
import { databaseProvider } from "~/config/database-url.js";

export type SqlDialect = {
  /** An expression to ORDER BY so that text sorts without regard to (ASCII) case. */
  caseless(expr: Sql): Sql;
  /** "YYYY-MM" of a DateTime column. */
  monthOf(expr: Sql): Sql;
  /** The integer that a text column holds from character `start` (1-based) on. */
  integerFrom(expr: Sql, start: number): Sql;
  /** A subquery of the strings of a JSON array bound at `param` (one statement for any number of ids). */
  jsonTextArray(param: string): string;
};

const sqlite: SqlDialect = {
  // PostgreSQL: lower(expr) (or a nondeterministic ICU collation); NOCASE folds ASCII only.
  caseless: (expr) => sql`${expr} COLLATE NOCASE`,
  // SQLite stores a DateTime as ISO text, so the month is its first seven characters.
  // PostgreSQL: to_char(expr, 'YYYY-MM') (the column is a timestamp there).
  monthOf: (expr) => sql`substr(${expr}, 1, 7)`,
  // SQLite casts "12a" to 12 and "x" to 0. PostgreSQL raises on anything but digits: there,
  // CAST(NULLIF(regexp_replace(substr(expr, start), '[^0-9].*$', ''), '') AS INTEGER).
  integerFrom: (expr, start) => sql`CAST(substr(${expr}, ${raw(String(Math.trunc(start)))}) AS INTEGER)`,
  jsonTextArray: (param) => `SELECT "value" FROM json_each(${param})`,
};

const postgresql: SqlDialect = {
  // Unicode-aware and the same order as SQLite's for ASCII text.
  caseless: (expr) => sql`lower(${expr})`,
  // A DateTime is a timestamp (UTC) there.
  monthOf: (expr) => sql`to_char(${expr}, 'YYYY-MM')`,
  // The leading digits only, as SQLite's CAST reads them; NULL (sorted as 0 by callers) when none.
  integerFrom: (expr, start) => sql`CAST(NULLIF(regexp_replace(substr(${expr}, ${raw(String(Math.trunc(start)))}), '[^0-9].*$', ''), '') AS INTEGER)`,
  jsonTextArray: (param) => `SELECT jsonb_array_elements_text(CAST(${param} AS jsonb))`,
};

/** The dialect of the configured database (DATABASE_URL). */
export const dialect: SqlDialect = databaseProvider() === "postgresql" ? postgresql : sqlite;

/**
 * An ORDER BY expression ranking a vocabulary column in the vocabulary's own order (STATUSES,
 * HEALTHS, AREAS…), so a sort follows the product's order rather than the alphabet; a value
 * outside the vocabulary sorts last. Portable: a CASE with the codes bound as parameters and
 * the ranks written as integers (a bound rank would be typed text by PostgreSQL, and "10" sorts
 * before "2").
 */
export function vocabularyOrder(expr: Sql, values: readonly string[]): Sql {
  const rank = (i: number) => raw(String(i));
  return sql`CASE ${expr} ${join(
    values.map((v, i) => sql`WHEN ${v} THEN ${rank(i)}`),
    " ",
  )} ELSE ${rank(values.length)} END`;
}
