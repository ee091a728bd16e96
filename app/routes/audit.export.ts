// GET /audit/export?format=csv|ndjson&<the page's filters>
// Streams the filtered log in batches, so memory stays flat however long the log is.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { stringify } from "csv-stringify/sync";
import { filterSearch, parseAuditFilters } from "~/modules/audit/filters";
import { iterateAuditEvents, type AuditLogRow } from "~/modules/audit/log.server";
import { requireUser } from "~/modules/users/session.server";

/** The export's stable, documented column set (README "Audit log export"). */
export const AUDIT_EXPORT_COLUMNS = [
  "seq",
  "occurred_at",
  "actor_id",
  "actor_name",
  "actor_role",
  "action",
  "entity_type",
  "entity_id",
  "proposal_id",
  "proposal_ref",
  "changes",
  "reason",
  "request_id",
  "prev_hash",
  "hash",
] as const;

function record(r: AuditLogRow) {
  return {
    seq: r.seq,
    occurred_at: r.occurredAt,
    actor_id: r.actorId,
    actor_name: r.actorName,
    actor_role: r.actorRole,
    action: r.action,
    entity_type: r.entityType,
    entity_id: r.entityId,
    proposal_id: r.proposalId,
    proposal_ref: r.proposalRef,
    changes: r.changes,
    reason: r.reason,
    request_id: r.requestId,
    prev_hash: r.prevHash,
    hash: r.hash,
  };
}

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  const url = new URL(request.url);
  const format = url.searchParams.get("format") === "ndjson" ? "ndjson" : "csv";
  const filters = { ...parseAuditFilters(url.searchParams), before: undefined, after: undefined };
  const encoder = new TextEncoder();
  const batches = iterateAuditEvents(filters);
  let first = true;
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await batches.next();
      if (next.done) {
        if (first && format === "csv") controller.enqueue(encoder.encode(stringify([], { header: true, columns: [...AUDIT_EXPORT_COLUMNS] })));
        controller.close();
        return;
      }
      const records = next.value.map(record);
      const text =
        format === "csv"
          ? stringify(
              records.map((r) => ({ ...r, changes: JSON.stringify(r.changes) })),
              { header: first, columns: [...AUDIT_EXPORT_COLUMNS] },
            )
          : records.map((r) => JSON.stringify(r)).join("\n") + "\n";
      first = false;
      controller.enqueue(encoder.encode(text));
    },
    async cancel() {
      await batches.return(undefined);
    },
  });
  const stamp = new Date().toISOString().slice(0, 10);
  const suffix = filterSearch(filters) ? "-filtered" : "";
  return new Response(body, {
    headers: {
      "Content-Type": format === "csv" ? "text/csv; charset=utf-8" : "application/x-ndjson; charset=utf-8",
      "Content-Disposition": `attachment; filename="audit-log-${stamp}${suffix}.${format === "csv" ? "csv" : "ndjson"}"`,
      "Cache-Control": "no-store",
    },
  });
}
