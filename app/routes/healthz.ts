import { json } from "@remix-run/node";
import fs from "node:fs";
import path from "node:path";
import { env } from "~/config/env.server";
import { databasePath, provider, rawWriteConnection, readDb, sqliteSettings, writeTransaction } from "~/db.server";
import { prismaPaths, redactedUrl } from "~/config/database-url.js";
import { appliedMigrations } from "~/lib/migrations.server";
import { classifyStorageError, noteStorageFault, storageFaultOpen, storageHealth } from "~/lib/storage.server";

/**
 * While a storage fault is open, one write that rewrites a row with its own value (it changes
 * nothing, but needs room in the WAL like any write), refused while the file is at its page
 * limit: when it succeeds the episode closes, so a monitor that stops sending traffic on 503
 * still sees the recovery. Skipped if anyone else is writing.
 */
async function probeStorage() {
  if (!storageFaultOpen()) return;
  const raw = databasePath ? await rawWriteConnection().catch(() => null) : null;
  await writeTransaction(
    async (tx) => {
      if (raw && Number(raw.pragma("page_count", { simple: true })) >= Number(raw.pragma("max_page_count", { simple: true }))) {
        throw Object.assign(new Error("database or disk is full (the file is at max_page_count)"), { code: "SQLITE_FULL" });
      }
      await tx.$executeRawUnsafe('UPDATE "Summit" SET "id" = "id"');
    },
    { opportunistic: true },
  ).catch(() => undefined);
}

export async function loader() {
  await probeStorage();
  // The free space of the SQLite file's filesystem; a PostgreSQL server's disk is its operators' to watch.
  const storageHealthNow = () => storageHealth(databasePath, env.STORAGE_MIN_FREE_MB * 1024 * 1024);
  const storage = await storageHealthNow();
  try {
    await readDb.$queryRaw`SELECT 1`;
    const names = await appliedMigrations();
    const dir = path.join(process.cwd(), prismaPaths(provider).migrations);
    const expected = fs.existsSync(dir) ? fs.readdirSync(dir).filter((d) => fs.statSync(path.join(dir, d)).isDirectory()) : [];
    const pending = expected.filter((m) => !names.has(m));
    const sqlite = databasePath ? await sqliteSettings() : null;
    const ok = pending.length === 0 && (!sqlite || (sqlite.journalMode === "wal" && sqlite.foreignKeys)) && storage.ok;
    return json(
      {
        status: ok ? "ok" : "degraded",
        database: { provider, reachable: true, ...(databasePath ? {} : { url: redactedUrl(env.DATABASE_URL) }) },
        migrations: { applied: names.size, expected: expected.length, pending, upToDate: pending.length === 0 },
        ...(sqlite ? { sqlite } : {}),
        storage,
      },
      { status: ok ? 200 : 503, headers: { "Cache-Control": "no-store" } },
    );
  } catch (error) {
    const fault = classifyStorageError(error);
    if (fault) noteStorageFault(fault);
    return json(
      {
        status: "error",
        database: { provider, reachable: false, error: String((error as Error).message ?? error).slice(0, 200), storageFault: fault?.code ?? null },
        storage: fault ? await storageHealthNow() : storage,
      },
      { status: 503, headers: { "Cache-Control": "no-store" } },
    );
  }
}
