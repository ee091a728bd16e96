// GET /proposals/export is not served by Remix: server.js answers it before Remix sees the request,
// with `streamProposalExport` from app/modules/proposals/export.server.ts (exported through app/entry.server.tsx), so the file
// streams to the socket with backpressure however many rows it has (decision 008, issue 10).
// This route exists so a reader looking in app/routes finds that; it answers only if the app
// runs without server.js in front of it.
import { msg } from "~/i18n/message";
import { answer } from "~/lib/http.server";

export function loader(): never {
  console.error("[export] /proposals/export reached Remix: start the app with server.js, which streams exports");
  throw answer(404, msg("error.notFound", { what: msg("what.page") }));
}
