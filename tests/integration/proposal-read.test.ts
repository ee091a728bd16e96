// The proposal page's main read (getProposal): four raw statements on one snapshot, outside
// Prisma (docs/decisions/020-benchmark-method.md). Checked against Prisma's own answer to the
// same question, on both databases, for a proposal with countries, assigned milestones and more
// progress updates than the page shows.
import { beforeAll, describe, expect, it } from "vitest";
import { readDb } from "~/db.server";
import { NotFoundError } from "~/lib/errors";
import { MILESTONE_SELECT } from "~/modules/milestones/select";
import { quoteInContext } from "~/modules/events/quote";
import { getProposal, UPDATES_SHOWN } from "~/modules/proposals/queries.server";
import { COUNTRIES } from "~/modules/proposals/vocabulary";
import { postProgressUpdate } from "~/modules/proposals/service.server";
import { seedDemoData } from "../../prisma/seed";
import { actor, ctx, proposalByRef } from "../support/factories";
import { sqlRun } from "../support/sql";

const REFERENCE = "CAJ25-04";
let id = "";

beforeAll(async () => {
  await seedDemoData({ quiet: true });
  const manager = await actor("manager@example.org");
  const analyst = await actor("analyst@example.org");
  id = (await proposalByRef(REFERENCE)).id;
  for (let i = 1; i <= UPDATES_SHOWN + 5; i++) await postProgressUpdate(manager, id, { health: i % 3 ? "on_track" : "at_risk", body: `Note ${i}` }, ctx);
  // One milestone assigned, one not, so both shapes of `assignee` are read.
  const [first] = await readDb.milestone.findMany({ where: { proposalId: id }, orderBy: { position: "asc" }, take: 1, select: { id: true } });
  await sqlRun(`UPDATE "Milestone" SET "assigneeId" = ? WHERE "id" = ?`, analyst.id, first.id);
});

/** What Prisma answers for the same proposal: the oracle. */
async function prismaProposal() {
  const { sourceDocument, quoteStart, quoteEnd, followUpOf, ...p } = await readDb.proposal.findUniqueOrThrow({
    where: { id },
    select: {
      id: true,
      reference: true,
      title: true,
      summary: true,
      area: true,
      proposingParty: true,
      sourceQuote: true,
      status: true,
      ownerId: true,
      leadOrganisation: true,
      targetDate: true,
      priority: true,
      health: true,
      historical: true,
      version: true,
      createdAt: true,
      updatedAt: true,
      owner: { select: { id: true, name: true, email: true } },
      summit: { select: { id: true, name: true, date: true, datePrecision: true, place: true, sourceDocument: true } },
      sourceDocument: { select: { id: true, title: true, text: true } },
      quoteStart: true,
      quoteEnd: true,
      followUpOf: { select: { kind: true, earlierId: true, earlier: { select: { reference: true } } } },
      countries: { select: { country: true } },
      milestones: { select: MILESTONE_SELECT, orderBy: [{ position: "asc" }, { dueDate: "asc" }, { id: "asc" }] },
      updates: {
        select: { id: true, health: true, body: true, createdAt: true, author: { select: { id: true, name: true } } },
        orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      },
    },
  });
  const quote = sourceDocument && quoteStart !== null && quoteEnd !== null ? quoteInContext(sourceDocument.text, quoteStart, quoteEnd) : null;
  return {
    ...p,
    countries: [...p.countries].sort((a, b) => COUNTRIES.indexOf(a.country) - COUNTRIES.indexOf(b.country)),
    quote: quote && sourceDocument ? { ...quote, documentId: sourceDocument.id, documentTitle: sourceDocument.title } : null,
    followsUp: followUpOf ? { kind: followUpOf.kind, earlierId: followUpOf.earlierId, reference: followUpOf.earlier.reference } : null,
    // No follow-ups here: tests/integration/events.test.ts reads chains.
    chain: [],
  };
}

describe("getProposal", () => {
  it("answers what Prisma answers, every update included when asked for all", async () => {
    const expected = await prismaProposal();
    expect(expected.updates.length).toBeGreaterThan(UPDATES_SHOWN);
    expect(expected.milestones.some((m) => m.assignee) && expected.milestones.some((m) => !m.assignee)).toBe(true);
    expect(await getProposal(id, { updates: "all" })).toEqual({ ...expected, moreUpdates: false });
  });

  it("gives the latest updates by default and says that older ones exist", async () => {
    const expected = await prismaProposal();
    const latest = await getProposal(id);
    expect(latest.updates).toEqual(expected.updates.slice(0, UPDATES_SHOWN));
    expect(latest.updates[0].body).toBe(`Note ${UPDATES_SHOWN + 5}`);
    expect(latest.moreUpdates).toBe(true);
    expect({ ...latest, updates: [] }).toEqual({ ...expected, updates: [], moreUpdates: true });
  });

  it("says nothing is older when every update is shown", async () => {
    const other = await proposalByRef("CAJ25-02");
    const read = await getProposal(other.id);
    expect(read.moreUpdates).toBe(false);
    expect(read.updates.length).toBeLessThanOrEqual(UPDATES_SHOWN);
  });

  it("is a NotFoundError for an id that does not exist", async () => {
    await expect(getProposal("nosuchproposal00000")).rejects.toBeInstanceOf(NotFoundError);
  });
});
