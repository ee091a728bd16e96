// A connection of its own to a test database, for code that must not load the app's database
// module (the browser tests, whose sign-in fixture binds the app to the e2e server's database)
// and for tests that act as another program. Values go in and rows come back as
// tests/support/sql.ts describes: `?` placeholders, quoted identifiers, integers as numbers,
// timestamps as SQLite's ISO text, booleans as 1/0.
import Database from "better-sqlite3";
import pg from "pg";
import { parse } from "pg-connection-string";
import { numberedPlaceholders, postgresTypes } from "~/db/postgres.server";

export type SqlParam = string | number | bigint | boolean | Date | Buffer | null;

/** A Date as UTC text, the form Prisma stores on SQLite; PostgreSQL's timestamp(3) reads it as that instant. */
export const sqlDate = (date: Date) => date.toISOString().replace("Z", "+00:00");

export function inParam(value: SqlParam, onPostgres: boolean): unknown {
  if (value instanceof Date) return sqlDate(value);
  if (typeof value === "boolean" && !onPostgres) return value ? 1 : 0;
  return value;
}

/** The parameters as the driver of one provider or the other takes them. */
export const inParams = (params: readonly SqlParam[], onPostgres: boolean) => params.map((value) => inParam(value, onPostgres));

function outValue(value: unknown): unknown {
  if (typeof value === "bigint") return Number.isSafeInteger(Number(value)) ? Number(value) : value;
  if (value instanceof Date) return sqlDate(value);
  if (typeof value === "boolean") return value ? 1 : 0;
  return value;
}

export const outRow = (row: Record<string, unknown>) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, outValue(v)]));

/** A connection of its own, as another program (an attacker, another tool) would open. */
export type SqlConnection = {
  run(sql: string, ...params: SqlParam[]): Promise<number>;
  all<T = Record<string, unknown>>(sql: string, ...params: SqlParam[]): Promise<T[]>;
  exec(script: string): Promise<void>;
  close(): Promise<void>;
};

/**
 * Opens a connection of its own to `target`: a SQLite file path or `file:` URL, or a PostgreSQL
 * URL (its options, e.g. search_path, apply).
 */
export async function sqlConnection(target: string): Promise<SqlConnection> {
  if (/^postgres(ql)?:\/\//i.test(target)) {
    const client = new pg.Client({ ...(parse(target) as pg.ClientConfig), types: postgresTypes });
    await client.connect();
    const query = (sql: string, params: SqlParam[]) => client.query(numberedPlaceholders(sql), inParams(params, true));
    return {
      run: async (sql, ...params) => (await query(sql, params)).rowCount ?? 0,
      all: async <T>(sql: string, ...params: SqlParam[]) => (await query(sql, params)).rows.map(outRow) as T[],
      exec: async (script) => void (await client.query(script)),
      close: () => client.end(),
    };
  }
  const conn = new Database(target.replace(/^file:/, ""));
  conn.pragma("busy_timeout = 5000");
  return {
    run: async (sql, ...params) => Number(conn.prepare(sql).run(...inParams(params, false)).changes),
    all: async <T>(sql: string, ...params: SqlParam[]) => (conn.prepare(sql).all(...inParams(params, false)) as Record<string, unknown>[]).map(outRow) as T[],
    exec: async (script) => void conn.exec(script),
    close: async () => void conn.close(),
  };
}
