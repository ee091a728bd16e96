// Issue 10: hostile and careless input at the service layer (items 1 and 12).
import { beforeAll, describe, expect, it } from "vitest";
import { readDb, writeTransaction } from "~/db.server";
import { ForbiddenError } from "~/lib/errors";
import { addMilestone } from "~/modules/milestones/service.server";
import { createProposal, postProgressUpdate, updateProposal } from "~/modules/proposals/service.server";
import { seedDemoData } from "../../prisma/seed";
import { actor, ctx } from "../support/factories";

beforeAll(() => seedDemoData({ quiet: true }));

const fields = {
  summary: "",
  area: "digital" as const,
  proposingParty: "UZ" as const,
  countries: ["UZ" as const],
  sourceQuote: "",
  leadOrganisation: "",
  priority: "medium" as const,
};

describe("proposal references", () => {
  it("keep counting past 99 and 100: 150 new proposals in one summit each get the next number", async () => {
    const analyst = await actor("analyst@example.org");
    const summit = await readDb.summit.findFirstOrThrow({ where: { date: { gte: new Date("2025-01-01") } }, select: { id: true } });
    const created: string[] = [];
    for (let i = 0; i < 150; i++) {
      const p = await createProposal(analyst, { ...fields, title: `Bulk proposal ${i}`, summitId: summit.id }, ctx);
      created.push(p.reference);
    }
    expect(new Set(created).size).toBe(150);
    const numbers = created.map((r) => Number(r.split("-")[1]));
    for (let i = 1; i < numbers.length; i++) expect(numbers[i]).toBe(numbers[i - 1] + 1);
    expect(numbers.at(-1)).toBeGreaterThan(100);
  });
});

/** Holds the write queue until `release` is called, so writes started meanwhile line up behind it. */
function holdWriteQueue() {
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  const held = writeTransaction(() => gate);
  return { release, held };
}
const settle = () => new Promise((r) => setTimeout(r, 300));

describe("permission is judged inside the write transaction", () => {
  async function ownedByAnalyst() {
    const analyst = await actor("analyst@example.org");
    const summit = await readDb.summit.findFirstOrThrow({ select: { id: true } });
    const p = await createProposal(analyst, { ...fields, title: `Race ${Math.random()}`, summitId: summit.id }, ctx);
    return readDb.proposal.findUniqueOrThrow({ where: { id: p.id }, select: { id: true, version: true } });
  }

  async function reassignWhileQueued(write: () => Promise<unknown>) {
    const manager = await actor("manager@example.org");
    const other = await actor("analyst2@example.org");
    const p = await ownedByAnalyst();
    const queue = holdWriteQueue();
    const current = await readDb.proposal.findUniqueOrThrow({ where: { id: p.id }, select: { title: true, version: true } });
    // The manager's reassignment is first in line; the former owner's write comes right after.
    const reassign = updateProposal(manager, p.id, { ...fields, title: current.title, ownerId: other.id, version: current.version }, ctx);
    const formerOwner = write();
    await settle();
    queue.release();
    await queue.held;
    await reassign;
    return {
      p,
      result: await formerOwner.then(
        () => "written",
        (e: unknown) => e,
      ),
    };
  }

  it("a former owner's progress update racing a reassignment is refused and writes nothing", async () => {
    const analyst = await actor("analyst@example.org");
    let id = "";
    const { p, result } = await reassignWhileQueued(async () => {
      id = (await readDb.proposal.findFirstOrThrow({ orderBy: { createdAt: "desc" }, select: { id: true } })).id;
      return postProgressUpdate(analyst, id, { health: "at_risk", body: "I still think I own this" }, ctx);
    });
    expect(id).toBe(p.id);
    expect(result).toBeInstanceOf(ForbiddenError);
    expect(await readDb.progressUpdate.count({ where: { proposalId: p.id } })).toBe(0);
    expect((await readDb.proposal.findUniqueOrThrow({ where: { id: p.id }, select: { health: true } })).health).toBe("on_track");
    const refusal = await readDb.auditEvent.findFirst({ where: { action: "auth.forbidden", proposalId: p.id }, select: { reason: true } });
    expect(refusal?.reason).toMatch(/owner or a manager/);
  });

  it("a former owner's milestone racing a reassignment is refused and writes nothing", async () => {
    const analyst = await actor("analyst@example.org");
    const { p, result } = await reassignWhileQueued(async () => {
      const latest = await readDb.proposal.findFirstOrThrow({ orderBy: { createdAt: "desc" }, select: { id: true } });
      return addMilestone(analyst, latest.id, { intent: "add-milestone", title: "Sneaky", dueDate: "2026-06-01", note: "" }, ctx);
    });
    expect(result).toBeInstanceOf(ForbiddenError);
    expect(await readDb.milestone.count({ where: { proposalId: p.id } })).toBe(0);
  });
});
