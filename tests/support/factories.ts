// Small helpers to build realistic records through the real service layer.
import { readDb } from "~/db.server";
import type { ServiceActor } from "~/modules/proposals/guard.server";
import type { Role } from "~/modules/users/roles";

export const ctx = { requestId: "test-request" };

export async function actor(email: string): Promise<ServiceActor> {
  const u = await readDb.user.findUniqueOrThrow({ where: { email }, select: { id: true, name: true, role: true } });
  return { id: u.id, name: u.name, role: u.role as Role };
}

export async function proposalByRef(reference: string) {
  return readDb.proposal.findUniqueOrThrow({
    where: { reference },
    select: { id: true, status: true, version: true, ownerId: true, title: true, health: true },
  });
}
