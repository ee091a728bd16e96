// npm run bench:data — a separate SQLite file with 10,000 proposals, 100,000 milestones and
// 1,000,000 audit events forming a valid hash chain, realistic in shape. Written straight
// through better-sqlite3 in large transactions; the chain uses the app's own hashing.
import Database from "better-sqlite3";
import cliProgress from "cli-progress";
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import { GENESIS_HASH, hashEvent, type ChainedEventBody } from "../app/modules/audit/chain";
import { AREAS, COUNTRIES, HEALTHS, PRIORITIES } from "../app/modules/proposals/vocabulary";
import { hashPassword } from "../app/modules/users/password.server";
import { BENCH_DB } from "./paths";

const PROPOSALS = Number(process.env.BENCH_PROPOSALS ?? 10_000);
const MILESTONES_PER = 10;
const EVENTS = Number(process.env.BENCH_EVENTS ?? 1_000_000);
const started = Date.now();

// A small deterministic generator, so two runs build the same data.
let state = 20251220;
const rand = () => (state = (state * 1103515245 + 12345) >>> 0) / 2 ** 32;
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
db.transaction(() => users.forEach((u) => insertUser.run({ ...u, passwordHash, updatedAt: iso(Date.now()) })))();

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
const WORDS = [
  "regional",
  "digital",
  "energy",
  "training",
  "railway",
  "seismic",
  "water",
  "youth",
  "investment",
  "climate",
  "logistics",
  "justice",
  "forum",
  "centre",
  "programme",
  "corridor",
  "hub",
  "strategy",
];
const now = Date.now();
const proposals: { id: string; summitId: string }[] = [];
const pBar = bar("proposals + milestones", PROPOSALS);
db.transaction(() => {
  for (let n = 0; n < PROPOSALS; n++) {
    const summit = summits[n % summits.length];
    const status = pick(STATUS_MIX);
    const p = {
      id: id("p", n),
      reference: `BENCH-${String(n + 1).padStart(5, "0")}`,
      title: `${pick(WORDS)} ${pick(WORDS)} ${pick(WORDS)} initiative ${n + 1}`,
      summary: Array.from({ length: 25 }, () => pick(WORDS)).join(" "),
      area: pick(AREAS),
      party: pick(COUNTRIES),
      quote: `It was proposed to establish a ${pick(WORDS)} ${pick(WORDS)} ${pick(WORDS)} in Tashkent.`,
      summitId: summit.id,
      status,
      ownerId: pick(analysts).id,
      lead: `Ministry of ${pick(WORDS)}`,
      target: iso(summit.date + (200 + Math.floor(rand() * 1500)) * 86_400_000),
      priority: pick(PRIORITIES),
      health: pick(HEALTHS),
      created: iso(summit.date),
      updated: iso(now - Math.floor(rand() * 120) * 86_400_000),
    };
    insertProposal.run(p);
    const countries = new Set([p.party, pick(COUNTRIES), pick(COUNTRIES)]);
    for (const c of countries) insertCountry.run(p.id, c);
    for (let m = 0; m < MILESTONES_PER; m++) {
      const due = summit.date + (60 + m * 120 + Math.floor(rand() * 60)) * 86_400_000;
      const past = due < now;
      const mStatus = past ? (rand() < 0.75 ? "done" : rand() < 0.5 ? "planned" : "missed") : rand() < 0.05 ? "cancelled" : "planned";
      insertMilestone.run(
        id(`m${n}-`, m),
        p.id,
        `Milestone ${m + 1} of ${p.reference}`,
        iso(due),
        mStatus,
        mStatus === "done" ? iso(due - 86_400_000) : null,
        m + 1,
        p.created,
        p.updated,
      );
    }
    proposals.push({ id: p.id, summitId: summit.id });
    if (n % 250 === 0) pBar.update(n);
  }
  pBar.update(PROPOSALS);
})();
pBar.stop();

// One million audit events, in time order from ten years ago to now, as one valid chain.
const ACTIONS = [
  ["proposal.updated", "proposal"],
  ["proposal.status_changed", "proposal"],
  ["milestone.updated", "milestone"],
  ["milestone.completed", "milestone"],
  ["update.posted", "update"],
  ["auth.login", "user"],
] as const;
const insertEvent =
  db.prepare(`INSERT INTO AuditEvent (seq, occurredAt, actorId, actorName, actorRole, action, entityType, entityId, proposalId, changes, reason, requestId, prevHash, hash)
  VALUES (@seq, @occurredAt, @actorId, @actorName, @actorRole, @action, @entityType, @entityId, @proposalId, @changes, @reason, @requestId, @prevHash, @hash)`);
const eBar = bar("audit events          ", EVENTS);
const start = now - 10 * 365 * 86_400_000;
const step = (now - start) / EVENTS;
let prevHash = GENESIS_HASH;
const BATCH = 50_000;
for (let from = 0; from < EVENTS; from += BATCH) {
  db.transaction(() => {
    for (let i = from; i < Math.min(EVENTS, from + BATCH); i++) {
      const actor = i % 7 === 0 ? users[1] : pick(analysts);
      const [action, entityType] = pick(ACTIONS);
      const proposal = proposals[Math.floor(rand() * proposals.length)];
      const body: ChainedEventBody = {
        seq: i + 1,
        occurredAt: new Date(Math.floor(start + i * step)).toISOString(),
        actorId: actor.id,
        actorName: actor.name,
        actorRole: actor.role,
        action,
        entityType,
        entityId: entityType === "user" ? actor.id : proposal.id,
        proposalId: entityType === "user" ? null : proposal.id,
        changes:
          action === "proposal.status_changed"
            ? [{ field: "status", from: "agreed", to: "in_progress" }]
            : action === "auth.login"
              ? []
              : [{ field: "summary", from: `v${i}`, to: `v${i + 1}` }],
        reason: "",
        requestId: `bench-${i}`,
        prevHash,
      };
      const hash = hashEvent(body);
      insertEvent.run({ ...body, occurredAt: body.occurredAt.replace("Z", "+00:00"), changes: JSON.stringify(body.changes), hash });
      prevHash = hash;
    }
  })();
  eBar.update(Math.min(EVENTS, from + BATCH));
}
eBar.stop();
db.pragma("wal_checkpoint(TRUNCATE)");
db.pragma("optimize");
db.close();
console.log(
  `Wrote ${BENCH_DB}: ${PROPOSALS} proposals, ${PROPOSALS * MILESTONES_PER} milestones, ${EVENTS} audit events in ${((Date.now() - started) / 1000).toFixed(1)} s.`,
);
