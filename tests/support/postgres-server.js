// The little the test suites need from a PostgreSQL server, in plain JavaScript so the e2e
// server script (run by node itself) shares it with the TypeScript setup (tests/support/postgres.ts).
import { createHash } from "node:crypto";
import path from "node:path";
import pg from "pg";
import { parse } from "pg-connection-string";

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..", "..");

/** Part of every test database's name: two checkouts may share one server. */
export const checkoutKey = createHash("sha256").update(root).digest("hex").slice(0, 12);

/** A name as a quoted SQL identifier. */
export const quoteName = (name) => `"${name.replaceAll('"', '""')}"`;

/** The URL of `database` on the server `serverUrl` names. */
export function databaseUrlOn(serverUrl, database) {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

/** Runs statements one at a time on the database `serverUrl` names (CREATE/DROP DATABASE cannot run in a transaction). */
export async function onPostgresServer(serverUrl, ...statements) {
  const client = new pg.Client(parse(serverUrl));
  await client.connect();
  try {
    for (const statement of statements) await client.query(statement);
  } finally {
    await client.end();
  }
}
