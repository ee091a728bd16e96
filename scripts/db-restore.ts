// npm run db:restore -- --from backups/summit-….db
// Restores a checked backup over DATABASE_URL. Stop the server first; the replaced file is kept.
import path from "node:path";
import { databaseFile, databaseProvider } from "../app/config/database-url.js";
import { restoreDatabase } from "../app/lib/backup.server";
import { parseCommandLine, refuse } from "./args";

const USAGE = "npm run db:restore -- --from <backup file>   (stop the server first)";
const { values } = parseCommandLine(USAGE, { from: { type: "string" } });
if (databaseProvider() === "postgresql") {
  refuse(USAGE, "DATABASE_URL names a PostgreSQL server: this command restores a SQLite file. Use pg_dump and pg_restore (docs/operations.md).");
}
if (!values.from) refuse(USAGE, "--from is required.");
try {
  const { check, kept } = restoreDatabase(path.resolve(values.from), databaseFile());
  console.log(`Restored ${databaseFile()} (integrity_check: ${check.integrity}; audit chain: ${check.chain.count} events verified).`);
  if (kept) console.log(`The previous file is kept as ${kept}.`);
} catch (error) {
  console.error(String((error as Error).message ?? error));
  process.exit(1);
}
