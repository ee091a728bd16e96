// Verification of the audit chain for the server (docs/decisions/009-audit-verification-worker.md).
// Reading and hashing a million events takes seconds of CPU, so it runs in a worker thread on its
// own read-only connection: the event loop keeps serving other requests meanwhile. At most one
// runs at a time in the process (a second request joins the running one), and a result younger
// than a minute is reused rather than computed again.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import type { ChainHead } from "./chain";
import type { VerifyResult } from "./verify-file.js";

export { chainHead, chainHeadOf, verifyChain, verifyChainFile, verifyStoredFiles, type VerifyResult } from "./verify-file.js";

/** How long a result is reused before the chain is read again. */
const REUSE_VERIFICATION_MS = 60_000;

type Checked = VerifyResult & { checkedAt: string };
export type Verification = Checked & {
  /** fresh: this request ran it; joined: another request's run was under way; recent: reused. */
  source: "fresh" | "joined" | "recent";
};

/**
 * The worker is a plain JS file beside this one in app/. This module runs from app/ under
 * Vitest and tsx, and from build/index.js once built, so the file is found by walking up.
 */
function workerFile(): string {
  const relative = path.join("app", "modules", "audit", "verify.worker.js");
  for (let dir = path.dirname(fileURLToPath(import.meta.url)); ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, relative);
    if (fs.existsSync(candidate)) return candidate;
    if (path.dirname(dir) === dir) throw new Error(`${relative} not found above ${fileURLToPath(import.meta.url)}`);
  }
}

/** Verifies `file` in a worker thread; the calling thread only waits for the answer. */
/** A verification still running after this long is stopped, so one stuck run cannot block every later one. */
const VERIFY_TIMEOUT_MS = 10 * 60_000;

export function verifyInWorker(file: string, savedHead?: ChainHead, timeoutMs = VERIFY_TIMEOUT_MS): Promise<VerifyResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(workerFile(), { workerData: { file, savedHead } });
    let answered = false;
    const timer = setTimeout(() => {
      reject(new Error(`audit verification did not finish within ${Math.round(timeoutMs / 1000)} s`));
      void worker.terminate();
    }, timeoutMs);
    timer.unref();
    worker.once("message", (result: VerifyResult) => {
      answered = true;
      clearTimeout(timer);
      resolve(result);
    });
    worker.once("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    worker.once("exit", (code) => {
      clearTimeout(timer);
      if (!answered) reject(new Error(`audit verification worker exited with code ${code} before answering`));
    });
  });
}

let running: { file: string; promise: Promise<Checked> } | null = null;
let last: { file: string; at: number; verification: Checked } | null = null;

/** Verifies the chain once for everyone asking: joins a run under way, reuses a recent result. */
export async function verifyChainShared(file: string, options: { maxAgeMs?: number } = {}): Promise<Verification> {
  const maxAge = options.maxAgeMs ?? REUSE_VERIFICATION_MS;
  for (;;) {
    if (last?.file === file && Date.now() - last.at < maxAge) return { ...last.verification, source: "recent" };
    if (running?.file === file) return { ...(await running.promise), source: "joined" };
    if (!running) break;
    // Another file's run (tests use several databases): still one at a time.
    await running.promise.catch(() => undefined);
  }
  const promise = verifyInWorker(file).then((result) => {
    const verification: Checked = { ...result, checkedAt: new Date().toISOString() };
    last = { file, at: Date.now(), verification };
    return verification;
  });
  running = { file, promise };
  try {
    return { ...(await promise), source: "fresh" };
  } finally {
    running = null;
  }
}
