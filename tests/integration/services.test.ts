import { beforeAll, describe, expect, it } from "vitest";
import { databaseTarget, readDb, rawWriteConnection } from "~/db.server";
import { ConflictError, ForbiddenError, RuleError } from "~/lib/errors";
import { verifyChain } from "~/modules/audit/verify.server";
import { addMilestone, updateMilestone } from "~/modules/milestones/service.server";
import { postProgressUpdate, transitionStatus, updateProposal } from "~/modules/proposals/service.server";
import { seedDemoData } from "../../prisma/seed";
import { actor, ctx, proposalByRef } from "../support/factories";
import { onPostgres } from "../support/postgres";
import { sqlExec } from "../support/sql";

beforeAll(() => seedDemoData({ quiet: true }));

const fields = (overrides: Record<string, unknown> = {}) => ({
  title: "Investment Fund for the Development of Infrastructure and Industry of Central Asia",
  summary: "edited",
  area: "finance" as const,
  proposingParty: "UZ" as const,
  countries: ["JP", "UZ"] as ("JP" | "UZ")[],
  sourceQuote: "q",
  leadOrganisation: "Org",
  priority: "high" as const,
  ...overrides,
});

describe("a write and its audit event", () => {
  it("commit together", async () => {
    const analyst = await actor("analyst@example.org");
    const p = await proposalByRef("CAJ25-09"); // proposed, owned by analyst@
    const before = await readDb.auditEvent.count({ where: { proposalId: p.id } });
    await transitionStatus(analyst, p.id, { to: "under_review", version: p.version }, ctx);
    const after = await proposalByRef("CAJ25-09");
    expect(after).toMatchObject({ status: "under_review", version: p.version + 1 });
    const events = await readDb.auditEvent.findMany({ where: { proposalId: p.id }, orderBy: { seq: "desc" }, take: 1 });
    expect(await readDb.auditEvent.count({ where: { proposalId: p.id } })).toBe(before + 1);
    expect(events[0]).toMatchObject({ action: "proposal.status_changed", actorName: analyst.name, actorRole: "analyst" });
    expect(JSON.parse(events[0].changes)).toEqual([{ field: "status", from: "proposed", to: "under_review" }]);
  });

  it("roll back together when the audit write fails after the change was written", async () => {
    const manager = await actor("manager@example.org");
    const p = await proposalByRef("CAJ25-02"); // under_review
    const events = await readDb.auditEvent.count();
    // Inject a failure between the two writes: the audit insert, which comes second, fails.
    // SQLite: a TEMP trigger on the write connection; PostgreSQL: a trigger function that raises.
    const failure = onPostgres
      ? {
          add: `CREATE FUNCTION "fail_audit"() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'injected failure'; END; $$;
                CREATE TRIGGER "fail_audit" BEFORE INSERT ON "AuditEvent" FOR EACH ROW EXECUTE FUNCTION "fail_audit"();`,
          drop: `DROP TRIGGER "fail_audit" ON "AuditEvent"; DROP FUNCTION "fail_audit"();`,
        }
      : {
          add: `CREATE TEMP TRIGGER "fail_audit" BEFORE INSERT ON "AuditEvent" BEGIN SELECT RAISE(ABORT, 'injected failure'); END;`,
          drop: `DROP TRIGGER "fail_audit"`,
        };
    await sqlExec(failure.add);
    try {
      await expect(transitionStatus(manager, p.id, { to: "agreed", version: p.version }, ctx)).rejects.toThrow();
    } finally {
      await sqlExec(failure.drop);
    }
    expect(await proposalByRef("CAJ25-02")).toEqual(p);
    expect(await readDb.auditEvent.count()).toBe(events);
    // SQLite: the failed transaction left the one write connection outside any transaction.
    if (!onPostgres) expect((await rawWriteConnection()).inTransaction).toBe(false);
    // And the connection is healthy for the next write.
    await transitionStatus(manager, p.id, { to: "agreed", version: p.version }, ctx);
    expect((await proposalByRef("CAJ25-02")).status).toBe("agreed");
  });
});

describe("optimistic concurrency", () => {
  it("refuses a stale proposal edit and leaves the row unchanged", async () => {
    const analyst = await actor("analyst@example.org");
    const p = await proposalByRef("CAJ25-08");
    await updateProposal(analyst, p.id, { ...fields({ summary: "first save" }), version: p.version }, ctx);
    const saved = await proposalByRef("CAJ25-08");
    const error = await updateProposal(analyst, p.id, { ...fields({ summary: "stale save" }), version: p.version }, ctx).catch((e) => e);
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as ConflictError<{ version: number }>).current.version).toBe(p.version + 1);
    expect(await proposalByRef("CAJ25-08")).toEqual(saved);
    const row = await readDb.proposal.findUniqueOrThrow({ where: { id: p.id }, select: { summary: true } });
    expect(row.summary).toBe("first save");
  });

  it("refuses a stale status change and a stale milestone edit", async () => {
    const analyst = await actor("analyst@example.org");
    const p = await proposalByRef("CAJ25-14");
    await expect(transitionStatus(analyst, p.id, { to: "under_review", version: p.version - 1 || 99 }, ctx)).rejects.toBeInstanceOf(ConflictError);
    const m = await readDb.milestone.findFirstOrThrow({ where: { proposalId: p.id }, select: { id: true, version: true, title: true } });
    const edit = {
      intent: "edit-milestone" as const,
      milestoneId: m.id,
      title: "Renamed",
      dueDate: "2027-06-30",
      status: "planned" as const,
      note: "",
      version: m.version,
    };
    await updateMilestone(analyst, p.id, edit, ctx);
    await expect(updateMilestone(analyst, p.id, { ...edit, title: "Stale" }, ctx)).rejects.toBeInstanceOf(ConflictError);
    expect((await readDb.milestone.findUniqueOrThrow({ where: { id: m.id } })).title).toBe("Renamed");
  });
});

describe("permissions in the service layer", () => {
  it("refuses an analyst editing someone else's proposal, records the refusal, changes nothing", async () => {
    const other = await actor("analyst2@example.org");
    const p = await proposalByRef("CAJ25-05"); // owned by analyst@
    const forbiddenBefore = await readDb.auditEvent.count({ where: { action: "auth.forbidden" } });
    await expect(updateProposal(other, p.id, { ...fields(), version: p.version }, ctx)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(postProgressUpdate(other, p.id, { health: "on_track", body: "x" }, ctx)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(addMilestone(other, p.id, { intent: "add-milestone", title: "x", dueDate: "2027-01-01", note: "" }, ctx)).rejects.toBeInstanceOf(
      ForbiddenError,
    );
    expect(await proposalByRef("CAJ25-05")).toEqual(p);
    expect(await readDb.auditEvent.count({ where: { action: "auth.forbidden" } })).toBe(forbiddenBefore + 3);
  });

  it("refuses an analyst forging another owner", async () => {
    const analyst = await actor("analyst@example.org");
    const other = await actor("analyst2@example.org");
    const p = await proposalByRef("CAJ25-10"); // owned by analyst2
    const mine = await proposalByRef("CAJ25-16");
    await expect(updateProposal(analyst, mine.id, { ...fields({ ownerId: other.id }), version: mine.version }, ctx)).rejects.toBeInstanceOf(ForbiddenError);
    expect((await proposalByRef("CAJ25-16")).ownerId).toBe(analyst.id);
    expect(p.ownerId).toBe(other.id);
  });

  it("refuses completion while milestones are planned, naming them", async () => {
    const manager = await actor("manager@example.org");
    const p = await proposalByRef("CAJ25-20");
    const error = await transitionStatus(manager, p.id, { to: "completed", note: "done", version: p.version }, ctx).catch((e) => e);
    expect(error).toBeInstanceOf(RuleError);
    expect((error as Error).message).toContain("Assessment of priority cities completed");
    expect(await proposalByRef("CAJ25-20")).toEqual(p);
  });

  it("lets a manager reassign the owner, audited as its own event", async () => {
    const manager = await actor("manager@example.org");
    const other = await actor("analyst2@example.org");
    const p = await proposalByRef("CAJ25-24");
    await updateProposal(manager, p.id, { ...fields({ title: "Regional Network Youth Development Program", ownerId: other.id }), version: p.version }, ctx);
    expect((await proposalByRef("CAJ25-24")).ownerId).toBe(other.id);
    const e = await readDb.auditEvent.findFirstOrThrow({ where: { proposalId: p.id, action: "proposal.owner_changed" } });
    expect(JSON.parse(e.changes)[0]).toMatchObject({ field: "owner", to: other.id });
  });

  it("keeps the chain verifiable through all of it", async () => {
    expect((await verifyChain(databaseTarget)).ok).toBe(true);
  });
});
