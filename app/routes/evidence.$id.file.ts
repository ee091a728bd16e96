// GET /evidence/:id/file: an evidence item's file, to anyone signed in (who may read every
// proposal). Always a download: `Content-Disposition: attachment` with the stored name, a content
// type from the short list the upload check admits (else application/octet-stream), nosniff (set by
// server.js on every answer), and a sandboxing CSP, so an uploaded file can never run as a page of this site.
import type { LoaderFunctionArgs } from "@remix-run/node";
import contentDisposition from "content-disposition";
import { msg } from "~/i18n/message";
import { requireId, rethrowAsResponse } from "~/lib/http.server";
import { SERVABLE_MEDIA_TYPES } from "~/modules/evidence/detect.server";
import { evidenceFile } from "~/modules/evidence/queries.server";
import { requireUser } from "~/modules/users/session.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireUser(request);
  const id = requireId(params.id, msg("what.evidence"));
  const file = await evidenceFile(id).catch(rethrowAsResponse);
  const type = SERVABLE_MEDIA_TYPES.has(file.mediaType) ? file.mediaType : "application/octet-stream";
  return new Response(file.content, {
    headers: {
      "Content-Type": type === "text/plain" ? "text/plain; charset=utf-8" : type,
      "Content-Length": String(file.content.byteLength),
      "Content-Disposition": contentDisposition(file.fileName || "evidence", { type: "attachment" }),
      "Content-Security-Policy": "sandbox; default-src 'none'",
      "Cache-Control": "private, max-age=0, must-revalidate",
      ETag: `"${file.sha256}"`,
      Digest: `sha-256=${Buffer.from(file.sha256, "hex").toString("base64")}`,
    },
  });
}
