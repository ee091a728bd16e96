// Raw SQL for tests that set up or tamper with data below the service layer, on either provider
// (docs/decisions/018-postgresql.md). Write the SQL once, with `?` placeholders and quoted
// identifiers ("Proposal", "createdAt": PostgreSQL folds unquoted names to lower case).
// - SQLite: prepared statements on the raw write connection.
// - PostgreSQL: the app's pool, with the placeholders numbered.
// Values: a Date goes in as the instant's UTC text, which both providers' timestamp columns
// read as that instant. Rows come back alike: integers as numbers (the SQLite adapter's
// connection reads them as bigint, as pg reads int8), timestamps as the ISO text SQLite stores
// ("…+00:00"), booleans as 1/0 as SQLite returns them.
import { postgres, rawWriteConnection } from "~/db.server";
import { numberedPlaceholders } from "~/db/postgres.server";
import { inParams as paramsFor, outRow, type SqlParam } from "./sql-connection";

export { sqlConnection, sqlDate, type SqlConnection, type SqlParam } from "./sql-connection";

/** The parameters as the app's provider's driver takes them. */
const inParams = (params: readonly SqlParam[]) => paramsFor(params, postgres !== null);

async function pgQuery(sql: string, params: readonly SqlParam[]): Promise<Record<string, unknown>[]> {
  return (await postgres!.query(numberedPlaceholders(sql), inParams(params))).map(outRow);
}

/** Runs one statement; resolves to the number of rows it changed. */
export async function sqlRun(sql: string, ...params: SqlParam[]): Promise<number> {
  if (postgres) {
    const result = await postgres.pool.query(numberedPlaceholders(sql), inParams(params));
    return result.rowCount ?? 0;
  }
  return Number((await rawWriteConnection()).prepare(sql).run(...inParams(params)).changes);
}

/** The first row of a query, or undefined. */
export async function sqlGet<T = Record<string, unknown>>(sql: string, ...params: SqlParam[]): Promise<T | undefined> {
  return (await sqlAll<T>(sql, ...params))[0];
}

/** All rows of a query. */
export async function sqlAll<T = Record<string, unknown>>(sql: string, ...params: SqlParam[]): Promise<T[]> {
  if (postgres) return (await pgQuery(sql, params)) as T[];
  return ((await rawWriteConnection()).prepare(sql).all(...inParams(params)) as Record<string, unknown>[]).map(outRow) as T[];
}

/** Runs a script of statements without parameters (one multi-statement query on PostgreSQL). */
export async function sqlExec(script: string): Promise<void> {
  if (postgres) await postgres.pool.query(script);
  else (await rawWriteConnection()).exec(script);
}

/**
 * Runs `work` with several statements in one transaction on one connection: on SQLite the raw
 * write connection, on PostgreSQL one pooled client (e.g. to set up many rows quickly).
 */
export async function sqlTransaction<T>(work: (run: (sql: string, ...params: SqlParam[]) => Promise<void>) => Promise<T>): Promise<T> {
  if (postgres) {
    const client = await postgres.pool.connect();
    try {
      await client.query("BEGIN");
      const result = await work(async (sql, ...params) => void (await client.query(numberedPlaceholders(sql), inParams(params))));
      await client.query("COMMIT");
      return result;
    } catch (error) {
      await client.query("ROLLBACK").catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }
  const raw = await rawWriteConnection();
  raw.exec("BEGIN");
  try {
    const result = await work(async (sql, ...params) => void raw.prepare(sql).run(...inParams(params)));
    raw.exec("COMMIT");
    return result;
  } catch (error) {
    if (raw.inTransaction) raw.exec("ROLLBACK");
    throw error;
  }
}

/**
 * Inserts many rows (objects with the same keys, the column names) into `table` in one
 * transaction, 100 rows a statement: few round trips on PostgreSQL, well within SQLite's limit
 * on bound parameters.
 */
export async function sqlInsert(table: string, rows: readonly Record<string, SqlParam>[]): Promise<void> {
  if (!rows.length) return;
  const columns = Object.keys(rows[0]);
  const tuple = `(${columns.map(() => "?").join(", ")})`;
  const head = `INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(", ")}) VALUES `;
  await sqlTransaction(async (run) => {
    for (let from = 0; from < rows.length; from += 100) {
      const batch = rows.slice(from, from + 100);
      await run(head + batch.map(() => tuple).join(", "), ...batch.flatMap((row) => columns.map((c) => row[c])));
    }
  });
}
