// The product's fixed vocabularies (product.md §2–3). Safe for the browser.

export const STATUSES = ["proposed", "under_review", "agreed", "in_progress", "completed", "on_hold", "dropped"] as const;
export type Status = (typeof STATUSES)[number];

/** IATI ActivityStatus code for each status (product.md §3). */
export const IATI_STATUS: Record<Status, number> = {
  proposed: 1,
  under_review: 1,
  agreed: 1,
  in_progress: 2,
  completed: 3,
  on_hold: 6,
  dropped: 5,
};

export const AREAS = [
  "institutional",
  "strategy",
  "finance",
  "digital",
  "transport",
  "energy",
  "environment",
  "disaster",
  "education",
  "justice",
  "security",
] as const;
export type Area = (typeof AREAS)[number];

export const COUNTRIES = ["JP", "KZ", "KG", "TJ", "TM", "UZ"] as const;
export type Country = (typeof COUNTRIES)[number];

export const PRIORITIES = ["low", "medium", "high"] as const;
export type Priority = (typeof PRIORITIES)[number];

export const HEALTHS = ["on_track", "at_risk", "off_track"] as const;
export type Health = (typeof HEALTHS)[number];

export const MILESTONE_STATUSES = ["planned", "done", "missed", "cancelled"] as const;
export type MilestoneStatus = (typeof MILESTONE_STATUSES)[number];

export const ROLES = ["viewer", "analyst", "manager", "admin"] as const;
export type Role = (typeof ROLES)[number];

/** Text limits in Unicode code points, mirrored by CHECK constraints in the migrations. */
export const LIMITS = {
  title: 200,
  summary: 4000,
  sourceQuote: 4000,
  leadOrganisation: 200,
  milestoneTitle: 200,
  note: 2000,
  updateBody: 4000,
  userName: 120,
  email: 254,
} as const;
