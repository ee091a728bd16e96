// The main browser-test server's database and settings, in one place: tests/support/e2e-server.js
// starts the server with them, and the sign-in fixture (tests/e2e/fixtures.ts) loads the app's
// session code with the same ones, so the sessions it creates are the server's own.
import path from "node:path";

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..", "..");

export const E2E_DB_FILE = path.join(root, "tests", ".tmp", "e2e.db");

/** What the main e2e server sets on top of the environment it inherits. */
export function e2eServerSettings() {
  return {
    NODE_ENV: "production",
    DATABASE_URL: `file:${E2E_DB_FILE}`,
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
