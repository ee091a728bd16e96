// The verification worker thread (docs/decisions/009-audit-verification-worker.md): verifies
// the chain on its own read-only connection and posts the result back. Plain JS outside the
// server bundle, started by verify.server.ts in the built server, in Vitest and under tsx alike.
import { parentPort, workerData } from "node:worker_threads";
import { verifyChain } from "./verify-file.js";

parentPort.postMessage(await verifyChain(workerData.file, { savedHead: workerData.savedHead }));
