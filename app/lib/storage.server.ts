// Storage faults (docs/decisions/010-storage-faults.md): the one place that decides whether an
// error means "the database cannot store anything right now" (a full disk, a read-only or
// vanished file, an I/O error), keeps the state of the current fault episode for /healthz, and
// logs one line when an episode starts and one when it ends.
import cluster from "node:cluster";
import fs from "node:fs";
import path from "node:path";
import { msg } from "~/i18n/message";
import { render } from "~/i18n/translate";

type StorageFaultKind = "full" | "io" | "readonly" | "cantopen" | "corrupt" | "connection";

/** SQLite result codes (primary and extended: SQLITE_IOERR_SHMSIZE counts as io). */
const SQLITE_CODES: [RegExp, StorageFaultKind][] = [
  [/^SQLITE_FULL\b/, "full"],
  [/^SQLITE_IOERR(_\w+)?$/, "io"],
  [/^SQLITE_READONLY(_\w+)?$/, "readonly"],
  [/^SQLITE_CANTOPEN(_\w+)?$/, "cantopen"],
  [/^SQLITE_CORRUPT(_\w+)?$/, "corrupt"],
];

/**
 * PostgreSQL's counterparts (SQLSTATE): disk full, a read-only transaction (a standby or a
 * read-only default), the connection-exception class; and a server that cannot be reached at
 * all: the socket's own codes, Prisma's codes for them (P1001 can't reach, P1002 timed out,
 * P1017 closed the connection) and the adapter's kinds.
 */
const POSTGRES_CODES: [RegExp, StorageFaultKind][] = [
  [/^53100$/, "full"], // disk_full
  [/^25006$/, "readonly"], // read_only_sql_transaction
  [/^08\w{3}$/, "connection"], // connection_exception and its subclasses
  [/^57P0[123]$/, "connection"], // admin/crash shutdown, cannot_connect_now
  [/^E(CONNREFUSED|CONNRESET|TIMEDOUT|HOSTUNREACH|NETUNREACH|PIPE|NOTFOUND|AI_AGAIN)$/, "connection"],
  [/^P10(01|02|17)$/, "connection"],
  // Not SocketTimeout: the SQLite adapter gives that kind to SQLITE_BUSY ("database is locked"),
  // which is a busy lock (503 "try again"), not a storage fault.
  [/^(DatabaseNotReachable|ConnectionClosed)$/, "connection"],
];

/** node-postgres's own words for a connection it lost or never got (these errors carry no code). */
const POSTGRES_MESSAGES: RegExp =
  /Connection terminated|timeout exceeded when trying to connect|Query read timeout|not queryable|is not currently accepting connections|the database system is (starting up|shutting down|in recovery mode)/i;

/** SQLite's own words, for errors that reach us with the code stripped (Prisma's wrappers). */
const SQLITE_MESSAGES: [RegExp, StorageFaultKind][] = [
  [/database or disk is full|SQLITE_FULL/i, "full"],
  [/disk I\/O error|SQLITE_IOERR/i, "io"],
  [/attempt to write a readonly database|SQLITE_READONLY/i, "readonly"],
  [/unable to open database file|SQLITE_CANTOPEN/i, "cantopen"],
  [/database disk image is malformed|file is not a database|SQLITE_CORRUPT/i, "corrupt"],
];

export type StorageFault = { kind: StorageFaultKind; code: string; message: string };

/** Codes and messages carried by an error and what it wraps (cause, Prisma's meta). */
function* clues(error: unknown, depth = 0): Generator<{ code?: string; message?: string }> {
  if (!error || typeof error !== "object" || depth > 5) return;
  const e = error as {
    code?: unknown;
    message?: unknown;
    cause?: unknown;
    meta?: { driverAdapterError?: unknown };
    originalCode?: unknown;
    originalMessage?: unknown;
    kind?: unknown;
  };
  yield { code: typeof e.code === "string" ? e.code : undefined, message: typeof e.message === "string" ? e.message : undefined };
  // The PostgreSQL adapter's reading of a socket error (DriverAdapterError's cause).
  if (typeof e.kind === "string") yield { code: e.kind };
  if (typeof e.originalCode === "string" || typeof e.originalMessage === "string") {
    yield {
      code: typeof e.originalCode === "string" ? e.originalCode : undefined,
      message: typeof e.originalMessage === "string" ? e.originalMessage : undefined,
    };
  }
  yield* clues(e.meta?.driverAdapterError, depth + 1);
  yield* clues(e.cause, depth + 1);
}

/** The storage fault an error stands for, or null when it is anything else. */
export function classifyStorageError(error: unknown): StorageFault | null {
  if (error instanceof StorageError) return error.fault;
  const seen = [...clues(error)];
  for (const { code } of seen) {
    if (!code) continue;
    for (const [pattern, kind] of [...SQLITE_CODES, ...POSTGRES_CODES]) if (pattern.test(code)) return { kind, code, message: messageOf(seen) };
  }
  for (const { message } of seen) {
    if (!message) continue;
    if (POSTGRES_MESSAGES.test(message)) return { kind: "connection", code: "PG_CONNECTION", message: messageOf(seen) };
    for (const [pattern, kind] of SQLITE_MESSAGES) {
      const match = pattern.exec(message);
      if (match) return { kind, code: /SQLITE_[A-Z_]+/.exec(message)?.[0] ?? `SQLITE_${kind.toUpperCase()}`, message: messageOf(seen) };
    }
  }
  return null;
}

/** The driver's own words: the last, innermost message, on one line. */
function messageOf(seen: { message?: string }[]): string {
  const messages = seen.map((s) => s.message?.trim()).filter((m): m is string => !!m);
  const last = messages.at(-1) ?? "";
  return (last.split("\n").filter(Boolean).at(-1) ?? last).slice(0, 200);
}

/** A write (or a sign-in's session) refused because the database cannot store it. */
export class StorageError extends Error {
  constructor(
    public fault: StorageFault,
    cause?: unknown,
  ) {
    // English for the log; a person reads the 503's message (error.storageWrite) in their language.
    super(render("en", msg("error.storageWrite")), { cause });
    this.name = "StorageError";
  }
}

/** Seconds a client is told to wait before retrying a write refused for storage. */
export const STORAGE_RETRY_AFTER_SECONDS = 30;

// The current fault episode: from the first storage failure to the next write that succeeds.
type Episode = { since: Date; refused: number };
let episode: Episode | null = null;
let lastError: (StorageFault & { at: Date }) | null = null;

/**
 * What one worker of `npm run serve -- --workers N` tells the others through the cluster primary
 * (scripts/serve.js relays it): the database is the same for all, so a fault one meets is every
 * worker's, and its end too (docs/decisions/019-several-processes.md).
 */
export type PeerStorageEvent = { summit: "storage"; event: "fault"; fault: StorageFault } | { summit: "storage"; event: "ok" };

const tellPeers = (message: PeerStorageEvent) => {
  // A worker being disconnected (the cluster stopping) has no channel; the message is moot then.
  if (cluster.isWorker && process.connected) process.send?.(message, undefined, {}, () => {});
};

/** Records a storage failure; logs one line when it starts an episode. */
export function noteStorageFault(fault: StorageFault, log: (line: string) => void = console.error) {
  const now = new Date();
  lastError = { ...fault, at: now };
  if (episode) {
    episode.refused++;
    return;
  }
  episode = { since: now, refused: 1 };
  log(
    `[storage] fault started at ${now.toISOString()}: writes fail with ${fault.code} (${fault.message}); nothing is saved until it clears. See docs/operations.md.`,
  );
  tellPeers({ summit: "storage", event: "fault", fault });
}

/** Records a write that succeeded; logs one line when it ends an episode. */
export function noteStorageOk(log: (line: string) => void = console.error) {
  if (!episode) return;
  const seconds = Math.round((Date.now() - episode.since.getTime()) / 1000);
  log(`[storage] fault cleared at ${new Date().toISOString()}: writes succeed again after ${seconds} s; ${episode.refused} write(s) were refused meanwhile.`);
  episode = null;
  tellPeers({ summit: "storage", event: "ok" });
}

/**
 * Another worker's fault or recovery, taken as this process's own without a log line (the worker
 * that met it logged it): a fault opens the episode, so /healthz answers 503 here too and probes
 * for the end; a recovery closes it.
 */
export function notePeerStorageEvent(message: unknown) {
  const event = message as Partial<PeerStorageEvent> | null;
  if (event?.summit !== "storage") return;
  if (event.event === "fault" && event.fault) {
    const now = new Date();
    lastError = { ...event.fault, at: now };
    episode ??= { since: now, refused: 0 };
  } else if (event.event === "ok") {
    episode = null;
  }
}
if (cluster.isWorker) process.on("message", notePeerStorageEvent);

export const storageFaultOpen = () => episode !== null;

export type StorageHealth = {
  ok: boolean;
  directory: string | null;
  freeBytes: number | null;
  totalBytes: number | null;
  minFreeBytes: number;
  lowSpace: boolean;
  faultSince: string | null;
  refusedWrites: number;
  lastError: { kind: StorageFaultKind; code: string; message: string; at: string } | null;
};

/** Free space on the database's filesystem, and the fault episode if one is going on. */
export async function storageHealth(databaseFile: string | null, minFreeBytes: number): Promise<StorageHealth> {
  const directory = databaseFile ? path.dirname(path.resolve(databaseFile)) : null;
  let freeBytes: number | null = null;
  let totalBytes: number | null = null;
  try {
    if (!directory) throw new Error("no file: the database is a server");
    const stats = await fs.promises.statfs(directory);
    freeBytes = Number(stats.bavail) * Number(stats.bsize);
    totalBytes = Number(stats.blocks) * Number(stats.bsize);
  } catch {
    /* unknown: reported as null */
  }
  // Low space is a warning, reported in the body: a server that still writes stays healthy (200),
  // so a load balancer does not pull a working instance. An unknown figure is not "low".
  const lowSpace = freeBytes !== null && freeBytes < minFreeBytes;
  return {
    ok: !episode,
    directory,
    freeBytes,
    totalBytes,
    minFreeBytes,
    lowSpace,
    faultSince: episode?.since.toISOString() ?? null,
    refusedWrites: episode?.refused ?? 0,
    lastError: lastError ? { kind: lastError.kind, code: lastError.code, message: lastError.message, at: lastError.at.toISOString() } : null,
  };
}
