import fs from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { databaseTarget, readDb } from "~/db.server";
import { GENESIS_HASH, hashEvent, bodyOf, type StoredEvent } from "~/modules/audit/chain";
import { chainHeadOf, verifyChain } from "~/modules/audit/verify.server";
import { addMilestone } from "~/modules/milestones/service.server";
import { postProgressUpdate, transitionStatus } from "~/modules/proposals/service.server";
import { authenticate } from "~/modules/users/auth.server";
import { actor, ctx, proposalByRef, seedAndAgree } from "../support/factories";
import { onPostgres } from "../support/postgres";
import { sqlAll, sqlConnection, sqlExec, type SqlConnection } from "../support/sql";

let n = 0;
/**
 * A copy of the current audit log without the append-only triggers, for an attacker to edit, and
 * the target that verifies it. SQLite: a copy of the file (VACUUM INTO) with the triggers dropped.
 * PostgreSQL: a copy of the table in a schema of its own, with the same keys and unique indexes
 * and no triggers; its target is this database's URL with that schema first on the search_path.
 */
async function tamperableCopy(): Promise<{ target: string; conn: SqlConnection }> {
  const copy = `tamper_${++n}`;
  if (onPostgres) {
    await sqlExec(`CREATE SCHEMA "${copy}";
      CREATE TABLE "${copy}"."AuditEvent" (LIKE "public"."AuditEvent" INCLUDING DEFAULTS INCLUDING CONSTRAINTS);
      ALTER TABLE "${copy}"."AuditEvent" ADD CONSTRAINT "AuditEvent_pkey" PRIMARY KEY ("seq");
      CREATE UNIQUE INDEX "AuditEvent_prevHash_key" ON "${copy}"."AuditEvent" ("prevHash");
      CREATE UNIQUE INDEX "AuditEvent_hash_key" ON "${copy}"."AuditEvent" ("hash");
      INSERT INTO "${copy}"."AuditEvent" SELECT * FROM "public"."AuditEvent";`);
    const url = new URL(databaseTarget);
    url.searchParams.set("options", `-c search_path=${copy}`);
    return { target: url.toString(), conn: await sqlConnection(url.toString()) };
  }
  const file = `${databaseTarget}.${copy}.db`;
  fs.rmSync(file, { force: true });
  await sqlExec(`VACUUM INTO '${file}'`);
  const conn = await sqlConnection(file);
  await conn.exec(`DROP TRIGGER "AuditEvent_no_update"; DROP TRIGGER "AuditEvent_no_delete";`);
  return { target: file, conn };
}

const hashBefore = (all: StoredEvent[], at: number) => all[at - 2].hash;

const rows = (conn: Pick<SqlConnection, "all"> = { all: sqlAll }) => conn.all<StoredEvent>(`SELECT * FROM "AuditEvent" ORDER BY "seq"`);

beforeAll(async () => {
  const { analyst, p } = await seedAndAgree("CAJ25-09");
  await addMilestone(analyst, p.id, { intent: "add-milestone", title: "Concept note", dueDate: "2027-02-01", note: "" }, ctx);
  await postProgressUpdate(analyst, p.id, { health: "at_risk", body: "Waiting for the fund." }, ctx);
  await authenticate("viewer@example.org", "wrong password", ctx);
  await transitionStatus(analyst, p.id, { to: "dropped", note: "x", version: p.version + 2 }, ctx).catch(() => undefined); // refused: recorded
});

describe("the audit chain", () => {
  it("verifies after a series of mixed writes", async () => {
    const result = await verifyChain(databaseTarget);
    expect(result).toMatchObject({ ok: true });
    expect(result.count).toBeGreaterThanOrEqual(55);
    expect(result.head).toEqual(await chainHeadOf(databaseTarget));
  });

  it("is append-only through Prisma", async () => {
    const first = await readDb.auditEvent.findFirstOrThrow({ orderBy: { seq: "asc" } });
    const { db } = await import("~/db.server");
    await expect(db.auditEvent.update({ where: { seq: first.seq }, data: { reason: "rewritten" } })).rejects.toThrow();
    await expect(db.auditEvent.delete({ where: { seq: first.seq } })).rejects.toThrow();
    await expect(db.auditEvent.deleteMany({})).rejects.toThrow();
    expect((await readDb.auditEvent.findFirstOrThrow({ orderBy: { seq: "asc" } })).reason).toBe(first.reason);
  });

  it("is append-only through raw SQL", async () => {
    const raw = await sqlConnection(databaseTarget);
    try {
      await expect(raw.run(`UPDATE "AuditEvent" SET "reason" = 'x' WHERE "seq" = 1`)).rejects.toThrow(/append-only: UPDATE refused/);
      await expect(raw.run(`DELETE FROM "AuditEvent" WHERE "seq" = 1`)).rejects.toThrow(/append-only: DELETE refused/);
    } finally {
      await raw.close();
    }
  });

  it("detects one byte of a change altered, at its sequence number", async () => {
    const { target: copy, conn } = await tamperableCopy();
    const target = (await rows(conn)).find((r) => r.action === "proposal.status_changed")!;
    await conn.run(`UPDATE "AuditEvent" SET "changes" = replace("changes", 'under_review', 'under_reviex') WHERE "seq" = ?`, target.seq);
    await conn.close();
    expect(await verifyChain(copy)).toMatchObject({ ok: false, problem: { seq: Number(target.seq), reason: expect.stringMatching(/altered/) } });
  });

  it("detects a deleted middle event", async () => {
    const { target, conn } = await tamperableCopy();
    await conn.run(`DELETE FROM "AuditEvent" WHERE "seq" = 20`);
    await conn.close();
    expect(await verifyChain(target)).toMatchObject({ ok: false, problem: { seq: 20, reason: expect.stringMatching(/missing/) } });
  });

  it("detects two events swapped", async () => {
    const { target, conn } = await tamperableCopy();
    await conn.exec(
      `UPDATE "AuditEvent" SET "seq" = -1 WHERE "seq" = 30; UPDATE "AuditEvent" SET "seq" = 30 WHERE "seq" = 31; UPDATE "AuditEvent" SET "seq" = 31 WHERE "seq" = -1;`,
    );
    await conn.close();
    expect(await verifyChain(target)).toMatchObject({ ok: false, problem: { seq: 30 } });
  });

  it("detects a forged event inserted, even one with a correctly computed hash", async () => {
    const { target, conn } = await tamperableCopy();
    const all = await rows(conn);
    const at = 25;
    // The unique prevHash index refuses a second event linking to 24; the attacker drops it too.
    await expect(
      conn.run(
        `INSERT INTO "AuditEvent" ("seq", "occurredAt", "actorName", "actorRole", "action", "entityType", "entityId", "prevHash", "hash")
         VALUES (9999999, '2026-01-01T00:00:00.000+00:00', '', '', '', '', '', ?, 'x')`,
        hashBefore(all, at),
      ),
    ).rejects.toThrow(/UNIQUE constraint failed|violates unique constraint/);
    await conn.exec(`DROP INDEX "AuditEvent_prevHash_key";`);
    // Make room, then insert a forged event that links correctly to event 24.
    await conn.exec(
      `UPDATE "AuditEvent" SET "seq" = "seq" + 1000000 WHERE "seq" >= ${at}; UPDATE "AuditEvent" SET "seq" = "seq" - 1000000 + 1 WHERE "seq" >= 1000000;`,
    );
    const prev = all[at - 2];
    const forgedBody = { ...bodyOf(all[at - 1]), seq: at, actorName: "Forger", reason: "forged", prevHash: prev.hash };
    const hash = hashEvent(forgedBody);
    const forged = { ...forgedBody, changes: JSON.stringify(forgedBody.changes), hash };
    await conn.run(
      `INSERT INTO "AuditEvent" (${Object.keys(forged)
        .map((c) => `"${c}"`)
        .join(", ")}) VALUES (${Object.keys(forged)
        .map(() => "?")
        .join(", ")})`,
      ...Object.values(forged),
    );
    await conn.close();
    // The forgery itself is self-consistent; the chain breaks at the event after it.
    expect(await verifyChain(target)).toMatchObject({ ok: false, problem: { seq: at + 1 } });
  });

  it("detects a forged event appended with a made-up hash", async () => {
    const { target, conn } = await tamperableCopy();
    const head = await chainHeadOf(target);
    await conn.run(
      `INSERT INTO "AuditEvent" ("seq", "occurredAt", "actorName", "actorRole", "action", "entityType", "entityId", "changes", "prevHash", "hash")
       VALUES (?, '2026-01-01T00:00:00.000+00:00', 'Forger', 'admin', 'user.role_changed', 'user', 'u', '[]', ?, ?)`,
      head.seq + 1,
      head.hash,
      "f".repeat(64),
    );
    await conn.close();
    expect(await verifyChain(target)).toMatchObject({ ok: false, problem: { seq: head.seq + 1, reason: expect.stringMatching(/altered/) } });
  });

  it("with a saved head, detects a cut-off tail", async () => {
    const saved = await chainHeadOf(databaseTarget);
    const { target, conn } = await tamperableCopy();
    await conn.run(`DELETE FROM "AuditEvent" WHERE "seq" > ?`, saved.seq - 3);
    await conn.close();
    expect((await verifyChain(target)).ok).toBe(true); // what is left is consistent…
    expect(await verifyChain(target, { savedHead: saved })).toMatchObject({
      ok: false,
      problem: { seq: saved.seq - 2, reason: expect.stringMatching(/cut off/) },
    });
  });

  it("with a saved head, detects a fully rewritten chain", async () => {
    const saved = await chainHeadOf(databaseTarget);
    const { target, conn } = await tamperableCopy();
    // The attacker rewrites one event and recomputes every hash after it, consistently.
    let prev = GENESIS_HASH;
    await conn.exec(`DROP INDEX IF EXISTS "AuditEvent_prevHash_key"; DROP INDEX IF EXISTS "AuditEvent_hash_key";`);
    for (const row of await rows(conn)) {
      const body = { ...bodyOf(row), reason: row.seq === 10 ? "rewritten history" : row.reason, prevHash: prev };
      const hash = hashEvent(body);
      await conn.run(`UPDATE "AuditEvent" SET "reason" = ?, "prevHash" = ?, "hash" = ? WHERE "seq" = ?`, body.reason, prev, hash, row.seq);
      prev = hash;
    }
    await conn.close();
    expect((await verifyChain(target)).ok).toBe(true); // internally consistent…
    expect(await verifyChain(target, { savedHead: saved })).toMatchObject({
      ok: false,
      problem: { seq: saved.seq, reason: expect.stringMatching(/rewritten/) },
    });
  });

  it("stays linear under 20 concurrent writers (every previous hash used exactly once)", async () => {
    const analyst = await actor("analyst@example.org");
    const manager = await actor("manager@example.org");
    const refs = ["CAJ25-01", "CAJ25-05", "CAJ25-06", "CAJ25-16", "CAJ25-20"];
    const ids = await Promise.all(refs.map(async (r) => (await proposalByRef(r)).id));
    const before = (await chainHeadOf(databaseTarget)).seq;
    await Promise.all(
      Array.from({ length: 20 }, (_, w) =>
        (async () => {
          for (let i = 0; i < 10; i++) {
            await postProgressUpdate(w % 2 ? analyst : manager, ids[(w + i) % ids.length], { health: "on_track", body: `writer ${w} update ${i}` }, ctx);
          }
        })(),
      ),
    );
    const all = await rows();
    expect(all.length - before).toBe(200);
    const prevs = new Set(all.map((r) => r.prevHash));
    expect(prevs.size).toBe(all.length);
    for (let i = 1; i < all.length; i++) expect(all[i].prevHash).toBe(all[i - 1].hash);
    expect((await verifyChain(databaseTarget)).ok).toBe(true);
  });
});
