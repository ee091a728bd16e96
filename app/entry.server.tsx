import { PassThrough } from "node:stream";
import type { AppLoadContext, EntryContext } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";
import { NonceContext } from "~/ui/nonce";

const ABORT_DELAY = 5_000;

export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const nonce = loadContext?.cspNonce ?? "";
  const waitForAll = isbot(request.headers.get("user-agent") ?? "");
  return new Promise((resolve, reject) => {
    let shellRendered = false;
    const { pipe, abort } = renderToPipeableStream(
      <NonceContext.Provider value={nonce}>
        <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
      </NonceContext.Provider>,
      {
        nonce,
        [waitForAll ? "onAllReady" : "onShellReady"]() {
          shellRendered = true;
          const body = new PassThrough();
          responseHeaders.set("Content-Type", "text/html; charset=utf-8");
          resolve(new Response(createReadableStreamFromReadable(body), { headers: responseHeaders, status: responseStatusCode }));
          pipe(body);
        },
        onShellError(error: unknown) {
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          if (shellRendered) console.error(error);
        },
      },
    );
    setTimeout(abort, ABORT_DELAY);
  });
}

// Served by server.js outside Remix's response piping, for backpressure (see the module).
export { streamAuditExport } from "~/modules/audit/export.server";
export { streamProposalExport } from "~/modules/proposals/export.server";
// server.js runs each request in this store and sends the cookies collected in it.
export { newRequestScope, requestScope, serverTiming } from "~/lib/request-scope.server";
// server.js refuses what the app does not take in the catalogue's words (app/lib/refusals.server.tsx).
export { refusalAnswer, refusals } from "~/lib/refusals.server";
// server.js starts the notification jobs' schedule once it listens (issue 17).
export { startScheduler } from "~/modules/notifications/scheduler.server";

// Remix logs every unmatched URL as an error; a 404 is not one, nor is a request the client
// abandoned. Everything else is logged with its request for the operator.
export function handleError(error: unknown, { request }: { request: Request }) {
  if (request.signal.aborted) return;
  const status = (error as { status?: number })?.status;
  if (status === 404 || /No route matches URL/.test(String((error as Error)?.message ?? ""))) return;
  console.error(`${request.method} ${new URL(request.url).pathname}:`, error);
}
