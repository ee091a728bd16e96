// The one place that turns DATABASE_URL into a file path, shared by the app, the Prisma CLI
// configuration and the scripts. Plain JS so prisma.config.ts and node scripts can import it.
import fs from "node:fs";
import path from "node:path";

export const DEFAULT_DATABASE_URL = "file:./data/summit.db";

/** Absolute path of the SQLite file named by DATABASE_URL (relative to the project root). */
export function databaseFile(url = process.env.DATABASE_URL || DEFAULT_DATABASE_URL) {
  const file = url.startsWith("file:") ? url.slice("file:".length) : url;
  const absolute = path.resolve(process.cwd(), file);
  fs.mkdirSync(path.dirname(absolute), { recursive: true });
  return absolute;
}
