// PostgreSQL for the test suites (npm run test:pg; docs/decisions/018-postgresql.md).
// TEST_POSTGRES_URL names a server and a database the tests may create databases from (for
// example postgresql://summit@127.0.0.1:5433/postgres). The global setup migrates one template
// database; each test file gets its own database copied from it (CREATE DATABASE … TEMPLATE),
// as each SQLite test file gets its own copy of the template file.
import { createHash } from "node:crypto";
import path from "node:path";
import pg from "pg";
import { parse } from "pg-connection-string";

export const TEST_POSTGRES_URL = process.env.TEST_POSTGRES_URL || "";
export const onPostgres = TEST_POSTGRES_URL !== "";
/** One template per checkout, so two checkouts can run their suites on one server at once. */
export const TEMPLATE_PG_DATABASE = `summit_test_template_${createHash("sha256")
  .update(path.resolve(import.meta.dirname, "..", ".."))
  .digest("hex")
  .slice(0, 12)}`;

/** The URL of `database` on the test server. */
export function postgresUrl(database: string): string {
  const url = new URL(TEST_POSTGRES_URL);
  url.pathname = `/${database}`;
  return url.toString();
}

/** Runs statements on the server's maintenance connection (CREATE/DROP DATABASE cannot run in a transaction). */
export async function onServer(...statements: string[]): Promise<void> {
  const client = new pg.Client(parse(TEST_POSTGRES_URL) as pg.ClientConfig);
  await client.connect();
  try {
    for (const statement of statements) await client.query(statement);
  } finally {
    await client.end();
  }
}

export const quoteName = (name: string) => `"${name.replaceAll('"', '""')}"`;
