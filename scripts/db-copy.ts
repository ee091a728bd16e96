// npm run db:copy -- --to <url> [--from <url>] [--migrate]
// Copies every row of every table from one database to another (SQLite or PostgreSQL, either
// way), reading the source in one snapshot and writing the empty, migrated target in one
// transaction, then checks counts, digests, the search index and the audit chain on the target.
// Exit 0 when the copy matches its source, 1 on a mismatch or a failure, 2 when refused.
import { DEFAULT_DATABASE_URL, redactedUrl } from "../app/config/database-url.js";
import { copyDatabase, CopyRefusal, describe, summaryLines } from "../app/lib/db-copy.server";
import { parseCommandLine, refuse } from "./args";

const USAGE = "npm run db:copy -- --to <file:…|postgresql://…> [--from <file:…|postgresql://…>] [--migrate]";
const { values } = parseCommandLine(USAGE, { to: { type: "string" }, from: { type: "string" }, migrate: { type: "boolean" } });
if (!values.to) refuse(USAGE, "Give the target database with --to.");
const from = values.from ?? (process.env.DATABASE_URL || DEFAULT_DATABASE_URL);

try {
  const summary = await copyDatabase({ from, to: values.to, migrate: values.migrate, log: (line) => console.log(line) });
  for (const line of summaryLines(summary)) console.log(line);
  process.exit(summary.ok ? 0 : 1);
} catch (error) {
  if (error instanceof CopyRefusal) refuse(USAGE, error.message);
  console.error(`db:copy from ${redactedUrl(from)} to ${redactedUrl(values.to)} failed: ${describe(error)}`);
  process.exit(1);
}
