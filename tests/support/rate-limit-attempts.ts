// One app process's sign-in attempts, for tests/integration/shared-rate-limits.test.ts: loads the
// app's own limiters on DATABASE_URL, makes ATTEMPTS sign-in attempts on one account at once (each
// from its own address), and prints how many were allowed. Run with tsx, as a process of its own.
import { consumeSignInAttempt } from "~/modules/users/rate-limit.server";

const attempts = Number(process.env.ATTEMPTS);
const results = await Promise.all(Array.from({ length: attempts }, (_, i) => consumeSignInAttempt(`192.0.2.${i + 1}`, process.env.ACCOUNT!)));
console.log(JSON.stringify({ allowed: results.filter((r) => r.ok).length }));
process.exit(0);
