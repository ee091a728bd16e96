// The one place that reads DATABASE_URL, shared by the app, the Prisma CLI configuration and
// the scripts. Plain JS so prisma.config.ts and node scripts can import it.
// - `file:…` (the default) is the embedded SQLite database: a file path relative to the root.
// - `postgresql://…` or `postgres://…` is a PostgreSQL server (docs/decisions/018-postgresql.md).
import fs from "node:fs";
import path from "node:path";

export const DEFAULT_DATABASE_URL = "file:./data/summit.db";

const currentUrl = () => process.env.DATABASE_URL || DEFAULT_DATABASE_URL;

/** "postgresql" for a postgres(ql):// URL, otherwise "sqlite". */
export function databaseProvider(url = currentUrl()) {
  return /^postgres(ql)?:\/\//i.test(url) ? "postgresql" : "sqlite";
}

/** Absolute path of the SQLite file named by DATABASE_URL (relative to the project root), creating nothing. */
export function databasePath(url = currentUrl()) {
  if (databaseProvider(url) !== "sqlite") throw new Error("DATABASE_URL names a PostgreSQL server, not a SQLite file");
  return path.resolve(process.cwd(), url.startsWith("file:") ? url.slice("file:".length) : url);
}

/** databasePath, with its directory created so the file can be. */
export function databaseFile(url = currentUrl()) {
  const absolute = databasePath(url);
  fs.mkdirSync(path.dirname(absolute), { recursive: true });
  return absolute;
}

/** What a reader of its own opens (audit verification, the CLI): the SQLite file's path, or the PostgreSQL URL. */
export function databaseTargetOf(url = currentUrl()) {
  return databaseProvider(url) === "postgresql" ? url : databaseFile(url);
}

/** The URL with any password replaced by "***", for logs and /healthz. */
export function redactedUrl(url = currentUrl()) {
  return url.replace(/\/\/([^:@/]*):([^@/]*)@/, "//$1:***@");
}

/** The schema and migrations folder of each provider (scripts/db-schema.ts writes the PostgreSQL schema). */
export function prismaPaths(provider = databaseProvider()) {
  return provider === "postgresql"
    ? { schema: path.join("prisma", "postgresql", "schema.prisma"), migrations: path.join("prisma", "postgresql", "migrations") }
    : { schema: path.join("prisma", "schema.prisma"), migrations: path.join("prisma", "migrations") };
}
