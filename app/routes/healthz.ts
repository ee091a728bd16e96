import { json } from "@remix-run/node";
import fs from "node:fs";
import path from "node:path";
import { readDb, sqliteSettings } from "~/db.server";

/** Public JSON health: is the database reachable, are all migrations applied, which settings. */
export async function loader() {
  try {
    await readDb.$queryRaw`SELECT 1`;
    const applied = await readDb.$queryRaw<{ migration_name: string }[]>`
      SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`;
    const dir = path.join(process.cwd(), "prisma", "migrations");
    const expected = fs.existsSync(dir) ? fs.readdirSync(dir).filter((d) => fs.statSync(path.join(dir, d)).isDirectory()) : [];
    const names = new Set(applied.map((m) => m.migration_name));
    const pending = expected.filter((m) => !names.has(m));
    const sqlite = await sqliteSettings();
    const ok = pending.length === 0 && sqlite.journalMode === "wal" && sqlite.foreignKeys;
    return json(
      {
        status: ok ? "ok" : "degraded",
        database: { reachable: true },
        migrations: { applied: names.size, expected: expected.length, pending, upToDate: pending.length === 0 },
        sqlite,
      },
      { status: ok ? 200 : 503, headers: { "Cache-Control": "no-store" } },
    );
  } catch (error) {
    return json(
      { status: "error", database: { reachable: false, error: String((error as Error).message ?? error).slice(0, 200) } },
      { status: 503, headers: { "Cache-Control": "no-store" } },
    );
  }
}
