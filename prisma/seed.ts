// Loads the demo data (prisma/demo-data.json) through the same transaction + audit path the
// app uses, after checking every source quote against the texts in prisma/sources/. Idempotent: what exists (by email, summit slug, proposal reference) is left alone.
// Only for demo databases: `npm start` runs it when the database is empty; a production
// database gets its first admin from `npm run user:create` instead.
import fs from "node:fs";
import path from "node:path";
import { randomUUID } from "node:crypto";
import { z } from "zod";
import { db, readDb, writeTransaction } from "~/db.server";
import { recordAuditEvent, type AuditActor } from "~/modules/audit/record.server";
import { createUserSchema } from "~/modules/users/schemas";
import { createUser } from "~/modules/users/service.server";
import { dayToDate } from "~/modules/proposals/text";
import {
  AREAS,
  COUNTRIES,
  DATE_PRECISIONS,
  DOCUMENT_LANGUAGES,
  EVENT_KINDS,
  HEALTHS,
  MILESTONE_STATUSES,
  PRIORITIES,
  STATUSES,
} from "~/modules/proposals/vocabulary";
import { addSourceDocumentIn } from "~/modules/events/service.server";
import { storeFile } from "~/modules/events/files.server";
import { roundClosedChanges, roundOpenedChanges } from "~/modules/compliance/service.server";
import { ROLES } from "~/modules/users/roles";
import { DEMO_PASSWORD } from "./demo-accounts.js";

export { DEMO_PASSWORD };

const SEED_ACTOR: AuditActor = { id: null, name: "Demo data import", role: "system" };

// The demo file is checked on load, so a typo in a status or a country is an error naming the
// place, not a row the database refuses halfway through the import.
const day = z.iso.date();
const demoDataSchema = z.object({
  users: z.array(z.object({ email: z.string(), name: z.string(), role: z.enum(ROLES) })),
  summits: z.array(
    z.object({
      slug: z.string(),
      kind: z.enum(EVENT_KINDS),
      name: z.string(),
      date: day,
      datePrecision: z.enum(DATE_PRECISIONS).default("day"),
      place: z.string(),
      countries: z.array(z.enum(COUNTRIES)),
      sourceDocument: z.string(),
      description: z.string(),
      documents: z.array(z.object({ file: z.string(), language: z.enum(DOCUMENT_LANGUAGES), title: z.string() })).default([]),
    }),
  ),
  proposals: z.array(
    z.object({
      reference: z.string(),
      summit: z.string(),
      historical: z.boolean().optional(),
      title: z.string(),
      area: z.enum(AREAS),
      proposingParty: z.enum(COUNTRIES),
      countries: z.array(z.enum(COUNTRIES)),
      leadOrganisation: z.string(),
      targetDate: day.nullable(),
      priority: z.enum(PRIORITIES),
      status: z.enum(STATUSES),
      health: z.enum(HEALTHS),
      owner: z.string(),
      summary: z.string(),
      sourceQuote: z.string(),
      milestones: z.array(
        z.object({ title: z.string(), dueDate: day, status: z.enum(MILESTONE_STATUSES), completedOn: day.optional(), note: z.string().optional() }),
      ),
      updates: z.array(z.object({ author: z.string(), health: z.enum(HEALTHS), body: z.string(), at: day })).optional(),
    }),
  ),
});
type DemoData = z.infer<typeof demoDataSchema>;

export function loadDemoData(): DemoData {
  const data = demoDataSchema.parse(JSON.parse(fs.readFileSync(path.join(process.cwd(), "prisma", "demo-data.json"), "utf8")));
  assertQuotesVerbatim(data);
  return data;
}

/** The texts the demo data is drawn from, shipped beside it: the summit report and the preview article. */
export const DEMO_SOURCES_DIR = path.join(process.cwd(), "prisma", "sources");

/** The source file a summit's proposals quote: the file name its `sourceDocument` starts with. */
export function sourceFileOf(summit: { slug: string; sourceDocument: string }): string {
  const file = /^\S+\.txt\b/.exec(summit.sourceDocument)?.[0];
  if (!file || !fs.existsSync(path.join(DEMO_SOURCES_DIR, file))) {
    throw new Error(`${summit.slug}: sourceDocument must start with a file in prisma/sources/ (got "${summit.sourceDocument}")`);
  }
  return file;
}

/** A demo database never ships a misquote: every source quote must appear verbatim in its summit's source text. */
function assertQuotesVerbatim(data: DemoData) {
  const texts = new Map(data.summits.map((s) => [s.slug, fs.readFileSync(path.join(DEMO_SOURCES_DIR, sourceFileOf(s)), "utf8")]));
  const misquoted = data.proposals.filter((p) => !p.sourceQuote.trim() || !texts.get(p.summit)?.includes(p.sourceQuote)).map((p) => p.reference);
  if (misquoted.length) throw new Error(`Demo data quotes not found verbatim in prisma/sources/: ${misquoted.join(", ")}`);
}

/** When the record last changed in the tracking story: its latest update or completed milestone. */
function lastActivity(p: DemoData["proposals"][number], summitDate: string): Date {
  const today = new Date().toISOString().slice(0, 10);
  // Historical projects entered the tracker from the preview article, published just before
  // the summit; their event date (the Dialogue's founding) is not when the record last changed.
  const recorded = p.historical ? "2025-12-19" : summitDate;
  const days = [recorded, ...(p.updates ?? []).map((u) => u.at), ...p.milestones.map((m) => m.completedOn).filter((d): d is string => Boolean(d))].filter(
    (d) => d <= today,
  );
  return dayToDate(days.sort().at(-1)!);
}

export async function seedDemoData(options: { quiet?: boolean } = {}) {
  const data = loadDemoData();
  const context = { requestId: `seed-${randomUUID()}` };
  const log = (m: string) => options.quiet || console.log(m);

  // Demo users go through the same audited service as the admin page and `npm run user:create`.
  const userIds = new Map<string, string>();
  for (const u of data.users) {
    const existing = await readDb.user.findUnique({ where: { email: u.email }, select: { id: true } });
    const user = existing ?? (await createUser(SEED_ACTOR, createUserSchema.parse({ ...u, password: DEMO_PASSWORD }), context));
    userIds.set(u.email, user.id);
  }

  // Events and their documents: each document's file is stored (hashed) with its text, and a
  // proposal's quote is located in its event's documents, so the proposal page can show it in
  // its paragraph.
  const summitIds = new Map<string, string>();
  const documents = new Map<string, { id: string; text: string }[]>();
  for (const { documents: files, countries, ...s } of data.summits) {
    const summit = await writeTransaction((tx) =>
      tx.summit.upsert({
        where: { slug: s.slug },
        update: {},
        create: { ...s, date: dayToDate(s.date), countries: { create: countries.map((country) => ({ country })) } },
        select: { id: true },
      }),
    );
    summitIds.set(s.slug, summit.id);
    const held: { id: string; text: string }[] = [];
    for (const f of files) {
      const bytes = fs.readFileSync(path.join(DEMO_SOURCES_DIR, f.file));
      const text = bytes.toString("utf8");
      const existing = await readDb.sourceDocument.findFirst({ where: { summitId: summit.id, fileName: f.file }, select: { id: true } });
      const document =
        existing ??
        (await writeTransaction((tx) =>
          addSourceDocumentIn(
            tx,
            SEED_ACTOR,
            summit.id,
            { ...f, fileName: f.file, kind: "text", mediaType: "text/plain; charset=utf-8", bytes, text },
            context,
          ),
        ));
      held.push({ id: document.id, text });
    }
    documents.set(s.slug, held);
  }

  let created = 0;
  for (const p of data.proposals) {
    const exists = await readDb.proposal.findUnique({ where: { reference: p.reference }, select: { id: true } });
    if (exists) continue;
    const ownerId = userIds.get(p.owner);
    const summitId = summitIds.get(p.summit);
    if (!ownerId || !summitId) throw new Error(`${p.reference}: unknown owner ${p.owner} or summit ${p.summit}`);
    const source = documents.get(p.summit)?.find((d) => d.text.includes(p.sourceQuote));
    const quoteStart = source ? source.text.indexOf(p.sourceQuote) : null;
    await writeTransaction(async (tx) => {
      const proposal = await tx.proposal.create({
        data: {
          updatedAt: lastActivity(p, data.summits.find((s) => s.slug === p.summit)!.date),
          reference: p.reference,
          title: p.title,
          summary: p.summary,
          area: p.area,
          proposingParty: p.proposingParty,
          sourceQuote: p.sourceQuote,
          summitId,
          sourceDocumentId: source?.id ?? null,
          quoteStart,
          quoteEnd: quoteStart === null ? null : quoteStart + p.sourceQuote.length,
          status: p.status,
          ownerId,
          leadOrganisation: p.leadOrganisation,
          targetDate: p.targetDate ? dayToDate(p.targetDate) : null,
          priority: p.priority,
          health: p.health,
          historical: p.historical ?? false,
          countries: { create: p.countries.map((country) => ({ country })) },
          milestones: {
            create: p.milestones.map((m, i) => ({
              title: m.title,
              dueDate: dayToDate(m.dueDate),
              status: m.status,
              completedOn: m.completedOn ? dayToDate(m.completedOn) : null,
              note: m.note ?? "",
              position: i + 1,
            })),
          },
          updates: {
            create: (p.updates ?? []).map((u) => ({
              authorId: userIds.get(u.author)!,
              health: u.health,
              body: u.body,
              createdAt: dayToDate(u.at),
            })),
          },
        },
        select: { id: true },
      });
      await recordAuditEvent(tx, {
        actor: SEED_ACTOR,
        action: "proposal.imported",
        entityType: "proposal",
        entityId: proposal.id,
        proposalId: proposal.id,
        changes: [
          { field: "reference", from: null, to: p.reference },
          { field: "status", from: null, to: p.status },
          { field: "milestones", from: null, to: p.milestones.length },
        ],
        reason: p.historical ? "historical project from the preview article" : "proposal from the summit report",
        context,
      });
    });
    created++;
  }
  const scored = await seedInterimRound(data, userIds.get("manager@example.org")!, context);
  log(
    `Demo data: ${data.users.length} users, ${data.summits.length} events, ${created} proposals added (${data.proposals.length - created} already present)` +
      (scored ? `, interim round with ${scored} scores.` : "."),
  );
}

/** The demo's closed interim round (issue 16); its name is how a second seed knows it is there. */
export const DEMO_ROUND = { name: "Interim assessment 2026", kind: "interim", cutoff: "2026-06-30" } as const;
const PREVIEW_ARTICLE = "000_d8cac617cc243143.txt";

/** A quote cut at a word near `max` characters, for a rationale. */
const cut = (text: string, max = 220) => (text.length <= max ? text : `${text.slice(0, text.lastIndexOf(" ", max))} …`);

/**
 * One closed interim round over the Tokyo proposals and the historical projects, in one
 * transaction with its events. It says only what the seed texts say: a historical project the
 * preview article reports as carried out is +1 for each country concerned, with the article as
 * evidence; one it reports as agreed or in preparation is 0; a Tokyo proposal taken forward since
 * the summit is 0 (work in progress, nothing reported complete by the cut-off); one still
 * proposed or under review is not scored yet.
 */
async function seedInterimRound(data: DemoData, managerId: string, context: { requestId: string }): Promise<number> {
  if (await readDb.assessmentRound.findUnique({ where: { name: DEMO_ROUND.name }, select: { id: true } })) return 0;
  const manager = await readDb.user.findUniqueOrThrow({ where: { id: managerId }, select: { id: true, name: true } });
  // The rows name the demo manager as the assessor; the events are the import's, like every
  // seeded record's (so they are history, not news on anyone's "My work").
  const actor = SEED_ACTOR;
  const article = fs.readFileSync(path.join(DEMO_SOURCES_DIR, PREVIEW_ARTICLE));
  const articleTitle = "The First Central Asia–Japan Summit: A New Stage of Strategic Partnership (preview article)";
  const proposals = await readDb.proposal.findMany({
    where: { reference: { in: data.proposals.map((p) => p.reference) } },
    select: { id: true, reference: true, status: true, historical: true, sourceQuote: true, countries: { select: { country: true } } },
    orderBy: { reference: "asc" },
  });
  return writeTransaction(async (tx) => {
    const round = await tx.assessmentRound.create({
      data: { name: DEMO_ROUND.name, kind: DEMO_ROUND.kind, cutoff: dayToDate(DEMO_ROUND.cutoff), openedById: manager.id },
      select: { id: true },
    });
    await recordAuditEvent(tx, {
      actor,
      action: "round.opened",
      entityType: "round",
      entityId: round.id,
      changes: roundOpenedChanges(DEMO_ROUND),
      context,
    });
    const stored = await storeFile(tx, article);
    let scores = 0;
    for (const p of proposals) {
      let score: 1 | 0;
      let rationale: string;
      let evidenceId: string | null = null;
      if (p.historical) {
        if (p.status === "completed") {
          score = 1;
          rationale = `The preview article (December 2025) reports this Japan-financed project as carried out: “${cut(p.sourceQuote)}”`;
        } else {
          score = 0;
          rationale = `The preview article (December 2025) reports this project as agreed or in preparation, not yet carried out: “${cut(p.sourceQuote)}”`;
        }
        const evidence = await tx.evidence.create({
          data: {
            proposalId: p.id,
            kind: "file",
            title: articleTitle,
            sha256: stored.sha256,
            byteSize: stored.byteSize,
            fileName: PREVIEW_ARTICLE,
            mediaType: "text/plain",
            createdById: manager.id,
          },
          select: { id: true },
        });
        evidenceId = evidence.id;
        await recordAuditEvent(tx, {
          actor,
          action: "evidence.added",
          entityType: "evidence",
          entityId: evidence.id,
          proposalId: p.id,
          changes: [
            { field: "title", from: null, to: articleTitle },
            { field: "kind", from: null, to: "file" },
            { field: "fileName", from: null, to: PREVIEW_ARTICLE },
            { field: "mediaType", from: null, to: "text/plain" },
            { field: "byteSize", from: null, to: stored.byteSize },
            { field: "sha256", from: null, to: stored.sha256 },
            { field: "attachedTo", from: null, to: "proposal" },
          ],
          context,
        });
      } else if (p.status === "in_progress" || p.status === "on_hold" || p.status === "agreed") {
        score = 0;
        rationale =
          p.status === "agreed"
            ? "Agreed after the Tokyo summit of 20 December 2025; no implementation reported by the cut-off date."
            : "Proposed at the Tokyo summit of 20 December 2025 and taken forward since; no completion reported by the cut-off date.";
      } else continue;
      for (const { country } of p.countries) {
        const row = await tx.complianceScore.create({
          data: { roundId: round.id, proposalId: p.id, country, score, rationale, updatedById: manager.id },
          select: { id: true },
        });
        if (evidenceId) await tx.scoreEvidence.create({ data: { scoreId: row.id, evidenceId }, select: { scoreId: true } });
        await recordAuditEvent(tx, {
          actor,
          action: "score.recorded",
          entityType: "score",
          entityId: row.id,
          proposalId: p.id,
          changes: [
            { field: "round", from: null, to: DEMO_ROUND.name },
            { field: "country", from: null, to: country },
            { field: "score", from: null, to: score === 1 ? "+1" : "0" },
            { field: "rationale", from: null, to: rationale },
            ...(evidenceId ? [{ field: "evidence", from: null, to: articleTitle }] : []),
          ],
          context,
        });
        scores++;
      }
    }
    await tx.assessmentRound.update({
      where: { id: round.id },
      data: { status: "closed", closedAt: new Date(), version: { increment: 1 } },
      select: { id: true },
    });
    await recordAuditEvent(tx, {
      actor,
      action: "round.closed",
      entityType: "round",
      entityId: round.id,
      changes: roundClosedChanges(DEMO_ROUND.name),
      context,
    });
    return scores;
  });
}

const isMain = process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname);
if (isMain) {
  seedDemoData()
    .then(() => Promise.all([db.$disconnect(), readDb.$disconnect()]))
    .catch((error) => {
      console.error(error);
      process.exit(1);
    });
}
