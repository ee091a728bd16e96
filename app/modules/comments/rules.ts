// Who may comment and how long a comment stays editable (issue 12 item 8,
// docs/decisions/017-comments.md). Pure and safe for the browser: the page uses it to offer only
// what the service (which checks again, inside its transaction) will accept.
import { roleAtLeast, type Role } from "~/modules/users/roles";

/** How long after posting its author may edit a comment. */
export const COMMENT_EDIT_MINUTES = 15;
const EDIT_MS = COMMENT_EDIT_MINUTES * 60_000;

/** Every role but viewer comments, on any proposal: a comment changes no field of it. */
export const mayComment = (role: Role) => roleAtLeast(role, "analyst");

/** Whether `actor` may edit a comment by `authorId` posted at `createdAt`, at `now`: its author, within the window. */
export function mayEditComment(actor: { id: string; role: Role }, comment: { authorId: string; createdAt: Date | string }, now = new Date()) {
  return mayComment(actor.role) && comment.authorId === actor.id && editWindowOpen(comment.createdAt, now);
}

export const editWindowOpen = (createdAt: Date | string, now = new Date()) => now.getTime() - new Date(createdAt).getTime() < EDIT_MS;
