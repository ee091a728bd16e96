// An exact read cache (docs/decisions/008-read-cache.md). Entries live until the database
// changes: SQLite's data_version, read on the read connection, moves whenever any connection —
// this process's writer, a CLI, a restore — commits. So a cached read is never stale; under
// read-mostly load the expensive aggregates run once per change instead of once per view.
// SQLite only: PostgreSQL (issue 13) has no data_version; it will need a change counter bumped
// in every write transaction (or LISTEN/NOTIFY) to play its part.
import { rawReadConnection } from "~/db.server";

const MAX_ENTRIES = 2000;
let version: number | bigint | null = null;
const entries = new Map<string, Promise<unknown>>();

async function currentVersion(): Promise<number | bigint> {
  return (await rawReadConnection()).pragma("data_version", { simple: true }) as number | bigint;
}

/** `load()` once per (key, database version). Time-dependent reads put the day in their key. */
export async function cachedRead<T>(key: string, load: () => Promise<T>): Promise<T> {
  const now = await currentVersion();
  if (now !== version) {
    entries.clear();
    version = now;
  }
  const hit = entries.get(key) as Promise<T> | undefined;
  if (hit) return hit;
  if (entries.size >= MAX_ENTRIES) entries.delete(entries.keys().next().value!);
  const pending = load();
  entries.set(key, pending);
  pending.catch(() => entries.delete(key));
  return pending;
}

export const today = () => new Date().toISOString().slice(0, 10);
