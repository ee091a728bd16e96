// An exact read cache (docs/decisions/008-read-cache.md). Entries live until the database
// changes: SQLite's data_version, read on the read connection, moves whenever any connection —
// this process's writer, a CLI, a restore — commits. So a cached read is never stale; under
// read-mostly load the expensive aggregates run once per change instead of once per view.
// PostgreSQL has no data_version; there the version is the current snapshot (xmin:xmax:running
// transactions), which is the same exactly when the set of committed transactions is the same,
// whichever process committed them (docs/decisions/018-postgresql.md).
// READ_CACHE=off turns it off (every read loads), so the benchmark can measure pages uncached.
import { env } from "~/config/env.server";
import { postgres, rawReadConnection } from "~/db.server";
import { countCacheRead, countStatement } from "~/lib/request-scope.server";

const MAX_ENTRIES = 2000;
let version: number | bigint | string | null = null;
const entries = new Map<string, Promise<unknown>>();

async function currentVersion(): Promise<number | bigint | string> {
  if (postgres) return String((await postgres.query("SELECT pg_current_snapshot()::text AS v", []))[0].v);
  const conn = await rawReadConnection();
  return countStatement(() => conn.pragma("data_version", { simple: true }) as number | bigint);
}

/** `load()` once per (key, database version). Time-dependent reads put the day in their key. */
export async function cachedRead<T>(key: string, load: () => Promise<T>): Promise<T> {
  if (env.READ_CACHE === "off") {
    countCacheRead(false);
    return load();
  }
  const now = await currentVersion();
  if (now !== version) {
    entries.clear();
    version = now;
  }
  const hit = entries.get(key) as Promise<T> | undefined;
  countCacheRead(hit !== undefined);
  if (hit) return hit;
  if (entries.size >= MAX_ENTRIES) entries.delete(entries.keys().next().value!);
  const pending = load();
  entries.set(key, pending);
  pending.catch(() => entries.delete(key));
  return pending;
}

export const today = () => new Date().toISOString().slice(0, 10);
