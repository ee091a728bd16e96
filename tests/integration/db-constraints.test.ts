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
    // The client refuses them (they are Prisma enums) …
    await expect(db.proposal.update({ where: { id: p.id }, data: { status: "approved" as never } })).rejects.toThrow();
    // … and so does the database itself, for a writer that goes around the client: a CHECK on
    // SQLite, the enum type on PostgreSQL.
    const refused = /CHECK|invalid input value for enum/;
    await expect(db.$executeRaw`UPDATE "Proposal" SET "status" = 'approved' WHERE "id" = ${p.id}`).rejects.toThrow(refused);
    await expect(db.$executeRaw`UPDATE "Proposal" SET "area" = 'space' WHERE "id" = ${p.id}`).rejects.toThrow(refused);
    await expect(db.$executeRaw`UPDATE "Proposal" SET "health" = 'fine' WHERE "id" = ${p.id}`).rejects.toThrow(refused);
    await expect(db.$executeRaw`UPDATE "User" SET "role" = 'superuser'`).rejects.toThrow(refused);
    expect((await proposalByRef("CAJ25-02")).status).toBe(p.status);
  });
});
