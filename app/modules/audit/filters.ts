// Audit log filters, all from the URL. Safe for the browser.
import { z } from "zod";
import { MAX_INT, urlKey } from "~/lib/schema-fields";
import { msg, type Message } from "~/i18n/message";
import { AUDIT_ACTIONS, ENTITY_TYPES } from "./actions";

/** A real calendar day written YYYY-MM-DD (2025-13-01, 2025-02-30 and 0000-00-00 are not). */
function isCalendarDay(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

const day = z.string().refine(isCalendarDay);

const auditFiltersSchema = z.object({
  actor: urlKey.optional().catch(undefined),
  // An exact action, or a family such as "auth.*".
  action: z
    .string()
    .refine((a) => (AUDIT_ACTIONS as readonly string[]).includes(a) || /^[a-z]+\.\*$/.test(a))
    .optional()
    .catch(undefined),
  proposal: urlKey.optional().catch(undefined),
  entity: z.enum(ENTITY_TYPES).optional().catch(undefined),
  from: day.optional().catch(undefined),
  to: day.optional().catch(undefined),
  before: z.coerce.number().int().positive().max(MAX_INT).optional().catch(undefined),
  after: z.coerce.number().int().nonnegative().max(MAX_INT).optional().catch(undefined),
});
export type AuditFilters = z.infer<typeof auditFiltersSchema>;

/** Filters a user can get wrong in a way worth telling them about (other bad values are ignored). */
export type AuditFilterErrors = Partial<Record<"from" | "to", Message>>;

/**
 * The filters, and a message for each date that is not a real day. An invalid date is left out
 * of the filters, so nothing downstream ever sees one; pages and exports answer 400 with the
 * messages before they start.
 */
export function parseAuditQuery(params: URLSearchParams): { filters: AuditFilters; errors: AuditFilterErrors } {
  const errors: AuditFilterErrors = {};
  for (const key of ["from", "to"] as const) {
    const value = params.get(key)?.trim();
    if (value && !isCalendarDay(value)) errors[key] = msg("v.auditDate", { value: value.slice(0, 40) });
  }
  return { filters: parseAuditFilters(params), errors };
}

export function parseAuditFilters(params: URLSearchParams): AuditFilters {
  const get = (k: string) => params.get(k)?.trim() || undefined;
  return auditFiltersSchema.parse({
    actor: get("actor"),
    action: get("action"),
    proposal: get("proposal"),
    entity: get("entity"),
    from: get("from"),
    to: get("to"),
    before: get("before"),
    after: get("after"),
  });
}

/** The filter part of a URL (no cursor), for links and exports. */
export function filterSearch(f: AuditFilters): string {
  const p = new URLSearchParams();
  for (const k of ["actor", "action", "proposal", "entity", "from", "to"] as const) if (f[k]) p.set(k, String(f[k]));
  return p.toString();
}
