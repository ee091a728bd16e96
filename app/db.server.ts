// Database access. Two connections to one SQLite file (docs/decisions/003-sqlite-connections.md):
// - `db` writes. Every write goes through `writeTransaction`, which the adapter serialises with
//   a mutex and which we open with BEGIN IMMEDIATE so the write lock is taken up front: a
//   concurrent writer then waits for busy_timeout at BEGIN instead of failing at COMMIT.
// - `readDb` reads. WAL gives it a consistent snapshot of committed data only, so a page never
//   shows another request's half-done (or later rolled-back) transaction.
import Database from "better-sqlite3";
import { PrismaClient, Prisma } from "@prisma/client";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { databaseFile } from "./config/database-url.js";
import { env } from "./config/env.server";
import { applyPragmas, type SqlitePragmas } from "./lib/sqlite-pragmas.server";

type RawDatabase = Database.Database;

/** Wraps the adapter factory so we hold the raw connection: pragmas, BEGIN IMMEDIATE, guard. */
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
      applyPragmas(raw, { busyTimeoutMs: env.SQLITE_BUSY_TIMEOUT_MS, readOnly: role === "read" });
      handle.raw = raw;
      if (role === "write") holder.client = beginImmediate(raw);
      return adapter;
    },
    connectToShadowDb: () => inner.connectToShadowDb(),
  };
  return { factory, handle };
}

/** A view of the connection whose plain "BEGIN" is BEGIN IMMEDIATE. */
function beginImmediate(raw: RawDatabase): RawDatabase {
  return new Proxy(raw, {
    get(target, prop) {
      if (prop === "prepare") {
        return (sql: string) => target.prepare(sql === "BEGIN" ? "BEGIN IMMEDIATE" : sql);
      }
      const value = Reflect.get(target, prop, target);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}

function createClients(file: string) {
  const write = guardedAdapter(file, "write");
  const read = guardedAdapter(file, "read");
  return {
    db: new PrismaClient({ adapter: write.factory as never }),
    readDb: new PrismaClient({ adapter: read.factory as never }),
    writeHandle: write.handle,
    readHandle: read.handle,
    file,
  };
}

type Clients = ReturnType<typeof createClients>;
const globalForDb = globalThis as unknown as { __summitDb?: Clients };
const clients = (globalForDb.__summitDb ??= createClients(databaseFile(env.DATABASE_URL)));

export const db = clients.db;
export const readDb = clients.readDb;
export const databasePath = clients.file;
export type Tx = Prisma.TransactionClient;

/** Raw write connection (after first use): healthz, backup, and the rollback guard. */
export async function rawWriteConnection(): Promise<RawDatabase> {
  if (!clients.writeHandle.raw) await db.$connect();
  return clients.writeHandle.raw!;
}

export async function rawReadConnection(): Promise<RawDatabase> {
  if (!clients.readHandle.raw) await readDb.$connect();
  return clients.readHandle.raw!;
}

export class DatabaseBusyError extends Error {
  constructor(cause: unknown) {
    super("The database is busy. Please try again in a moment.", { cause });
    this.name = "DatabaseBusyError";
  }
}

function isBusy(error: unknown): boolean {
  const text = String((error as { message?: string })?.message ?? error);
  const code = (error as { code?: string })?.code ?? "";
  return /SQLITE_BUSY|database is locked|SocketTimeout|Transaction API error|timed out/i.test(text + code);
}

/**
 * Runs `work` in one write transaction. If the transaction fails and the connection is still
 * inside a transaction (the prisma/orm#29933 failure mode: a failed COMMIT leaves it open and
 * later writes would silently join it and be lost), roll it back before anything else runs.
 * Lock timeouts become DatabaseBusyError, which routes answer with 503 and the input kept.
 */
export async function writeTransaction<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
  try {
    return await db.$transaction(work, { maxWait: env.SQLITE_BUSY_TIMEOUT_MS + 2000, timeout: 20_000 });
  } catch (error) {
    const raw = clients.writeHandle.raw;
    if (raw?.inTransaction) {
      try {
        raw.exec("ROLLBACK");
      } catch {
        /* nothing open after all */
      }
    }
    if (isBusy(error)) throw new DatabaseBusyError(error);
    throw error;
  }
}

export async function sqliteSettings(): Promise<SqlitePragmas> {
  const raw = await rawWriteConnection();
  const { readPragmas } = await import("./lib/sqlite-pragmas.server");
  return readPragmas(raw);
}
