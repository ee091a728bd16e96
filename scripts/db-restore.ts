// npm run db:restore -- --from backups/summit-….db
// Restores a checked backup over DATABASE_URL. Stop the server first; the replaced file is kept.
import path from "node:path";
import { databaseFile } from "../app/config/database-url.js";
import { restoreDatabase } from "../app/lib/backup.server";

const i = process.argv.indexOf("--from");
if (i < 0 || !process.argv[i + 1]) {
  console.error("Usage: npm run db:restore -- --from <backup file>   (stop the server first)");
  process.exit(2);
}
try {
  const { check, kept } = restoreDatabase(path.resolve(process.argv[i + 1]), databaseFile());
  console.log(`Restored ${databaseFile()} (integrity_check: ${check.integrity}; audit chain: ${check.chain.count} events verified).`);
  if (kept) console.log(`The previous file is kept as ${kept}.`);
} catch (error) {
  console.error(String((error as Error).message ?? error));
  process.exit(1);
}
