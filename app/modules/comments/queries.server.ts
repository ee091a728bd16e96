// Reads for comments (issue 12 item 8): a proposal's comments, oldest first (the newest last,
// as a conversation reads), and the people a comment may mention.
import { readDb } from "~/db.server";

/** At most this many comments are shown on a proposal page, the latest ones. */
export const COMMENTS_SHOWN = 500;

export async function commentsOf(proposalId: string) {
  const rows = await readDb.comment.findMany({
    where: { proposalId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: COMMENTS_SHOWN,
    select: {
      id: true,
      body: true,
      version: true,
      createdAt: true,
      editedAt: true,
      authorId: true,
      author: { select: { name: true } },
      mentions: { select: { user: { select: { id: true, name: true } } } },
    },
  });
  return rows.reverse().map(({ mentions, ...c }) => ({ ...c, mentions: mentions.map((m) => m.user).sort((a, b) => a.name.localeCompare(b.name)) }));
}

/** Who a comment may mention: every active user, by name. */
export function mentionableUsers() {
  return readDb.user.findMany({ where: { active: true }, orderBy: [{ name: "asc" }, { id: "asc" }], select: { id: true, name: true } });
}
