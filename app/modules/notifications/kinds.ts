// What a notification says and where it leads (issue 17). Safe for the browser: the inbox, the
// e-mail and the digest all make their sentence here, from the row and the records it links.
import { formatDay } from "~/ui/format";
import { isLocale } from "~/i18n/messages";
import { PSEUDO, type UiLocale } from "~/i18n/pseudo";

const isUiLocale = (value: string): value is UiLocale => isLocale(value) || value === PSEUDO;
import type { $Enums } from "@prisma/client";
import { msg, type Message } from "~/i18n/message";
import { listing } from "~/lib/listing";

export type NotificationKind = $Enums.NotificationKind;
export type MailFrequency = $Enums.MailFrequency;
export const MAIL_FREQUENCIES = listing<MailFrequency>()(["immediate", "daily", "weekly", "off"]);

/** Days ahead a milestone counts as due soon. */
export const DUE_SOON_DAYS = 7;

/** A notification as the inbox and the mail read it: the row and the names of what it links. */
export type NotificationView = {
  id: string;
  kind: NotificationKind;
  createdAt: string;
  readAt: string | null;
  actorName: string;
  params: Record<string, string>;
  proposal: { id: string; reference: string; title: string } | null;
  milestone: { id: string; title: string; dueDate: string } | null;
  round: { id: string; name: string; cutoff: string } | null;
};

/** A calendar day (YYYY-MM-DD, or an ISO instant at UTC midnight) in the reader's language. */
export function dayIn(locale: string, day: string): string {
  if (!day) return "";
  const date = new Date(day.length === 10 ? `${day}T00:00:00Z` : day);
  if (Number.isNaN(date.getTime())) return day;
  return formatDay(date, isUiLocale(locale) ? locale : "en");
}

/** The sentence: who did what to which record, as a catalogue message; days in `locale`. */
export function notificationMessage(n: NotificationView, locale: string): Message {
  const day = (d: string) => dayIn(locale, d);
  const ref = n.proposal?.reference ?? "";
  const title = n.proposal?.title ?? "";
  const milestone = n.milestone?.title ?? n.params.milestone ?? "";
  switch (n.kind) {
    case "assigned":
      return n.milestone ? msg("notify.assignedMilestone", { actor: n.actorName, milestone, ref }) : msg("notify.assigned", { actor: n.actorName, ref, title });
    case "status_changed":
      return msg("notify.statusChanged", {
        actor: n.actorName,
        ref,
        title,
        from: msg(`status.${n.params.from ?? "proposed"}` as never),
        to: msg(`status.${n.params.to ?? "proposed"}` as never),
      });
    case "progress_posted":
      return msg("notify.progressPosted", { actor: n.actorName, ref, title });
    case "milestone_due":
      return msg("notify.milestoneDue", { milestone, ref, due: day(n.params.due ?? n.milestone?.dueDate ?? "") });
    case "milestone_overdue":
      return msg("notify.milestoneOverdue", { milestone, ref, due: day(n.params.due ?? n.milestone?.dueDate ?? "") });
    case "round_opened":
      return msg("notify.roundOpened", {
        actor: n.actorName,
        round: n.round?.name ?? n.params.round ?? "",
        cutoff: day(n.round?.cutoff ?? n.params.cutoff ?? ""),
      });
    case "mentioned":
      return msg("notify.mentioned", { actor: n.actorName, ref, title });
  }
}

/** The page the notification is about (a path), with the part of it that changed. */
export function notificationPath(n: Pick<NotificationView, "kind" | "proposal" | "round" | "milestone">): string {
  if (n.kind === "round_opened") return n.round ? `/compliance?round=${encodeURIComponent(n.round.id)}` : "/compliance";
  if (!n.proposal) return "/inbox";
  const base = `/proposals/${encodeURIComponent(n.proposal.id)}`;
  if (n.milestone) return `${base}#milestones-h`;
  if (n.kind === "progress_posted") return `${base}#updates-h`;
  if (n.kind === "mentioned") return `${base}#comments-h`;
  return base;
}
