// The audit log export's column set, in a module of its own (no database behind it) so that the
// browser tests can check the export against the very list the server writes.
import type { AuditExportRow } from "./log.server";

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
] as const satisfies readonly (keyof AuditExportRow)[];
