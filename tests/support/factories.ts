// Small helpers to build realistic records through the real service layer.
import { readDb } from "~/db.server";
import { transitionStatus } from "~/modules/proposals/service.server";
import { seedDemoData } from "../../prisma/seed";
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

/**
 * The demo data, then one proposal moved under review by the analyst and agreed by the manager:
 * a seeded database with audited writes of its own, for tests of the whole database.
 */
export async function seedAndAgree(reference: string) {
  await seedDemoData({ quiet: true });
  const analyst = await actor("analyst@example.org");
  const manager = await actor("manager@example.org");
  const p = await proposalByRef(reference);
  await transitionStatus(analyst, p.id, { to: "under_review", version: p.version }, ctx);
  await transitionStatus(manager, p.id, { to: "agreed", version: p.version + 1 }, ctx);
  return { analyst, manager, p };
}
