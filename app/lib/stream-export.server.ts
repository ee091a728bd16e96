// Long downloads (the audit log, proposal exports) are written straight on Node's response, so
// each batch waits for the socket to drain and memory stays flat however long the file is.
// Remix's own piping of a Response body does not wait for drain, and buffered whole files.
import type { IncomingMessage, ServerResponse } from "node:http";
import { once } from "node:events";
import { getSessionUser, type SessionUser } from "~/modules/users/session.server";

/** What an export answers: a refusal with a message (4xx), or headers and the body in chunks. */
export type ExportPlan = { status: number; message: string } | { headers: Record<string, string>; chunks: AsyncIterable<string> };

/**
 * Writes `chunks` with backpressure, letting other requests in between batches. Stops when the
 * client goes away; an error part-way destroys the socket (the client sees a cut-off download,
 * never a response that stays open) and is reported to `onError`.
 */
export async function pipeChunks(res: ServerResponse, chunks: AsyncIterable<string>, onError: (error: unknown) => void): Promise<void> {
  let closed = false;
  // One promise for the end of the connection, raced against each drain, so a slow client does
  // not gather a "close" listener per wait.
  const gone = new Promise<void>((resolve) =>
    res.once("close", () => {
      closed = true;
      resolve();
    }),
  );
  try {
    for await (const chunk of chunks) {
      if (closed) return;
      if (!res.write(chunk)) {
        const abort = new AbortController();
        await Promise.race([once(res, "drain", { signal: abort.signal }).catch(() => undefined), gone]);
        abort.abort();
      }
      await new Promise((resolve) => setImmediate(resolve));
    }
    res.end();
  } catch (error) {
    res.destroy();
    onError(error);
  }
}

/**
 * GET handler for an export served outside Remix (server.js): signs the user in from the
 * cookie, asks `plan` what to send (everything that can be refused is refused before the first
 * byte), then streams it.
 */
export async function serveExport(req: IncomingMessage, res: ServerResponse, plan: (url: URL, user: SessionUser) => ExportPlan | Promise<ExportPlan>) {
  const url = new URL(req.url ?? "/", "http://localhost");
  const headers = new Headers();
  for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers.set(k, v);
  let user: SessionUser | null;
  try {
    user = await getSessionUser(new Request(url, { headers }));
  } catch (error) {
    // The session lookup answers a storage fault with a Response (503 in words): send it as is.
    if (!(error instanceof Response)) throw error;
    res.writeHead(error.status, Object.fromEntries(error.headers));
    res.end(await error.text());
    return;
  }
  if (!user) {
    res.writeHead(302, { Location: `/login?redirectTo=${encodeURIComponent(url.pathname + url.search)}` });
    res.end();
    return;
  }
  const answer = await plan(url, user);
  if ("message" in answer) {
    res.writeHead(answer.status, { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" });
    res.end(answer.message);
    return;
  }
  res.writeHead(200, answer.headers);
  // HEAD gets the headers only: reading every row for no body is work nobody asked for.
  if (req.method === "HEAD") {
    res.end();
    return;
  }
  await pipeChunks(res, answer.chunks, (error) => console.error(`export ${url.pathname} failed part-way:`, error));
}
