// Prepared statements on the bare better-sqlite3 connections, kept for reuse. Compiling a
// statement costs more than running a small one; the audit log prepared each of its queries
// on every request. Keyed by connection, so a connection reopened after a storage fault gets
// fresh statements and the old ones go with the closed handle.
//
// SQLite only: PostgreSQL (issue 13) runs the same SQL through the pg pool (app/db.server.ts,
// rawRead), unnamed, so the server parses each call; Prisma's own statements are prepared by the
// patched adapter (patches/).
import type Database from "better-sqlite3";

const MAX_PER_CONNECTION = 200;
const byConnection = new WeakMap<Database.Database, Map<string, Database.Statement>>();

/**
 * The statement for `sql` on `conn`, prepared once. Integers come back as numbers (the adapter
 * turns on bigints for the connection; seq and counts stay far below 2^53).
 */
export function prepared(conn: Database.Database, sql: string): Database.Statement {
  let cache = byConnection.get(conn);
  if (!cache) byConnection.set(conn, (cache = new Map()));
  let statement = cache.get(sql);
  if (!statement) {
    // The SQL is built from a fixed set of filter combinations; the bound keeps a mistake cheap.
    if (cache.size >= MAX_PER_CONNECTION) cache.delete(cache.keys().next().value!);
    statement = conn.prepare(sql).safeIntegers(false);
    cache.set(sql, statement);
  }
  return statement;
}
