// The audit log export, CSV or NDJSON, as a stream of text chunks (docs/decisions/008).
import { msg } from "~/i18n/message";
import { isLocale } from "~/i18n/messages";
import type { IncomingMessage, ServerResponse } from "node:http";
import { csvRows } from "~/lib/csv.server";
import { serveExport } from "~/lib/stream-export.server";
import { AUDIT_EXPORT_COLUMNS } from "./export-columns";
import { auditExportBatches } from "./log.server";
import { filterSearch, parseAuditQuery, type AuditFilters } from "./filters";
import { render } from "~/i18n/translate";

/** Matching events, oldest first, as CSV or NDJSON text in batches (keyset on seq). */
export async function* auditExportChunks(filters: AuditFilters, format: "csv" | "ndjson", batchSize = 5000): AsyncGenerator<string> {
  let first = true;
  for await (const rows of auditExportBatches(filters, batchSize)) {
    if (format === "csv") {
      // `changes` is stored as JSON text already: it goes out as it is.
      yield csvRows(rows, { header: first, columns: AUDIT_EXPORT_COLUMNS });
    } else {
      yield rows.map((r) => JSON.stringify({ ...r, changes: JSON.parse(r.changes) })).join("\n") + "\n";
    }
    first = false;
  }
  if (first && format === "csv") yield csvRows([], { header: true, columns: AUDIT_EXPORT_COLUMNS });
}

/**
 * GET /audit/export, served straight on Node's response (server.js) so that each batch waits
 * for the socket to drain: memory stays flat however long the log is. Filters are checked
 * before the first byte: an invalid date is a 400 with a message, never a broken download.
 */
export function streamAuditExport(req: IncomingMessage, res: ServerResponse) {
  return serveExport(req, res, (url, user) => {
    const format = url.searchParams.get("format") === "ndjson" ? "ndjson" : "csv";
    const parsed = parseAuditQuery(url.searchParams);
    const language = isLocale(user.locale) ? user.locale : "en";
    const problems = Object.entries(parsed.errors).map(([k, message]) => render(language, msg("error.exportFilter", { filter: k, problem: message })));
    if (problems.length) return { status: 400, message: problems.join("\n") };
    const filters = { ...parsed.filters, before: undefined, after: undefined };
    const stamp = new Date().toISOString().slice(0, 10);
    return {
      headers: {
        "Content-Type": format === "csv" ? "text/csv; charset=utf-8" : "application/x-ndjson; charset=utf-8",
        "Content-Disposition": `attachment; filename="audit-log-${stamp}${filterSearch(filters) ? "-filtered" : ""}.${format}"`,
        // no-transform: a million-row file is not worth gzipping on the fly at the cost of the export.
        "Cache-Control": "no-store, no-transform",
      },
      chunks: auditExportChunks(filters, format),
    };
  });
}
