// The four roles (product.md §4), least first; the values are the Prisma enum Role. Safe for the browser.
import type { $Enums } from "@prisma/client";
import { listing } from "~/lib/listing";

export type Role = $Enums.Role;
export const ROLES = listing<Role>()(["viewer", "analyst", "manager", "admin"]);

const RANK: Record<Role, number> = { viewer: 0, analyst: 1, manager: 2, admin: 3 };

/** Whether `role` is `least` or above it (an admin may do what a manager may). */
export function roleAtLeast(role: Role, least: Role): boolean {
  return RANK[role] >= RANK[least];
}
