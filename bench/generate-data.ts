// npm run bench:data — a separate SQLite file with 10,000 proposals, about 100,000 milestones
// and 1,000,000 audit events forming a valid hash chain, shaped like a working tracker's
// (docs/decisions/020-benchmark-method.md): every proposal has a history, about 95 events on
// average and long-tailed (log-normal: most have a few dozen, a few have thousands), spread from
// its summit to now; milestones vary in number (2–20) and spread over the years after the
// summit; every update.posted event has its progress update. Prints the distribution. Written
// straight through better-sqlite3 in large transactions; the chain uses the app's own hashing.
import Database from "better-sqlite3";
import cliProgress from "cli-progress";
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import { uniformFloat64 } from "pure-rand/distribution/uniformFloat64";
import { xoroshiro128plus } from "pure-rand/generator/xoroshiro128plus";
import { GENESIS_HASH, hashEvent, type ChainedEventBody } from "../app/modules/audit/chain";
import { AREAS, COUNTRIES, HEALTHS, PRIORITIES } from "../app/modules/proposals/vocabulary";
import { hashPassword } from "../app/modules/users/password.server";
import { BENCH_DB } from "./paths";
import { WORDS } from "./words";

const PROPOSALS = Number(process.env.BENCH_PROPOSALS ?? 10_000);
const EVENTS = Number(process.env.BENCH_EVENTS ?? 1_000_000);
const started = Date.now();

// A seeded generator (pure-rand's xoroshiro128+), so two runs build the same data.
const rng = xoroshiro128plus(20251220);
const rand = () => uniformFloat64(rng);
/** A standard normal draw (Box–Muller). */
const normal = () => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
const int = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));
/** Exact percentiles of a sorted list (nearest rank). */
const rank = (sorted: ArrayLike<number>, q: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
const spread = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mean = s.reduce((a, b) => a + b, 0) / s.length;
  return `min ${s[0]} · median ${rank(s, 0.5)} · mean ${mean.toFixed(1)} · p99 ${rank(s, 0.99)} · max ${s[s.length - 1]}`;
};
const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)];
const id = (prefix: string, n: number) => `${prefix}${createHash("sha1").update(`${prefix}${n}`).digest("hex").slice(0, 22)}`;
const iso = (ms: number) => new Date(ms).toISOString().replace("Z", "+00:00");

for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(BENCH_DB + suffix, { force: true });
fs.mkdirSync(new URL(".", `file://${BENCH_DB}`).pathname, { recursive: true });
execFileSync("node_modules/.bin/prisma", ["migrate", "deploy"], { env: { ...process.env, DATABASE_URL: `file:${BENCH_DB}` }, stdio: "ignore" });

const db = new Database(BENCH_DB);
db.pragma("journal_mode = WAL");
db.pragma("synchronous = OFF"); // generation only; the app runs with NORMAL
db.pragma("foreign_keys = ON");

const bar = (label: string, total: number) => {
  const b = new cliProgress.SingleBar(
    { format: `${label} |{bar}| {percentage}% · {value}/{total}`, hideCursor: true, stream: process.stderr },
    cliProgress.Presets.shades_classic,
  );
  b.start(total, 0);
  return b;
};

// Users: an admin, managers, 40 analysts, viewers; all with the demo password.
const passwordHash = await hashPassword("summit-demo");
const users = [
  { id: id("u", 0), email: "admin@example.org", name: "Bench Admin", role: "admin" },
  { id: id("u", 1), email: "manager@example.org", name: "Bench Manager", role: "manager" },
  ...Array.from({ length: 40 }, (_, i) => ({ id: id("u", 10 + i), email: `analyst${i + 1}@example.org`, name: `Analyst ${i + 1}`, role: "analyst" })),
  ...Array.from({ length: 5 }, (_, i) => ({ id: id("u", 100 + i), email: `viewer${i + 1}@example.org`, name: `Viewer ${i + 1}`, role: "viewer" })),
];
const analysts = users.filter((u) => u.role === "analyst");
const insertUser = db.prepare(
  `INSERT INTO User (id, email, name, role, passwordHash, updatedAt) VALUES (@id, @email, @name, @role, @passwordHash, @updatedAt)`,
);
db.transaction(() => users.forEach((u) => insertUser.run({ ...u, passwordHash, updatedAt: iso(Date.UTC(2026, 11, 1)) })))();

const summits = Array.from({ length: 6 }, (_, i) => ({
  id: id("s", i),
  slug: `summit-${2015 + 2 * i}`,
  name: `Central Asia + Japan summit ${2015 + 2 * i}`,
  date: Date.UTC(2015 + 2 * i, 11, 20),
}));
const insertSummit = db.prepare(`INSERT INTO Summit (id, slug, name, date, place, sourceDocument) VALUES (?, ?, ?, ?, 'Tokyo', 'generated')`);
db.transaction(() => summits.forEach((s) => insertSummit.run(s.id, s.slug, s.name, iso(s.date))))();

// Proposals: a third in progress (the write benchmark moves them on hold), the rest spread out.
const STATUS_MIX = ["in_progress", "in_progress", "in_progress", "proposed", "under_review", "agreed", "completed", "on_hold", "dropped"] as const;
const insertProposal = db.prepare(`INSERT INTO Proposal (id, reference, title, summary, area, proposingParty, sourceQuote, summitId, status, ownerId,
  leadOrganisation, targetDate, priority, health, historical, version, createdAt, updatedAt)
  VALUES (@id, @reference, @title, @summary, @area, @party, @quote, @summitId, @status, @ownerId, @lead, @target, @priority, @health, 0, 1, @created, @updated)`);
const insertCountry = db.prepare(`INSERT INTO ProposalCountry (proposalId, country) VALUES (?, ?)`);
const insertMilestone = db.prepare(`INSERT INTO Milestone (id, proposalId, title, dueDate, status, completedOn, note, position, version, createdAt, updatedAt)
  VALUES (?, ?, ?, ?, ?, ?, '', ?, 1, ?, ?)`);
// A fixed "now" (1 December 2026), so the file is the same whichever day it is built.
const now = Date.UTC(2026, 11, 1);
type GeneratedProposal = { id: string; summitId: string; created: number; health: string; milestones: string[] };
const proposals: GeneratedProposal[] = [];
const milestoneCounts: number[] = [];
const pBar = bar("proposals + milestones", PROPOSALS);
db.transaction(() => {
  for (let n = 0; n < PROPOSALS; n++) {
    const summit = summits[n % summits.length];
    const status = pick(STATUS_MIX);
    const p = {
      id: id("p", n),
      reference: `BENCH-${String(n + 1).padStart(5, "0")}`,
      title: `${pick(WORDS)} ${pick(WORDS)} ${pick(WORDS)} initiative ${n + 1}`,
      summary: Array.from({ length: int(10, 60) }, () => pick(WORDS)).join(" "),
      area: pick(AREAS),
      party: pick(COUNTRIES),
      quote: `It was proposed to establish a ${pick(WORDS)} ${pick(WORDS)} ${pick(WORDS)} in Tashkent.`,
      summitId: summit.id,
      status,
      ownerId: pick(analysts).id,
      lead: `Ministry of ${pick(WORDS)}`,
      target: iso(summit.date + int(200, 1700) * 86_400_000),
      priority: pick(PRIORITIES),
      health: pick(HEALTHS),
      created: iso(summit.date),
      updated: iso(now - int(0, 120) * 86_400_000),
    };
    insertProposal.run(p);
    const countries = new Set([p.party, pick(COUNTRIES), pick(COUNTRIES)]);
    for (const c of countries) insertCountry.run(p.id, c);
    // 2–20 milestones (mean about 10), due over the first one to six years after the summit.
    const count = int(2, 18) + (rand() < 0.2 ? 2 : 0);
    const horizon = int(365, 6 * 365);
    const milestones: string[] = [];
    for (let m = 0; m < count; m++) {
      const due = summit.date + Math.round(((m + 0.5 + (rand() - 0.5) * 0.8) / count) * horizon) * 86_400_000;
      const past = due < now;
      const mStatus = past ? (rand() < 0.75 ? "done" : rand() < 0.5 ? "planned" : "missed") : rand() < 0.05 ? "cancelled" : "planned";
      const mId = id(`m${n}-`, m);
      insertMilestone.run(
        mId,
        p.id,
        `Milestone ${m + 1} of ${p.reference}`,
        iso(due),
        mStatus,
        mStatus === "done" ? iso(due - int(0, 30) * 86_400_000) : null,
        m + 1,
        p.created,
        p.updated,
      );
      milestones.push(mId);
    }
    milestoneCounts.push(count);
    proposals.push({ id: p.id, summitId: summit.id, created: summit.date, health: p.health, milestones });
    if (n % 250 === 0) pBar.update(n);
  }
  pBar.update(PROPOSALS);
})();
pBar.stop();

// How many events each proposal has: log-normal (σ = 1), scaled so proposals carry 95 % of the
// events; the rest are sign-ins. Every proposal has at least its creation and two more.
const LOGINS = Math.round(EVENTS * 0.05);
const weights = proposals.map(() => Math.exp(normal()));
const weightSum = weights.reduce((a, b) => a + b, 0);
const perProposal = weights.map((w) => Math.max(3, Math.round((w / weightSum) * (EVENTS - LOGINS))));
const proposalEvents = perProposal.reduce((a, b) => a + b, 0);
const total = proposalEvents + Math.max(0, EVENTS - proposalEvents);

// Each event gets a time: a proposal's first is its creation at the summit, the rest fall
// uniformly between its summit and now; sign-ins fall anywhere in the ten years. Then all are
// put in time order, which is the chain's order.
const start = now - 10 * 365 * 86_400_000;
const when = new Float64Array(total);
const owner = new Int32Array(total); // proposal index, or -1 for a sign-in
const first = new Uint8Array(total);
let k = 0;
perProposal.forEach((count, pi) => {
  const created = proposals[pi].created;
  for (let j = 0; j < count; j++, k++) {
    owner[k] = pi;
    first[k] = j === 0 ? 1 : 0;
    when[k] = j === 0 ? created : created + 60_000 + rand() * (now - created - 60_000);
  }
});
for (; k < total; k++) {
  owner[k] = -1;
  when[k] = start + rand() * (now - start);
}
const order = Uint32Array.from({ length: total }, (_, i) => i).sort((a, b) => when[a] - when[b]);

// What happens in an event, by weight.
const ACTIONS = [
  ["proposal.updated", 30],
  ["milestone.updated", 22],
  ["update.posted", 15],
  ["milestone.completed", 10],
  ["proposal.status_changed", 6],
  ["proposal.owner_changed", 2],
  ["milestone.created", 5],
  ["proposal.watched", 5],
  ["proposal.unwatched", 2],
  ["auth.forbidden", 3],
] as const;
const actionTotal = ACTIONS.reduce((a, [, w]) => a + w, 0);
const pickAction = () => {
  let r = rand() * actionTotal;
  for (const [name, w] of ACTIONS) if ((r -= w) < 0) return name;
  return ACTIONS[0][0];
};
const FIELDS = ["summary", "leadOrganisation", "targetDate", "priority", "health", "title"];
const insertUpdate = db.prepare(`INSERT INTO ProgressUpdate (id, proposalId, authorId, health, body, createdAt) VALUES (?, ?, ?, ?, ?, ?)`);
const insertEvent =
  db.prepare(`INSERT INTO AuditEvent (seq, occurredAt, actorId, actorName, actorRole, action, entityType, entityId, proposalId, changes, reason, requestId, prevHash, hash)
  VALUES (@seq, @occurredAt, @actorId, @actorName, @actorRole, @action, @entityType, @entityId, @proposalId, @changes, @reason, @requestId, @prevHash, @hash)`);
const eBar = bar("audit events          ", total);
const updatesPer = new Array<number>(proposals.length).fill(0);
let prevHash = GENESIS_HASH;
const BATCH = 50_000;
for (let from = 0; from < total; from += BATCH) {
  db.transaction(() => {
    for (let i = from; i < Math.min(total, from + BATCH); i++) {
      const e = order[i];
      const actor = i % 7 === 0 ? users[1] : pick(analysts);
      const occurredAt = new Date(Math.floor(when[e])).toISOString();
      const pi = owner[e];
      let action: string;
      let entityType: string;
      let entityId: string;
      let changes: ChainedEventBody["changes"] = [];
      let reason = "";
      if (pi < 0) {
        [action, entityType, entityId] = ["auth.login", "user", actor.id];
      } else {
        const p = proposals[pi];
        action = first[e] ? "proposal.created" : pickAction();
        entityType = action.slice(0, action.indexOf("."));
        entityId = p.id;
        if (action === "update.posted") {
          entityId = id(`up${pi}-`, updatesPer[pi]++);
          const body = `${Array.from({ length: int(8, 40) }, () => pick(WORDS)).join(" ")}.`;
          insertUpdate.run(entityId, p.id, actor.id, p.health, body, occurredAt.replace("Z", "+00:00"));
          changes = [{ field: "health", from: null, to: p.health }];
        } else if (entityType === "milestone") {
          entityId = pick(p.milestones);
          changes =
            action === "milestone.completed"
              ? [{ field: "status", from: "planned", to: "done" }]
              : [{ field: "dueDate", from: "2026-01-01", to: "2026-03-01" }];
        } else if (action === "proposal.status_changed") {
          changes = [{ field: "status", from: "agreed", to: "in_progress" }];
          reason = rand() < 0.5 ? "Agreed at the senior officials' meeting." : "";
        } else if (action === "proposal.owner_changed") {
          changes = [{ field: "ownerId", from: pick(analysts).id, to: pick(analysts).id }];
        } else if (action === "proposal.updated") {
          changes = [{ field: pick(FIELDS), from: `v${i}`, to: `v${i + 1}` }];
        } else if (action === "auth.forbidden") {
          entityType = "proposal";
        } else if (action === "proposal.created") {
          changes = [{ field: "status", from: null, to: "proposed" }];
        }
        if (entityType === "auth") entityType = "proposal";
      }
      const body: ChainedEventBody = {
        seq: i + 1,
        occurredAt,
        actorId: actor.id,
        actorName: actor.name,
        actorRole: actor.role,
        action,
        entityType,
        entityId,
        proposalId: pi < 0 ? null : proposals[pi].id,
        changes,
        reason,
        requestId: `bench-${i}`,
        prevHash,
      };
      const hash = hashEvent(body);
      insertEvent.run({ ...body, occurredAt: occurredAt.replace("Z", "+00:00"), changes: JSON.stringify(changes), hash });
      prevHash = hash;
    }
  })();
  eBar.update(Math.min(total, from + BATCH));
}
eBar.stop();
db.pragma("wal_checkpoint(TRUNCATE)");
db.pragma("optimize");
const stats = {
  events: perProposal,
  history: (
    db
      .prepare(
        `SELECT COUNT(*) AS n FROM AuditEvent WHERE proposalId IS NOT NULL AND action NOT IN ('auth.forbidden', 'proposal.watched', 'proposal.unwatched') GROUP BY proposalId`,
      )
      .all() as { n: number }[]
  ).map((r) => r.n),
};
db.close();
const milestoneTotal = milestoneCounts.reduce((a, b) => a + b, 0);
const updateTotal = updatesPer.reduce((a, b) => a + b, 0);
console.log(
  `Wrote ${BENCH_DB} in ${((Date.now() - started) / 1000).toFixed(1)} s: ${PROPOSALS} proposals, ${milestoneTotal} milestones, ${updateTotal} progress updates, ${total} audit events (${total - proposalEvents} sign-ins).`,
);
console.log(`Events per proposal:      ${spread(stats.events)}`);
console.log(`History shown per page:   ${spread(stats.history)} (the page shows the latest 200)`);
console.log(`Milestones per proposal:  ${spread(milestoneCounts)}`);
console.log(`Updates per proposal:     ${spread(updatesPer)}`);
