// The product's fixed vocabularies (product.md §2–3), in display order. The values are the
// Prisma enums of prisma/schema.prisma (the types below are Prisma's); `listing` makes it a
// compile error for an array here to miss a value of its enum or to hold one it lacks. Safe for
// the browser: only types come from @prisma/client.
import type { $Enums } from "@prisma/client";
import { listing } from "~/lib/listing";

export type Status = $Enums.Status;
export type Area = $Enums.Area;
export type Country = $Enums.Country;
export type Priority = $Enums.Priority;
export type Health = $Enums.Health;
export type MilestoneStatus = $Enums.MilestoneStatus;

export const STATUSES = listing<Status>()(["proposed", "under_review", "agreed", "in_progress", "completed", "on_hold", "dropped"]);

/** IATI ActivityStatus code for each status (product.md §3). */
export const IATI_STATUS: Readonly<Record<Status, number>> = {
  proposed: 1,
  under_review: 1,
  agreed: 1,
  in_progress: 2,
  completed: 3,
  on_hold: 6,
  dropped: 5,
};

export const AREAS = listing<Area>()([
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
]);

export const COUNTRIES = listing<Country>()(["JP", "KZ", "KG", "TJ", "TM", "UZ"]);

export const PRIORITIES = listing<Priority>()(["low", "medium", "high"]);

export const HEALTHS = listing<Health>()(["on_track", "at_risk", "off_track"]);

export const MILESTONE_STATUSES = listing<MilestoneStatus>()(["planned", "done", "missed", "cancelled"]);

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
  viewName: 80,
  viewQuery: 2000,
  commentBody: 4000,
  commentMentions: 20,
  email: 254,
} as const;

export type EventKind = $Enums.EventKind;
export type DatePrecision = $Enums.DatePrecision;
export type DocumentLanguage = $Enums.DocumentLanguage;
export type DocumentKind = $Enums.DocumentKind;
export type FollowUpKind = $Enums.FollowUpKind;

/** Kinds of the Dialogue's meetings (issue 15); "other" holds records that are not one meeting. */
export const EVENT_KINDS = listing<EventKind>()(["summit", "ministerial", "consultative", "forum", "other"]);
export const DATE_PRECISIONS = listing<DatePrecision>()(["day", "month", "year"]);
/** The languages the intake reads; a language here has rules in app/modules/intake/rules/. */
export const DOCUMENT_LANGUAGES = listing<DocumentLanguage>()(["en", "ru"]);
export const DOCUMENT_KINDS = listing<DocumentKind>()(["text", "html", "docx", "pdf"]);
/** How a later proposal relates to the earlier one it follows up. */
export const FOLLOW_UP_KINDS = listing<FollowUpKind>()(["reaffirms", "extends", "replaces"]);

// Compliance assessment rounds (issue 16).
export type RoundKind = $Enums.RoundKind;
export type RoundStatus = $Enums.RoundStatus;
export const ROUND_KINDS = listing<RoundKind>()(["interim", "final"]);
export const ROUND_STATUSES = listing<RoundStatus>()(["open", "closed"]);
