// The main browser-test server's database and settings, in one place: tests/support/e2e-server.js
// starts the server with them, and the sign-in fixture (tests/e2e/fixtures.ts) loads the app's
// session code with the same ones, so the sessions it creates are the server's own.
// With TEST_POSTGRES_URL set (npm run test:pg), the database is a PostgreSQL database on that
// server instead of a SQLite file (docs/decisions/018-postgresql.md).
import path from "node:path";
import { checkoutKey, databaseUrlOn } from "./postgres-server.js";

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..", "..");

export const E2E_DB_FILE = path.join(root, "tests", ".tmp", "e2e.db");

/** The PostgreSQL server the browser tests run on, or "" for SQLite. */
export const E2E_POSTGRES_URL = process.env.TEST_POSTGRES_URL || "";
export const e2eOnPostgres = E2E_POSTGRES_URL !== "";

/** Names of this checkout's e2e databases on the PostgreSQL server (two checkouts may share one). */
export const e2ePostgresName = (name) => `summit_e2e_${checkoutKey}_${name}`;

/** The URL of `database` on the e2e PostgreSQL server. */
export const e2ePostgresUrl = (database) => databaseUrlOn(E2E_POSTGRES_URL, database);

/** The seeded database every e2e database on PostgreSQL is copied from (CREATE DATABASE … TEMPLATE). */
export const E2E_PG_SEED = e2ePostgresName("seed");

/** The main e2e server's DATABASE_URL. */
export const E2E_DATABASE_URL = e2eOnPostgres ? e2ePostgresUrl(e2ePostgresName("main")) : `file:${E2E_DB_FILE}`;

/** What the app's `databaseTarget` is when it runs on E2E_DATABASE_URL: the file, or the URL. */
export const E2E_DB_TARGET = e2eOnPostgres ? E2E_DATABASE_URL : E2E_DB_FILE;

/** What the main e2e server sets on top of the environment it inherits. */
/** Where the main e2e server writes the e-mail it sends (no SMTP server): one .eml file each. */
export const E2E_OUTBOX_DIR = path.join(root, "tests", ".tmp", "outbox");

export function e2eServerSettings() {
  return {
    MAIL_OUTBOX_DIR: E2E_OUTBOX_DIR,
    APP_URL: `http://localhost:${process.env.E2E_PORT || "3210"}`,
    NODE_ENV: "production",
    // The pseudo-locale crawl (tests/e2e/pseudo-locale.spec.ts) picks en-XA with a cookie.
    I18N_PSEUDO: "on",
    DATABASE_URL: E2E_DATABASE_URL,
    PORT: process.env.E2E_PORT || "3210",
    COOKIE_SECURE: "false",
    SESSION_SECRET: "e2e-session-secret-not-for-production",
    // Browser tests sign in from 127.0.0.1 over and over; the limits themselves are tested against
    // a side server with the default limits (tests/e2e/security.spec.ts, "sign-in limits, on a
    // server with the default limits").
    SIGNIN_LIMIT_PER_IP: "100000",
    SIGNIN_LIMIT_PER_ACCOUNT: "100000",
  };
}
