// Audit log filters, all from the URL. Safe for the browser.
import { z } from "zod";
import { AUDIT_ACTIONS, ENTITY_TYPES } from "./actions";

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const auditFiltersSchema = z.object({
  actor: z.string().max(64).optional().catch(undefined),
  // An exact action, or a family such as "auth.*".
  action: z
    .string()
    .refine((a) => (AUDIT_ACTIONS as readonly string[]).includes(a) || /^[a-z]+\.\*$/.test(a))
    .optional()
    .catch(undefined),
  proposal: z.string().max(64).optional().catch(undefined),
  entity: z.enum(ENTITY_TYPES).optional().catch(undefined),
  from: day.optional().catch(undefined),
  to: day.optional().catch(undefined),
  before: z.coerce.number().int().positive().optional().catch(undefined),
  after: z.coerce.number().int().nonnegative().optional().catch(undefined),
});
export type AuditFilters = z.infer<typeof auditFiltersSchema>;

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
