// npm run db:backup [-- --to backups/summit.db]
// A consistent online backup of DATABASE_URL while the app keeps running; checked before done.
import path from "node:path";
import { databaseFile } from "../app/config/database-url.js";
import { backupDatabase } from "../app/lib/backup.server";

const i = process.argv.indexOf("--to");
const stamp = new Date().toISOString().replace(/[:.]/g, "-");
const destination = path.resolve(i >= 0 ? process.argv[i + 1] : `backups/summit-${stamp}.db`);
const source = databaseFile();
try {
  const started = Date.now();
  const check = backupDatabase(source, destination);
  console.log(`Copied in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
  console.log(`Backup written to ${destination}`);
  console.log(`integrity_check: ${check.integrity}; audit chain: ${check.chain.count} events, head ${check.chain.head.seq}:${check.chain.head.hash}`);
} catch (error) {
  console.error(String((error as Error).message ?? error));
  process.exit(1);
}
