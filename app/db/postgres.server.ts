// The PostgreSQL provider (docs/decisions/018-postgresql.md): Prisma's client generated from
// prisma/postgresql/schema.prisma, over @prisma/adapter-pg and one pg pool per process.
// - Reads run on the pool, in parallel; READ COMMITTED shows committed data only.
// - Every write transaction first takes one transaction-scoped advisory lock, so writes are
//   serialised across all app processes as SQLite serialises them with its file lock: the audit
//   chain's head is read and extended by one writer at a time, and no two transactions can
//   deadlock on each other's rows. lock_timeout bounds the wait; past it the write is refused
//   as busy (503), never left queued.
import { createRequire } from "node:module";
import pg from "pg";
import { parse } from "pg-connection-string";
import { PrismaPg } from "@prisma/adapter-pg";
import type { PrismaClient } from "@prisma/client";
import { countStatement } from "~/lib/request-scope.server";
import { countingAdapter } from "./counting-adapter.server";

/** The key of the advisory lock every write transaction holds (any constant shared by all processes). */
export const WRITE_LOCK_KEY = 13_2026;

/** pg hands timestamps without time zone to JS as local time; Prisma stores UTC in them. */
export const postgresTypes = {
  getTypeParser(oid: number, format?: "text" | "binary") {
    if (oid === pg.types.builtins.TIMESTAMP) return (value: string) => new Date(`${value.replace(" ", "T")}Z`);
    if (oid === pg.types.builtins.INT8) return (value: string) => BigInt(value);
    return pg.types.getTypeParser(oid, format ?? "text");
  },
} as pg.CustomTypesConfig;

export type PostgresClients = {
  db: PrismaClient;
  readDb: PrismaClient;
  pool: pg.Pool;
  /** Rows of one raw query on the pool, with `$1…` placeholders: the audit log's and verification's reads. */
  query(sql: string, params: unknown[]): Promise<Record<string, unknown>[]>;
};

export function createPostgresClients(url: string, options: { poolSize: number; connectTimeoutMs: number; queryTimeoutMs: number }): PostgresClients {
  // The client generated for PostgreSQL (postinstall: prisma generate --schema prisma/postgresql/schema.prisma).
  // Loaded only here, so a SQLite installation never loads it. Its API is the SQLite client's:
  // both come from one schema source.
  const require = createRequire(import.meta.url);
  const { PrismaClient: PostgresPrismaClient } = require(".prisma/client-pg") as { PrismaClient: new (options: unknown) => PrismaClient };
  // Every wait is bounded (docs/decisions/010-storage-faults.md): a server that does not answer a
  // connection, or a query, is a 503 after these times, not a request that hangs. A connection
  // whose pool.query failed is dropped by the pool, so half-open ones left by a network fault go;
  // a connection checked out by hand is destroyed on failure by whoever holds it (snapshotQuery).
  const pool = new pg.Pool({
    ...(parse(url) as pg.PoolConfig),
    max: options.poolSize,
    application_name: "summit-tracker",
    connectionTimeoutMillis: options.connectTimeoutMs,
    query_timeout: options.queryTimeoutMs,
    keepAlive: true,
  });
  // An idle connection the server ends (a restart, a failover) is replaced on next use; it must
  // not end the process as an unhandled 'error' event.
  pool.on("error", (error) => console.warn(`postgresql: idle connection lost: ${error.message}`));
  const db = new PostgresPrismaClient({ adapter: countingAdapter(new PrismaPg(pool)) });
  return {
    db,
    readDb: db,
    pool,
    async query(sql, params) {
      const result = await countStatement(() => pool.query({ text: sql, values: params, types: postgresTypes }));
      return result.rows as Record<string, unknown>[];
    },
  };
}

/**
 * Rows of several queries from one snapshot: one REPEATABLE READ, READ ONLY transaction on a
 * connection of its own. A failure destroys that connection rather than returning it to the
 * pool: a timed-out query may still be running on the server with its transaction open (and a
 * ROLLBACK queued behind it never sent), and the next borrower would inherit a read-only
 * snapshot. Checking the connection out is not counted as a statement, nor the wait as SQL time.
 */
export async function snapshotQuery(pool: pg.Pool, queries: readonly { text: string; values: unknown[] }[]): Promise<unknown[][]> {
  const client = await pool.connect();
  // A connection that fails while checked out emits "error": handled here, not a process crash.
  const onError = () => {};
  client.on("error", onError);
  let broken: Error | undefined;
  try {
    await countStatement(() => client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"));
    const out: unknown[][] = [];
    for (const q of queries) out.push((await countStatement(() => client.query({ text: q.text, values: q.values, types: postgresTypes }))).rows);
    await countStatement(() => client.query("COMMIT"));
    return out;
  } catch (error) {
    broken = error instanceof Error ? error : new Error(String(error));
    throw error;
  } finally {
    client.off("error", onError);
    client.release(broken);
  }
}

/** `?` placeholders (the SQLite spelling the shared raw SQL uses) as `$1, $2…`. */
export function numberedPlaceholders(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}

/** SQLSTATEs that mean "try again later": lock timeout, serialisation failure, deadlock, statement timeout. */
export function isPostgresBusy(error: unknown): boolean {
  for (let e = error as { code?: unknown; cause?: unknown; meta?: { driverAdapterError?: unknown } } | undefined, depth = 0; e && depth < 5; depth++) {
    if (typeof e.code === "string" && /^(55P03|40001|40P01|57014)$/.test(e.code)) return true;
    const text = String((e as { message?: unknown }).message ?? "");
    if (/lock timeout|could not obtain lock|deadlock detected|could not serialize|canceling statement due to/i.test(text)) return true;
    e = (e.meta?.driverAdapterError ?? e.cause) as typeof e;
  }
  return false;
}
