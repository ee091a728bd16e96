// PostgreSQL for the test suites (npm run test:pg; docs/decisions/018-postgresql.md).
// TEST_POSTGRES_URL names a server and a database the tests may create databases from (for
// example postgresql://summit@127.0.0.1:5433/postgres). The global setup migrates one template
// database; each test file gets its own database copied from it (CREATE DATABASE … TEMPLATE),
// as each SQLite test file gets its own copy of the template file.
import { checkoutKey, databaseUrlOn, onPostgresServer } from "./postgres-server.js";

export { quoteName } from "./postgres-server.js";

export const TEST_POSTGRES_URL = process.env.TEST_POSTGRES_URL || "";
export const onPostgres = TEST_POSTGRES_URL !== "";
/** One template per checkout, so two checkouts can run their suites on one server at once. */
export const TEMPLATE_PG_DATABASE = `summit_test_template_${checkoutKey}`;

/** The URL of `database` on the test server. */
export const postgresUrl = (database: string): string => databaseUrlOn(TEST_POSTGRES_URL, database);

/** Runs statements on the server's maintenance connection (CREATE/DROP DATABASE cannot run in a transaction). */
export const onServer = (...statements: string[]): Promise<void> => onPostgresServer(TEST_POSTGRES_URL, ...statements);
