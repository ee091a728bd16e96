// Audit actions, `entity.verb` as mature audit logs name them. Safe for the browser.
export const AUDIT_ACTIONS = [
  "proposal.created",
  "proposal.updated",
  "proposal.status_changed",
  "proposal.owner_changed",
  "proposal.imported",
  "proposal.watched",
  "proposal.unwatched",
  "milestone.created",
  "milestone.updated",
  "milestone.completed",
  "milestone.reordered",
  "update.posted",
  "user.created",
  "user.role_changed",
  "user.deactivated",
  "user.reactivated",
  "user.password_reset",
  "user.locale_changed",
  "user.password_changed",
  "view.created",
  "view.deleted",
  "auth.login",
  "auth.login_failed",
  "auth.logout",
  "auth.forbidden",
  "auth.password_check_failed",
  "auth.session_ended",
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export const ENTITY_TYPES = ["proposal", "milestone", "update", "user", "session", "view"] as const;
