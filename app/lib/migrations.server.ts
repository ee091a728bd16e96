// Which migrations the database has applied, for /healthz. Raw SQL: Prisma does not model its
// own bookkeeping table. Its name and columns are Prisma's, lower case, and the same on
// PostgreSQL.
import { readDb } from "~/db.server";
import { column, rowParser } from "~/lib/sql-rows.server";

const appliedRow = rowParser("applied migration", { migration_name: column.text });

/** Names of the migrations that finished and were not rolled back. */
export async function appliedMigrations(): Promise<Set<string>> {
  const rows = appliedRow.rows(
    await readDb.$queryRaw`SELECT "migration_name" FROM "_prisma_migrations" WHERE "finished_at" IS NOT NULL AND "rolled_back_at" IS NULL`,
  );
  return new Set(rows.map((m) => m.migration_name));
}
