// The list view of my open proposals (safe for the browser: the page links to it).
import { OPEN_STATUSES } from "~/modules/proposals/filter-types";

/** My open proposals, the latest changed first: the link under "My open proposals" and its first rows agree. */
export const myProposalsQuery = (userId: string) =>
  new URLSearchParams([["owner", userId], ...OPEN_STATUSES.map((s) => ["status", s]), ["sort", "updatedAt"], ["dir", "desc"]]).toString();
