import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { seedDemoData } from "../../prisma/seed";
import { proposalByRef } from "../support/factories";

beforeAll(() => seedDemoData({ quiet: true }));

// The database enforces the same limits as the zod schemas, so a bug or a script that skips the
// schemas still cannot store an over-long or out-of-vocabulary value.
describe("database constraints", () => {
  it("refuse a title over 200 code points but accept 200 astral characters", async () => {
    const p = await proposalByRef("CAJ25-01");
    await expect(db.proposal.update({ where: { id: p.id }, data: { title: "x".repeat(201) } })).rejects.toThrow();
    await db.proposal.update({ where: { id: p.id }, data: { title: "😀".repeat(200) } });
    expect((await proposalByRef("CAJ25-01")).title).toBe("😀".repeat(200));
  });

  it("refuse unknown statuses, areas, healths and roles", async () => {
    const p = await proposalByRef("CAJ25-02");
    await expect(db.proposal.update({ where: { id: p.id }, data: { status: "approved" } })).rejects.toThrow();
    await expect(db.proposal.update({ where: { id: p.id }, data: { area: "space" } })).rejects.toThrow();
    await expect(db.proposal.update({ where: { id: p.id }, data: { health: "fine" } })).rejects.toThrow();
    await expect(db.user.updateMany({ data: { role: "superuser" } })).rejects.toThrow();
    expect((await proposalByRef("CAJ25-02")).status).toBe(p.status);
  });
});
