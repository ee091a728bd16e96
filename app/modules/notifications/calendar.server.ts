// The private calendar feed (issue 17): the milestones a user is assigned, owns (through the
// proposal) or watches, as all-day events on their due day, made by ical-generator. The token is
// the only credential; the feed shows no more than the milestone, its proposal and its status.
import ical, { ICalCalendarMethod, ICalEventStatus } from "ical-generator";
import { readDb } from "~/db.server";
import type { Locale } from "~/i18n/messages";
import { translate } from "~/i18n/translate";
import { hashFeedToken } from "./service.server";
import { appUrl } from "./mail/tokens.server";

/** At most this many events, from a year back onwards, the earliest first. */
export const FEED_LIMIT = 2000;
const FEED_PAST_DAYS = 365;

/** The user a feed token belongs to, or null (unknown or revoked). */
export async function feedOwner(token: string) {
  if (!/^[A-Za-z0-9_-]{32}$/.test(token)) return null;
  return readDb.user.findFirst({ where: { calendarTokenHash: hashFeedToken(token), active: true }, select: { id: true, name: true, locale: true } });
}

export async function calendarFeed(user: { id: string; name: string; locale: Locale }): Promise<string> {
  const milestones = await readDb.milestone.findMany({
    where: {
      status: { not: "cancelled" },
      dueDate: { gte: new Date(Date.now() - FEED_PAST_DAYS * 86_400_000) },
      OR: [{ assigneeId: user.id }, { proposal: { ownerId: user.id } }, { proposal: { watches: { some: { userId: user.id } } } }],
    },
    orderBy: [{ dueDate: "asc" }, { id: "asc" }],
    take: FEED_LIMIT,
    select: {
      id: true,
      title: true,
      dueDate: true,
      status: true,
      updatedAt: true,
      version: true,
      proposal: { select: { id: true, reference: true, title: true } },
    },
  });
  const base = appUrl();
  const calendar = ical({
    name: translate(user.locale, "cal.name", { name: user.name }),
    prodId: { company: "Summit Tracker", product: "milestones", language: user.locale.toUpperCase() },
    method: ICalCalendarMethod.PUBLISH,
    ttl: 60 * 60,
  });
  for (const m of milestones) {
    const day = m.dueDate.toISOString().slice(0, 10);
    const url = `${base}/proposals/${m.proposal.id}#milestones-h`;
    const status = translate(user.locale, `milestone.${m.status}`);
    calendar.createEvent({
      id: `milestone-${m.id}@summit-tracker`,
      sequence: m.version,
      stamp: m.updatedAt,
      start: day,
      allDay: true,
      summary: translate(user.locale, "cal.summary", { ref: m.proposal.reference, title: m.title }),
      description: `${m.proposal.reference} ${m.proposal.title}\n${translate(user.locale, "cal.status", { status })}\n${url}`,
      url,
      status: ICalEventStatus.CONFIRMED,
    });
  }
  return calendar.toString();
}
