// What one request's code wants on its response without owning the response, and what it cost.
// server.js runs each request inside `requestScope.run(newRequestScope(), …)`:
// - cookies: Set-Cookie values decided deep in the code (the session cookie's refreshed expiry,
//   in getSessionUser), appended to whatever response goes out;
// - the SQL statements it sent and its read-cache hits and misses, sent as a Server-Timing
//   header when SERVER_TIMING=true (the benchmark's hit rate and statements per page,
//   docs/decisions/020-benchmark-method.md).
import { AsyncLocalStorage } from "node:async_hooks";

export type RequestScope = { cookies: string[]; statements: number; statementMs: number; answerMs: number; cacheHits: number; cacheMisses: number };

export const requestScope = new AsyncLocalStorage<RequestScope>();

export const newRequestScope = (): RequestScope => ({ cookies: [], statements: 0, statementMs: 0, answerMs: 0, cacheHits: 0, cacheMisses: 0 });

/** Adds a Set-Cookie value to this request's response (no-op outside a served request). */
export function setCookieOnResponse(cookie: string) {
  requestScope.getStore()?.cookies.push(cookie);
}

/**
 * Counts one SQL statement sent for this request, with two times: the time `run` takes before it
 * returns (better-sqlite3 runs the whole statement then, on this thread: SQLite's real cost) and
 * the time until its answer (PostgreSQL's round trip; statements run side by side overlap).
 */
export async function countStatement<T>(run: () => Promise<T> | T): Promise<T> {
  const scope = requestScope.getStore();
  if (!scope) return run();
  scope.statements++;
  const started = performance.now();
  const pending = run();
  scope.statementMs += performance.now() - started;
  try {
    return await pending;
  } finally {
    scope.answerMs += performance.now() - started;
  }
}

/** countStatement for a statement that runs to its end on this thread (better-sqlite3 inside a transaction). */
export function countStatementSync<T>(run: () => T): T {
  const scope = requestScope.getStore();
  if (!scope) return run();
  scope.statements++;
  const started = performance.now();
  try {
    return run();
  } finally {
    const ms = performance.now() - started;
    scope.statementMs += ms;
    scope.answerMs += ms;
  }
}

/** Counts one read answered from the read cache (hit) or loaded (miss). */
export function countCacheRead(hit: boolean) {
  const scope = requestScope.getStore();
  if (scope) scope[hit ? "cacheHits" : "cacheMisses"]++;
}

/** The Server-Timing header value: the statements and their times, the read cache's hits and misses. */
export function serverTiming(scope: RequestScope): string {
  return `db;dur=${scope.statementMs.toFixed(1)};desc="statements=${scope.statements}", db-answer;dur=${scope.answerMs.toFixed(1)}, cache;desc="hits=${scope.cacheHits} misses=${scope.cacheMisses}"`;
}
