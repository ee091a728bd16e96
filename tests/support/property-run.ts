// Property test: random sequences of edits, transitions, milestone changes and updates by
// random roles, against the real service layer on a real database. PROPERTY_RUNS sequences
// (1,000 by default, as in CI) split over the files tests/integration/property-*.test.ts, each
// on its own database; the seed is printed, replay with PROPERTY_SEED=<seed>.
import fc from "fast-check";
import { beforeAll, expect, it } from "vitest";
import { readDb } from "~/db.server";
import { ConflictError, ForbiddenError, NotFoundError, RuleError } from "~/lib/errors";
import { ChainVerifier, type StoredEvent } from "~/modules/audit/chain";
import { addMilestone, updateMilestone } from "~/modules/milestones/service.server";
import type { ServiceActor } from "~/modules/proposals/guard.server";
import { CURRENT_SELECT, postProgressUpdate, transitionStatus, updateProposal } from "~/modules/proposals/service.server";
import { dateToDay } from "~/modules/proposals/text";
import { HEALTHS, MILESTONE_STATUSES, STATUSES, type Status } from "~/modules/proposals/vocabulary";
import { seedDemoData } from "../../prisma/seed";
import { actor, ctx } from "./factories";
import { sqlAll } from "./sql";

// product.md §3, independent of workflow.ts: "from>to" → least role.
const LEGAL: Record<string, "analyst" | "manager"> = {
  "proposed>under_review": "analyst",
  "under_review>proposed": "analyst",
  "under_review>agreed": "manager",
  "agreed>in_progress": "analyst",
  "agreed>on_hold": "analyst",
  "in_progress>on_hold": "analyst",
  "on_hold>in_progress": "analyst",
  "in_progress>completed": "manager",
  "completed>in_progress": "manager",
  "proposed>dropped": "manager",
  "under_review>dropped": "manager",
  "agreed>dropped": "manager",
  "on_hold>dropped": "manager",
  "dropped>proposed": "manager",
};
const RANK = { viewer: 0, analyst: 1, manager: 2, admin: 3 } as const;
const REFS = ["CAJ25-01", "CAJ25-02", "CAJ25-09", "CAJ25-18"];
const EMAILS = ["viewer@example.org", "analyst@example.org", "analyst2@example.org", "manager@example.org", "admin@example.org"];

const actors: ServiceActor[] = [];
const ids: string[] = [];
const chain = new ChainVerifier();
async function verifyNewEvents() {
  const rows = await sqlAll<StoredEvent>(`SELECT * FROM "AuditEvent" WHERE "seq" > ? ORDER BY "seq"`, chain.head.seq);
  for (const r of rows) expect(chain.push(r), chain.problem?.reason).toBe(true);
}

const op = fc.oneof(
  fc.record({
    kind: fc.constant("edit" as const),
    who: fc.nat(4),
    p: fc.nat(3),
    stale: fc.boolean(),
    title: fc.constantFrom("Revised title", "Another title", "Third wording"),
  }),
  fc.record({
    kind: fc.constant("transition" as const),
    who: fc.nat(4),
    p: fc.nat(3),
    stale: fc.boolean(),
    to: fc.constantFrom(...STATUSES),
    note: fc.constantFrom("", "because"),
  }),
  fc.record({ kind: fc.constant("addMilestone" as const), who: fc.nat(4), p: fc.nat(3) }),
  fc.record({
    kind: fc.constant("milestone" as const),
    who: fc.nat(4),
    p: fc.nat(3),
    stale: fc.boolean(),
    status: fc.constantFrom(...MILESTONE_STATUSES),
    pick: fc.nat(10),
  }),
  fc.record({ kind: fc.constant("update" as const), who: fc.nat(4), p: fc.nat(3), health: fc.constantFrom(...HEALTHS) }),
);

async function snapshot() {
  const proposals = await readDb.proposal.findMany({
    where: { id: { in: ids } },
    select: CURRENT_SELECT,
  });
  const milestones = await readDb.milestone.findMany({
    where: { proposalId: { in: ids } },
    select: { id: true, proposalId: true, version: true, status: true, title: true, dueDate: true, note: true },
    orderBy: { id: "asc" },
  });
  const events = await readDb.auditEvent.count();
  return { proposals: new Map(proposals.map((p) => [p.id, p])), milestones, events };
}

const seed = process.env.PROPERTY_SEED ? Number(process.env.PROPERTY_SEED) : Math.floor(Math.random() * 2 ** 31);
const runs = Number(process.env.PROPERTY_RUNS ?? 1000);

// Vitest's worker RPC gives up when one test file runs past 60 s (vitest#8164: the host answers
// a task update late), and a slow or busy machine takes that long for 1,000 sequences. So the
// sequences are split over several files (parallel forks, a database each), and within a file
// run in batches of BATCH, one test each. The state (database, chain position, tally) carries
// across the batches of a file.
const BATCH = 50;
const tally = { ok: 0, forbidden: 0, conflict: 0, rule: 0 };

const property = fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 6 }), async (ops) => {
  for (const o of ops) {
    const who = actors[o.who];
    const id = ids[o.p];
    const before = await snapshot();
    const p = before.proposals.get(id)!;
    const version = o.kind !== "addMilestone" && o.kind !== "update" && o.stale ? p.version - 1 : p.version;
    let outcome: "ok" | "forbidden" | "conflict" | "rule" = "ok";
    let changed = true;
    try {
      if (o.kind === "edit") {
        const r = await updateProposal(
          who,
          id,
          {
            title: o.title,
            summary: p.summary,
            area: p.area as never,
            proposingParty: p.proposingParty as never,
            countries: p.countries.map((c) => c.country) as never,
            sourceQuote: p.sourceQuote,
            leadOrganisation: p.leadOrganisation,
            targetDate: p.targetDate ? dateToDay(p.targetDate) : undefined,
            priority: p.priority as never,
            version,
          },
          ctx,
        );
        changed = r.changed;
      } else if (o.kind === "transition") {
        await transitionStatus(who, id, { to: o.to, note: o.note, version }, ctx);
      } else if (o.kind === "addMilestone") {
        await addMilestone(who, id, { intent: "add-milestone", title: "Generated milestone", dueDate: "2027-01-01", note: "" }, ctx);
      } else if (o.kind === "milestone") {
        const ms = before.milestones.filter((m) => m.proposalId === id);
        if (!ms.length) continue;
        const m = ms[o.pick % ms.length];
        const r = await updateMilestone(
          who,
          id,
          {
            intent: "edit-milestone",
            milestoneId: m.id,
            title: m.title,
            dueDate: dateToDay(m.dueDate),
            status: o.status,
            completedOn: o.status === "done" ? "2026-11-01" : undefined,
            note: m.note,
            version: o.stale ? m.version - 1 : m.version,
          },
          ctx,
        );
        changed = r.changed;
      } else {
        await postProgressUpdate(who, id, { health: o.health, body: "generated update" }, ctx);
      }
    } catch (error) {
      if (error instanceof ForbiddenError) outcome = "forbidden";
      else if (error instanceof ConflictError) outcome = "conflict";
      else if (error instanceof RuleError) outcome = "rule";
      else if (error instanceof NotFoundError) outcome = "rule";
      else throw error;
    }
    tally[outcome]++;
    const after = await snapshot();
    const q = after.proposals.get(id)!;

    // Versions only increase, everywhere.
    for (const [pid, b] of before.proposals) expect(after.proposals.get(pid)!.version).toBeGreaterThanOrEqual(b.version);
    for (const bm of before.milestones) expect(after.milestones.find((m) => m.id === bm.id)!.version).toBeGreaterThanOrEqual(bm.version);

    // Only legal transitions happen, by roles allowed to make them.
    if (q.status !== p.status) {
      expect(o.kind).toBe("transition");
      const least = LEGAL[`${p.status}>${q.status}`];
      expect(least, `${p.status} → ${q.status} is not in the table`).toBeDefined();
      expect(RANK[who.role]).toBeGreaterThanOrEqual(RANK[least]);
      if (least === "analyst" && RANK[who.role] < RANK.manager) expect(p.ownerId).toBe(who.id);
      expect(q.version).toBe(p.version + 1);
    }
    if (o.kind === "transition" && outcome === "ok") expect(q.status).toBe(o.to as Status);
    // A refused change leaves the proposal as it was.
    if (outcome !== "ok") expect({ status: q.status, version: q.version, title: q.title }).toEqual({ status: p.status, version: p.version, title: p.title });

    // Exactly one audit event per successful change; one security event per refusal; none otherwise.
    const expected = outcome === "ok" ? (changed ? 1 : 0) : outcome === "forbidden" ? 1 : 0;
    expect(after.events - before.events, `${o.kind} by ${who.role}: ${outcome}`).toBe(expected);
  }
  await verifyNewEvents();
});

/** Registers part `part` (1-based) of `parts`: its share of the runs, batch b with seed + 1000·part + b. */
export function propertyTestPart(part: number, parts: number) {
  const mine = Math.floor(runs / parts) + (part <= runs % parts ? 1 : 0);
  const base = seed + 1000 * part;
  console.log(
    `property test part ${part}/${parts}: seed ${seed}, ${mine} of ${runs} runs in batches of ${BATCH} (replay with PROPERTY_SEED=${seed}; batch b uses seed + ${1000 * part} + b)`,
  );
  beforeAll(async () => {
    await seedDemoData({ quiet: true });
    for (const e of EMAILS) actors.push(await actor(e));
    for (const r of REFS) ids.push((await readDb.proposal.findUniqueOrThrow({ where: { reference: r }, select: { id: true } })).id);
  });
  const batches = Math.ceil(mine / BATCH);
  for (let b = 0; b < batches; b++) {
    it(`random sequences keep every invariant: part ${part}, batch ${b + 1} of ${batches} (seed ${base + b})`, async () => {
      await fc.assert(property, { numRuns: Math.min(BATCH, mine - b * BATCH), seed: base + b, endOnFailure: true });
      await verifyNewEvents();
    });
  }

  it(`part ${part}: its ${mine} sequences reached every outcome, and the chain verifies`, async () => {
    await verifyNewEvents();
    console.log(`property test part ${part} outcomes: ${JSON.stringify(tally)}; chain verified through event ${chain.head.seq}`);
    expect(tally.ok + tally.forbidden + tally.conflict + tally.rule).toBeGreaterThanOrEqual(mine);
    // The generator reaches every outcome, so the invariants were exercised on each path.
    for (const k of Object.keys(tally) as (keyof typeof tally)[]) expect(tally[k], k).toBeGreaterThan(0);
  });
}
