// npm run db:backup [-- PATH | --to PATH]
// A consistent online backup of DATABASE_URL while the app keeps running; checked before done.
// PATH is the backup file, or a directory to put a time-stamped one in (default backups/).
import fs from "node:fs";
import path from "node:path";
import { databaseFile, databaseProvider } from "../app/config/database-url.js";
import { backupDatabase } from "../app/lib/backup.server";
import { parseCommandLine, refuse } from "./args";

const USAGE = "npm run db:backup [-- <backup file or directory> | --to <backup file or directory>]";
const { values, positionals } = parseCommandLine(USAGE, { to: { type: "string" } }, { positionals: 1 });
if (databaseProvider() === "postgresql") {
  refuse(USAGE, "DATABASE_URL names a PostgreSQL server: this command backs up a SQLite file. Use pg_dump and pg_restore (docs/operations.md).");
}
if (values.to !== undefined && positionals.length > 0) refuse(USAGE, "Give the target once: either as PATH or as --to PATH.");
const stamp = new Date().toISOString().replace(/[:.]/g, "-");
const given = values.to ?? positionals[0] ?? "backups/";
const intoDirectory = given.endsWith("/") || (fs.existsSync(given) && fs.statSync(given).isDirectory());
const destination = path.resolve(intoDirectory ? path.join(given, `summit-${stamp}.db`) : given);
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
