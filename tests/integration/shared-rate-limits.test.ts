// Several app processes share one sign-in allowance (issue 13, docs/decisions/019-several-processes.md):
// two separate processes, each with the app's own limiters, try one account on this file's
// database at the same moment; together they get no more attempts than the limit.
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { expect, it } from "vitest";
import { readDb } from "~/db.server";
import { consumeSignInAttempt } from "~/modules/users/rate-limit.server";
import { testDatabaseUrl } from "../support/per-file-db";

const run = promisify(execFile);
const LIMIT = 6;

/** One process making `attempts` sign-in attempts on `account` at once; how many it was allowed. */
async function processAttempts(account: string, attempts: number): Promise<number> {
  const { stdout } = await run(path.resolve("node_modules/.bin/tsx"), ["tests/support/rate-limit-attempts.ts"], {
    env: {
      ...process.env,
      DATABASE_URL: testDatabaseUrl,
      SIGNIN_LIMIT_PER_ACCOUNT: String(LIMIT),
      SIGNIN_LIMIT_PER_IP: "1000",
      ACCOUNT: account,
      ATTEMPTS: String(attempts),
    },
  });
  return (JSON.parse(stdout.trim().split("\n").at(-1)!) as { allowed: number }).allowed;
}

it("two processes together get no more sign-in attempts on one account than the limit", async () => {
  const allowed = await Promise.all([processAttempts("shared@example.org", 5), processAttempts("shared@example.org", 5)]);
  expect(allowed[0] + allowed[1]).toBe(LIMIT);
  // …and this process, a third with the default limit of 10, is refused too: it sees the ten
  // attempts the other two made, since the count is in the database, not in any process.
  expect((await consumeSignInAttempt("192.0.2.200", "shared@example.org")).ok).toBe(false);
  // The stored key is a digest, never the email.
  const keys = (await readDb.rateLimit.findMany({ select: { key: true } })).map((r) => r.key);
  expect(keys.some((k) => k.includes("shared@example.org"))).toBe(false);
  expect(keys.filter((k) => k.startsWith("signin-account:"))).toHaveLength(1);
}, 20_000);
