// Production HTTP server: Express in front of the Remix build, for control over headers,
// compression, request ids, body limits and logging (docs/decisions/001-remix-classic-compiler.md).
import { createRequestHandler } from "@remix-run/express";
import compression from "compression";
import express from "express";
import onHeaders from "on-headers";
import { randomBytes, randomUUID } from "node:crypto";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = path.dirname(fileURLToPath(import.meta.url));
// One process, no options: `npm run serve -- --workers N` (scripts/serve.js) runs several of it.
if (process.argv.length > 2) {
  console.error(`server.js takes no arguments (given: ${process.argv.slice(2).join(" ")}).`);
  console.error("Usage: npm run serve [-- --workers N]");
  process.exit(2);
}
/** Set by the cluster primary (scripts/serve.js) in each worker it forks: 1, 2, … */
const workerIndex = process.env.WORKER_INDEX || "";
const production = process.env.NODE_ENV === "production";
const port = Number(process.env.PORT || 3000);
// Loopback unless told otherwise: the server speaks plain HTTP, so a deployment puts a TLS proxy
// in front of it on the same machine, and an operator who needs it reachable from elsewhere (a
// proxy on another host, a container) sets HOST, e.g. HOST=0.0.0.0 for every interface. Under
// `npm start` the demo accounts and their published password are then reachable too.
const host = process.env.HOST || "127.0.0.1";
/** Set by `npm start` (scripts/start.js): the log then lists the demo accounts. */
const demoMode = process.env.DEMO_MODE === "1";
const trustProxy = process.env.TRUST_PROXY === "true";
/** Largest request body accepted, in bytes (forms are small; 413 beyond this). */
const MAX_BODY_BYTES = Number(process.env.MAX_BODY_BYTES || 256 * 1024);
/**
 * The intake's upload form takes a document of up to 20 MB (app/modules/intake/extract.server.ts).
 * Its body may be larger, so that a file somewhat over the limit reaches the form, which answers
 * with the message next to the field and the other fields kept; a body past this is refused at
 * the door like any other. The form reads the body in memory (request.formData), so one upload
 * holds at most this much.
 */
const MAX_UPLOAD_BYTES = 32 * 1024 * 1024;
// The forms that take a file: a source document, evidence, and a score with its evidence.
const UPLOAD_PATH = /^\/(events\/[^/]+\/documents\/new|proposals\/[^/]+\/evidence|compliance\/[^/]+\/[^/]+)$/;
const bodyLimit = (req) => (UPLOAD_PATH.test(req.path) ? MAX_UPLOAD_BYTES : MAX_BODY_BYTES);
/** Tests only (tests/e2e/workers.spec.ts): answers say which process served them. */
const exposeWorkerPid = process.env.WORKER_PID_HEADER === "1";

const build = await import(pathToFileURL(path.join(root, "build", "index.js")).href);

const app = express();
app.disable("x-powered-by");
app.set("trust proxy", trustProxy);
app.use(compression());

// What the app answers at all, before anything else looks at the request: a path as the target
// (not an absolute URL), a Host that makes a URL, and the methods its pages use. Anything else
// is a 4xx here rather than an exception deeper down (docs/security.md, issue 10).
const METHODS = new Set(["GET", "HEAD", "POST", "OPTIONS"]);
const { refusalAnswer, refusals } = build.entry.module;
/**
 * Answers a request the app does not take, in the catalogue's words and the signed-in user's
 * language (app/lib/refusals.server.tsx). The body is drained unless the caller ends the
 * connection itself (`drain: false`, for an upload cut off at the size limit).
 */
function refuse(req, res, refusal, { headers = {}, drain = true } = {}) {
  if (drain) req.resume();
  refusalAnswer(refusal, { accept: req.get("Accept"), cookie: req.get("Cookie"), acceptLanguage: req.get("Accept-Language") })
    .catch(() => ({ status: refusal.status, contentType: "text/plain; charset=utf-8", body: `${refusal.status}\n`, language: "en" }))
    .then((answer) => {
      if (res.headersSent) return;
      res.set({ "Cache-Control": "no-store", "Content-Language": answer.language, ...headers });
      res.status(answer.status).type(answer.contentType).send(answer.body);
    })
    // A refusal must never become an unhandled rejection, which would end the process.
    .catch((error) => {
      console.error("refusal failed", error);
      if (!res.headersSent) res.status(refusal.status).end();
    });
}
app.use((req, res, next) => {
  if (!METHODS.has(req.method)) return refuse(req, res, refusals.method(req.method), { headers: { Allow: "GET, HEAD, POST" } });
  if (req.method === "OPTIONS") {
    res.set("Allow", "GET, HEAD, POST").status(204).end();
    return;
  }
  if (!req.originalUrl.startsWith("/")) return refuse(req, res, refusals.target());
  // The Remix adapter reads the port from X-Forwarded-Host even when no proxy is trusted: an
  // untrusted one is dropped, and a trusted one is checked like Host.
  if (!trustProxy) delete req.headers["x-forwarded-host"];
  const host = (trustProxy && req.get("X-Forwarded-Host")) || req.get("Host") || "";
  try {
    // What the Remix adapter will build; it throws on a Host such as "[".
    if (!new URL(`http://${host}${req.originalUrl}`).hostname) throw new Error("no host");
    // …and it takes parseInt of the part after the first colon as the port, when it is a number.
    const port = Number.parseInt(host.split(":")[1], 10);
    if (Number.isSafeInteger(port) && (port < 0 || port > 65535)) throw new Error("bad port");
  } catch {
    return refuse(req, res, refusals.host());
  }
  next();
});

app.use((req, res, next) => {
  res.locals.requestId = randomUUID();
  res.locals.cspNonce = randomBytes(16).toString("base64");
  res.setHeader("X-Request-Id", res.locals.requestId);
  res.setHeader(
    "Content-Security-Policy",
    [
      "default-src 'self'",
      `script-src 'self' 'nonce-${res.locals.cspNonce}'`,
      `style-src 'self'`,
      "img-src 'self' data:",
      "font-src 'self'",
      "connect-src 'self'",
      "form-action 'self'",
      "object-src 'none'",
      "base-uri 'none'",
      "frame-ancestors 'none'",
    ].join("; "),
  );
  res.setHeader("X-Content-Type-Options", "nosniff");
  res.setHeader("Referrer-Policy", "strict-origin-when-cross-origin");
  res.setHeader("X-Frame-Options", "DENY");
  res.setHeader("Cross-Origin-Opener-Policy", "same-origin");
  // Which process answered, for the several-process browser test only (never set in production).
  if (exposeWorkerPid) res.setHeader("X-Worker-Pid", String(process.pid));
  if (production && process.env.COOKIE_SECURE !== "false") {
    res.setHeader("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
  }
  next();
});

// Cross-site protection: a state-changing request must come from this site. Browsers send
// Origin on cross-site POSTs and Sec-Fetch-Site on all requests; either one naming another site
// gets 403 before the app sees the request (docs/security.md).
app.use((req, res, next) => {
  if (req.method === "GET" || req.method === "HEAD" || req.method === "OPTIONS") return next();
  const origin = req.headers.origin;
  const site = req.headers["sec-fetch-site"];
  const host = (trustProxy && req.headers["x-forwarded-host"]) || req.headers.host;
  let sameOrigin = true;
  if (origin !== undefined) {
    try {
      sameOrigin = origin !== "null" && new URL(origin).host === host;
    } catch {
      sameOrigin = false;
    }
  } else if (site !== undefined) {
    sameOrigin = site === "same-origin" || site === "none";
  }
  if (!sameOrigin) {
    console.warn(`403 cross-site ${req.method} ${req.path} from origin=${origin ?? "-"} site=${site ?? "-"}`);
    return refuse(req, res, refusals.crossSite());
  }
  next();
});

// Forms arrive URL-encoded or as multipart; anything else (JSON, text/plain, no type) is not a
// form this app sent, and gets 415 rather than an exception in the action.
app.use((req, res, next) => {
  if (req.method !== "POST") return next();
  const type = (req.get("Content-Type") || "").split(";")[0].trim().toLowerCase();
  if (type !== "application/x-www-form-urlencoded" && type !== "multipart/form-data") {
    return refuse(req, res, refusals.contentType());
  }
  next();
});

// Refuse oversized bodies before Remix reads them: by Content-Length when given, and by
// counting bytes for chunked uploads that do not say.
app.use((req, res, next) => {
  if (req.method === "GET" || req.method === "HEAD") return next();
  const limit = bodyLimit(req);
  const declared = Number(req.headers["content-length"] ?? "NaN");
  if (Number.isFinite(declared) && declared > limit) {
    return refuse(req, res, refusals.tooLarge(limit));
  }
  if (!Number.isFinite(declared)) {
    let seen = 0;
    req.on("data", (chunk) => {
      seen += chunk.length;
      if (seen > limit && !res.headersSent && !res.locals.tooLarge) {
        res.locals.tooLarge = true;
        // The answer goes out first; the rest of the upload is not read.
        req.pause();
        refuse(req, res, refusals.tooLarge(limit), { drain: false });
        res.once("finish", () => req.destroy());
      }
    });
  }
  next();
});

app.use("/build", express.static(path.join(root, "public", "build"), { immutable: true, maxAge: "1y" }));
app.use(express.static(path.join(root, "public"), { maxAge: "1h" }));

// Each request runs in its own scope (app/lib/request-scope.server.ts): the cookies the app put
// in its jar go out with the response, unless the response sets that cookie itself; with
// SERVER_TIMING=true a Server-Timing header says how many SQL statements it sent and how its
// reads fared in the read cache.
const { requestScope, newRequestScope, serverTiming } = build.entry.module;
const sendServerTiming = process.env.SERVER_TIMING === "true";
const withRequestScope = (handler) => (req, res, next) => {
  const scope = newRequestScope();
  onHeaders(res, () => {
    const set = [res.getHeader("Set-Cookie") ?? []].flat().map(String);
    for (const cookie of scope.cookies) {
      const name = cookie.slice(0, cookie.indexOf("=") + 1);
      if (!set.some((c) => c.startsWith(name))) set.push(cookie);
    }
    if (set.length) res.setHeader("Set-Cookie", set);
    if (sendServerTiming) res.setHeader("Server-Timing", serverTiming(scope));
  });
  requestScope.run(scope, () => handler(req, res, next));
};

// The exports stream straight to the socket with backpressure (app/lib/stream-export.server.ts).
app.get(
  "/audit/export",
  withRequestScope((req, res, next) => {
    build.entry.module.streamAuditExport(req, res).catch(next);
  }),
);
app.get(
  "/proposals/export",
  withRequestScope((req, res, next) => {
    build.entry.module.streamProposalExport(req, res).catch(next);
  }),
);

app.all(
  "*",
  withRequestScope(
    createRequestHandler({
      build,
      mode: production ? "production" : "development",
      getLoadContext: (req, res) => ({
        requestId: res.locals.requestId,
        cspNonce: res.locals.cspNonce,
        clientIp: (trustProxy ? req.ip : req.socket.remoteAddress) ?? "",
      }),
    }),
  ),
);

// A chunked upload cut off at the limit has been answered 413 already; the app's own answer to
// the aborted request has nowhere to go, and is dropped quietly. An error after the headers went
// out (a stream failing part-way) ends the connection: the client sees a cut-off answer, never
// one that stays open.
app.use((error, req, res, next) => {
  if (res.locals.tooLarge) return;
  if (res.headersSent) {
    console.error(`${req.method} ${req.path} failed after the answer started:`, error);
    res.destroy();
    return;
  }
  next(error);
});

const LOOPBACK = new Set(["127.0.0.1", "::1", "localhost"]);
let scheduler = null;
const server = app.listen(port, host, async () => {
  const bound = server.address();
  const shown = bound.family === "IPv6" ? `[${bound.address}]` : bound.address;
  const reach = LOOPBACK.has(host) ? "this machine only; set HOST=0.0.0.0 to serve other machines" : `HOST=${host}`;
  const who = workerIndex ? `worker ${workerIndex}, pid ${process.pid}` : `pid ${process.pid}`;
  console.log(`Summit Tracker listening on http://${shown}:${bound.port} (${reach}), ${who}`);
  // Digests, the due/overdue scan and mail delivery (issue 17); leases keep several processes from
  // running a job twice. NOTIFY_SCHEDULER=off leaves them to another process or to `npm run notify:run`.
  if (process.env.NOTIFY_SCHEDULER !== "off") scheduler = build.entry.module.startScheduler();
  // The demo accounts are listed once, by the only process or the first worker.
  if (demoMode && (!workerIndex || workerIndex === "1")) {
    const { DEMO_PASSWORD, demoAccounts } = await import("./prisma/demo-accounts.js");
    console.log(`Demo accounts, all with the password "${DEMO_PASSWORD}":`);
    for (const a of demoAccounts()) console.log(`  ${a.email.padEnd(24)} ${a.role}`);
    if (!LOOPBACK.has(host)) console.warn("Warning: the demo accounts' password is published, and this server is reachable from other machines.");
  }
});

function shutdown() {
  scheduler?.stop();
  server.close(() => process.exit(0));
  setTimeout(() => process.exit(0), 5000).unref();
}
process.on("SIGTERM", shutdown);
process.on("SIGINT", shutdown);
