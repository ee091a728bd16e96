// Reading notifications (issue 17): the inbox, the header's unread count, and the rows a mail is
// made of. Newest first; the inbox pages by (createdAt, id) so a page never skips or repeats one.
import type { Prisma } from "@prisma/client";
import { readDb, type Tx } from "~/db.server";
import type { NotificationView } from "./kinds";

export const NOTIFICATION_SELECT = {
  id: true,
  kind: true,
  createdAt: true,
  readAt: true,
  actorName: true,
  params: true,
  proposal: { select: { id: true, reference: true, title: true } },
  milestone: { select: { id: true, title: true, dueDate: true } },
  round: { select: { id: true, name: true, cutoff: true } },
} as const satisfies Prisma.NotificationSelect;

type Row = Prisma.NotificationGetPayload<{ select: typeof NOTIFICATION_SELECT }>;

function parseParams(text: string): Record<string, string> {
  try {
    const value = JSON.parse(text) as unknown;
    if (!value || typeof value !== "object" || Array.isArray(value)) return {};
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, String(v)]));
  } catch {
    return {};
  }
}

export function toView(row: Row): NotificationView {
  return {
    id: row.id,
    kind: row.kind,
    createdAt: row.createdAt.toISOString(),
    readAt: row.readAt?.toISOString() ?? null,
    actorName: row.actorName,
    params: parseParams(row.params),
    proposal: row.proposal,
    milestone: row.milestone ? { ...row.milestone, dueDate: row.milestone.dueDate.toISOString().slice(0, 10) } : null,
    round: row.round ? { ...row.round, cutoff: row.round.cutoff.toISOString().slice(0, 10) } : null,
  };
}

export const INBOX_PAGE = 50;

/** One page of a user's inbox, newest first; `after` is the last item of the page before. */
export async function inbox(userId: string, options: { unreadOnly: boolean; after?: { createdAt: Date; id: string } | null }) {
  const after = options.after;
  const rows = await readDb.notification.findMany({
    where: {
      userId,
      ...(options.unreadOnly ? { readAt: null } : {}),
      ...(after ? { OR: [{ createdAt: { lt: after.createdAt } }, { createdAt: after.createdAt, id: { lt: after.id } }] } : {}),
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: INBOX_PAGE + 1,
    select: NOTIFICATION_SELECT,
  });
  const more = rows.length > INBOX_PAGE;
  const items = rows.slice(0, INBOX_PAGE).map(toView);
  const last = items.at(-1);
  return { items, next: more && last ? `${last.createdAt}~${last.id}` : null };
}

/** Parses the inbox's `after` parameter; anything else is the first page. */
export function parseCursor(value: string | null): { createdAt: Date; id: string } | null {
  const m = value ? /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d{1,3})?Z)~([A-Za-z0-9_-]{1,64})$/.exec(value) : null;
  if (!m) return null;
  const createdAt = new Date(m[1]);
  return Number.isNaN(createdAt.getTime()) ? null : { createdAt, id: m[2] };
}

export function unreadCount(userId: string) {
  return readDb.notification.count({ where: { userId, readAt: null } });
}

/** Notifications by id, as views, inside a write transaction (a mail is made of them). */
export async function viewsOf(tx: Tx, ids: readonly string[]) {
  const rows = await tx.notification.findMany({ where: { id: { in: [...ids] } }, orderBy: [{ createdAt: "asc" }, { id: "asc" }], select: NOTIFICATION_SELECT });
  return rows.map(toView);
}
