// Database access. DATABASE_URL chooses the provider (docs/decisions/018-postgresql.md): the
// embedded SQLite file (the default, below) or a PostgreSQL server (app/db/postgres.server.ts).
// On SQLite, two connections to one file (docs/decisions/003-sqlite-connections.md):
// - `db` writes. Every write goes through `writeTransaction`, which the adapter serialises with
//   a mutex; its first statement takes the write lock up front, so a writer in another process
//   makes us wait busy_timeout there, never fail at COMMIT.
// - `readDb` reads. WAL gives it a consistent snapshot of committed data only, so a page never
//   shows another request's half-done (or later rolled-back) transaction.
import Database from "better-sqlite3";
import { PrismaClient, Prisma } from "@prisma/client";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { databaseFile, databaseProvider } from "./config/database-url.js";
import { createPostgresClients, isPostgresBusy, numberedPlaceholders, snapshotQuery, WRITE_LOCK_KEY, type PostgresClients } from "./db/postgres.server";
import { prepared } from "./lib/sqlite-statements.server";
import { countStatement, countStatementSync } from "./lib/request-scope.server";
import { countingAdapter } from "./db/counting-adapter.server";
import { env } from "./config/env.server";
import { applyPragmas, type SqlitePragmas } from "./lib/sqlite-pragmas.server";
import { classifyStorageError, noteStorageFault, noteStorageOk, StorageError } from "./lib/storage.server";
import { msg } from "./i18n/message";
import { render } from "./i18n/translate";

type RawDatabase = Database.Database;

/** Wraps the adapter factory so we hold the raw connection: pragmas and the rollback guard. */
function guardedAdapter(file: string, role: "write" | "read") {
  const inner = new PrismaBetterSQLite3({ url: file, timeout: env.SQLITE_BUSY_TIMEOUT_MS });
  const handle: { raw?: RawDatabase } = {};
  const factory = {
    provider: inner.provider,
    adapterName: inner.adapterName,
    async connect() {
      const adapter = await inner.connect();
      // The adapter keeps its better-sqlite3 handle in `client`.
      const holder = adapter as unknown as { client: RawDatabase };
      const raw = holder.client;
      try {
        applyPragmas(raw, { busyTimeoutMs: env.SQLITE_BUSY_TIMEOUT_MS, readOnly: role === "read" });
      } catch (error) {
        // A full disk or unwritable directory can refuse WAL's shared memory (SQLITE_IOERR_SHMSIZE)
        // at open: close this handle; Prisma connects again on the next query.
        raw.close();
        throw error;
      }
      handle.raw = raw;
      return adapter;
    },
    connectToShadowDb: () => inner.connectToShadowDb(),
  };
  return { factory, handle };
}

function createClients(file: string) {
  const write = guardedAdapter(file, "write");
  const read = guardedAdapter(file, "read");
  return {
    db: new PrismaClient({ adapter: countingAdapter(write.factory as never) }),
    readDb: new PrismaClient({ adapter: countingAdapter(read.factory as never) }),
    writeHandle: write.handle,
    readHandle: read.handle,
    file,
  };
}

/** Which database this process runs on. */
export const provider = databaseProvider(env.DATABASE_URL);

type SqliteClients = ReturnType<typeof createClients>;
type Clients = { db: PrismaClient; readDb: PrismaClient; sqlite: SqliteClients | null; postgres: PostgresClients | null };
const globalForDb = globalThis as unknown as { __summitDb?: Clients };
const clients = (globalForDb.__summitDb ??= openClients());

function openClients(): Clients {
  if (provider === "postgresql") {
    const postgres = createPostgresClients(env.DATABASE_URL, {
      poolSize: env.PG_POOL_SIZE,
      connectTimeoutMs: env.PG_CONNECT_TIMEOUT_MS,
      queryTimeoutMs: env.PG_QUERY_TIMEOUT_MS,
    });
    return { db: postgres.db, readDb: postgres.readDb, sqlite: null, postgres };
  }
  const sqlite = createClients(databaseFile(env.DATABASE_URL));
  return { db: sqlite.db, readDb: sqlite.readDb, sqlite, postgres: null };
}

export const db = clients.db;
export const readDb = clients.readDb;
/** The SQLite file, or null on PostgreSQL. */
export const databasePath: string | null = clients.sqlite?.file ?? null;
/** What a separate reader (the audit verification worker) opens: the SQLite file or the PostgreSQL URL. */
export const databaseTarget: string = clients.sqlite?.file ?? env.DATABASE_URL;
export type Tx = Prisma.TransactionClient;

function sqliteClients(): SqliteClients {
  if (!clients.sqlite) throw new Error("This needs the SQLite provider; DATABASE_URL names a PostgreSQL server.");
  return clients.sqlite;
}

/** The PostgreSQL pool's raw query (`?` placeholders are numbered by the caller), or null on SQLite. */
export const postgres: PostgresClients | null = clients.postgres;

/**
 * Rows of one raw read written with `?` placeholders, outside Prisma's row mapping (the audit
 * log and its export read a million rows at a pace Prisma does not reach): a statement prepared
 * once on the bare SQLite read connection, or the PostgreSQL pool with the placeholders numbered.
 */
export async function rawRead(sql: string, params: readonly unknown[]): Promise<unknown[]> {
  if (clients.postgres) return clients.postgres.query(numberedPlaceholders(sql), [...params]);
  const conn = await rawReadConnection();
  return countStatement(() => prepared(conn, sql).all(...params));
}

/**
 * Rows of several raw reads (`?` placeholders) that must agree with one another (a record and its
 * children), from one snapshot: on SQLite one read transaction on the bare read connection, run
 * to its end without yielding; on PostgreSQL one REPEATABLE READ, READ ONLY transaction.
 */
export async function rawReadSnapshot(reads: readonly { sql: string; params: readonly unknown[] }[]): Promise<unknown[][]> {
  if (clients.postgres)
    return snapshotQuery(
      clients.postgres.pool,
      reads.map((r) => ({ text: numberedPlaceholders(r.sql), values: [...r.params] })),
    );
  const conn = await rawReadConnection();
  return conn.transaction(() => reads.map((r) => countStatementSync(() => prepared(conn, r.sql).all(...r.params))))();
}

/** Raw write connection (after first use): healthz, backup, and the rollback guard. SQLite only. */
export async function rawWriteConnection(): Promise<RawDatabase> {
  const sqlite = sqliteClients();
  if (!sqlite.writeHandle.raw) await db.$connect();
  return sqlite.writeHandle.raw!;
}

/** Raw read connection (after first use). SQLite only. */
export async function rawReadConnection(): Promise<RawDatabase> {
  const sqlite = sqliteClients();
  if (!sqlite.readHandle.raw) await readDb.$connect();
  return sqlite.readHandle.raw!;
}

export class DatabaseBusyError extends Error {
  constructor(cause: unknown) {
    super(render("en", msg("error.busy")), { cause });
    this.name = "DatabaseBusyError";
  }
}

function isBusy(error: unknown): boolean {
  const text = String((error as { message?: string })?.message ?? error);
  const code = (error as { code?: string })?.code ?? "";
  return /SQLITE_BUSY|database is locked|SocketTimeout|Transaction API error|timed out/i.test(text + code);
}

// Our own queue for write transactions, in front of the adapter's mutex. The adapter's mutex
// cannot be given up on: when Prisma's maxWait expires, the pending acquisition stays queued,
// later runs BEGIN for a transaction nobody will finish, and holds the mutex for good (every
// later write stalls). Here a waiter that times out is removed from the queue, so only one of
// our transactions ever reaches the adapter at a time and its mutex is always free.
let writerBusy = false;
const waiting: (() => void)[] = [];

function acquireWriteTurn(timeoutMs: number): Promise<() => void> {
  const release = () => {
    const next = waiting.shift();
    if (next) next();
    else writerBusy = false;
  };
  if (!writerBusy) {
    writerBusy = true;
    return Promise.resolve(release);
  }
  return new Promise((resolve, reject) => {
    const turn = () => {
      clearTimeout(timer);
      resolve(release);
    };
    const timer = setTimeout(() => {
      const at = waiting.indexOf(turn);
      if (at >= 0) waiting.splice(at, 1);
      reject(new DatabaseBusyError(new Error(`no write turn within ${timeoutMs} ms`)));
    }, timeoutMs);
    waiting.push(turn);
  });
}

/**
 * Runs `work` in one write transaction. If the transaction fails and the connection is still
 * inside a transaction (the prisma/orm#29933 failure mode: a failed COMMIT leaves it open and
 * later writes would silently join it and be lost), roll it back before anything else runs.
 * Lock time-outs become DatabaseBusyError and storage faults StorageError, which routes answer
 * with 503 and the input kept.
 */
export type WriteOptions = {
  /** Bookkeeping that neither queues nor waits: skipped (busy) if anyone else is writing. */
  opportunistic?: boolean;
  /**
   * false for a write that may change nothing (a delete that matched no row): its success does
   * not show the database can store again, so it does not end a storage-fault episode.
   */
  provesStorage?: boolean;
};

export async function writeTransaction<T>(work: (tx: Tx) => Promise<T>, options: WriteOptions = {}): Promise<T> {
  if (clients.postgres) return postgresWriteTransaction(work, options);
  // Opportunistic writes (bookkeeping such as a session's last-seen time) neither queue nor wait
  // for a lock: if anyone is writing, they are skipped (DatabaseBusyError) and tried next time.
  if (options.opportunistic && writerBusy) throw new DatabaseBusyError(new Error("writer busy; skipped"));
  const release = await acquireWriteTurn(env.SQLITE_BUSY_TIMEOUT_MS + 2000);
  let relaxed: RawDatabase | null = null;
  try {
    if (options.opportunistic) {
      relaxed = await rawWriteConnection();
      relaxed.pragma("busy_timeout = 0");
    }
    const result = await db.$transaction(
      async (tx) => {
        // Take the write lock now, as BEGIN IMMEDIATE would. Not BEGIN IMMEDIATE itself: the
        // adapter runs BEGIN after taking its mutex and never releases the mutex if BEGIN
        // fails, so a lock held by another process past busy_timeout would stall every later
        // write. A failure here is an ordinary query error, and the transaction rolls back.
        // SQLite only (and `WHERE 0` is not a boolean to PostgreSQL): issue 13 will need its
        // own lock-taking first statement there, or none, since PostgreSQL locks rows, not files.
        await tx.$executeRawUnsafe('UPDATE "Summit" SET "id" = "id" WHERE 0');
        return work(tx);
      },
      // Our queue admits one transaction at a time, so the adapter never makes this wait.
      { maxWait: 60_000, timeout: 20_000 },
    );
    if (options.provesStorage !== false) noteStorageOk();
    return result;
  } catch (error) {
    const raw = clients.sqlite?.writeHandle.raw;
    if (raw?.open && raw.inTransaction) {
      try {
        raw.exec("ROLLBACK");
      } catch {
        /* nothing open after all */
      }
    }
    // A full disk, a read-only or vanished file: the write is refused in words (503), the
    // episode is logged once, and nothing here stays held (docs/decisions/010-storage-faults.md).
    const fault = classifyStorageError(error);
    if (fault) {
      noteStorageFault(fault);
      throw new StorageError(fault, error);
    }
    if (isBusy(error)) throw new DatabaseBusyError(error);
    throw error;
  } finally {
    if (relaxed?.open) relaxed.pragma(`busy_timeout = ${env.SQLITE_BUSY_TIMEOUT_MS}`);
    release();
  }
}

/**
 * PostgreSQL's write transaction: the same queue in front (a process never holds more pool
 * connections waiting for the lock than it has writers), then the cluster-wide write lock,
 * waited for at most SQLITE_BUSY_TIMEOUT_MS (the one setting for how long a write may wait).
 */
async function postgresWriteTransaction<T>(work: (tx: Tx) => Promise<T>, options: WriteOptions): Promise<T> {
  if (options.opportunistic && writerBusy) throw new DatabaseBusyError(new Error("writer busy; skipped"));
  const release = await acquireWriteTurn(env.SQLITE_BUSY_TIMEOUT_MS + 2000);
  try {
    const wait = options.opportunistic ? 1 : Math.max(1, env.SQLITE_BUSY_TIMEOUT_MS);
    const result = await db.$transaction(
      async (tx) => {
        await tx.$executeRawUnsafe(`SET LOCAL lock_timeout = ${wait}`);
        // pg_advisory_xact_lock returns void, a type the adapter cannot read: select a constant.
        await tx.$queryRawUnsafe(`SELECT 1 AS "locked" FROM (SELECT pg_advisory_xact_lock(${WRITE_LOCK_KEY})) AS "l"`);
        return work(tx);
      },
      { maxWait: env.SQLITE_BUSY_TIMEOUT_MS + 2000, timeout: 20_000 },
    );
    if (options.provesStorage !== false) noteStorageOk();
    return result;
  } catch (error) {
    const fault = classifyStorageError(error);
    if (fault) {
      noteStorageFault(fault);
      throw new StorageError(fault, error);
    }
    if (isPostgresBusy(error) || isBusy(error)) throw new DatabaseBusyError(error);
    throw error;
  } finally {
    release();
  }
}

export async function sqliteSettings(): Promise<SqlitePragmas> {
  const raw = await rawWriteConnection();
  const { readPragmas } = await import("./lib/sqlite-pragmas.server");
  return readPragmas(raw);
}
