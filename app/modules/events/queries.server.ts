// Reading events: the list of the Dialogue's meetings with their proposals' progress, one event
// with its documents and proposals, and a document's text around a quote (issue 15).
import { rawRead, readDb } from "~/db.server";
import { NotFoundError } from "~/lib/errors";
import { column, rowParser } from "~/lib/sql-rows.server";
import { msg } from "~/i18n/message";
import { COUNTRIES, DATE_PRECISIONS, DOCUMENT_KINDS, DOCUMENT_LANGUAGES, EVENT_KINDS, STATUSES } from "~/modules/proposals/vocabulary";

/** Countries in the vocabulary's order (JP, KZ, KG…), the same on both databases. */
export const inVocabularyOrder = <T extends (typeof COUNTRIES)[number]>(codes: T[]) => [...codes].sort((a, b) => COUNTRIES.indexOf(a) - COUNTRIES.indexOf(b));

const eventRow = rowParser("event", {
  id: column.text,
  slug: column.text,
  kind: column.oneOf(EVENT_KINDS),
  name: column.text,
  date: column.date,
  datePrecision: column.oneOf(DATE_PRECISIONS),
  place: column.text,
  proposals: column.int,
  completed: column.int,
  documents: column.int,
  done: column.int,
  counted: column.int,
});
const eventCountryRow = rowParser("event country", { summitId: column.text, country: column.oneOf(COUNTRIES) });

/** Every event, newest first, with its proposals' count, completed count and milestone progress. */
export async function listEvents() {
  const [events, countries] = await Promise.all([
    rawRead(
      `SELECT s."id", s."slug", s."kind", s."name", s."date", s."datePrecision", s."place",
         (SELECT COUNT(*) FROM "Proposal" p WHERE p."summitId" = s."id") AS "proposals",
         (SELECT COUNT(*) FROM "Proposal" p WHERE p."summitId" = s."id" AND p."status" = 'completed') AS "completed",
         (SELECT COUNT(*) FROM "SourceDocument" d WHERE d."summitId" = s."id") AS "documents",
         (SELECT COUNT(*) FROM "Milestone" m JOIN "Proposal" p ON p."id" = m."proposalId" WHERE p."summitId" = s."id" AND m."status" = 'done') AS "done",
         (SELECT COUNT(*) FROM "Milestone" m JOIN "Proposal" p ON p."id" = m."proposalId" WHERE p."summitId" = s."id" AND m."status" <> 'cancelled') AS "counted"
       FROM "Summit" s ORDER BY s."date" DESC, s."name"`,
      [],
    ),
    rawRead(`SELECT "summitId", "country" FROM "SummitCountry"`, []),
  ]);
  const byEvent = new Map<string, (typeof COUNTRIES)[number][]>();
  for (const c of eventCountryRow.rows(countries)) byEvent.set(c.summitId, [...(byEvent.get(c.summitId) ?? []), c.country]);
  return eventRow.rows(events).map(({ done, counted, ...e }) => ({
    ...e,
    date: e.date.toISOString(),
    progress: counted === 0 ? null : done / counted,
    countries: inVocabularyOrder(byEvent.get(e.id) ?? []),
  }));
}

const statusCountRow = rowParser("event status count", { status: column.oneOf(STATUSES), n: column.int });

/** One event: its fields, countries, documents (without their text) and proposals. */
export async function getEvent(id: string) {
  const event = await readDb.summit.findUnique({
    where: { id },
    select: {
      id: true,
      slug: true,
      kind: true,
      name: true,
      date: true,
      datePrecision: true,
      place: true,
      sourceDocument: true,
      description: true,
      version: true,
      countries: { select: { country: true } },
      documents: {
        select: {
          id: true,
          title: true,
          language: true,
          kind: true,
          fileName: true,
          byteSize: true,
          sha256: true,
          createdAt: true,
          createdBy: { select: { name: true } },
        },
        orderBy: { createdAt: "asc" },
      },
    },
  });
  if (!event) throw new NotFoundError(msg("what.event"));
  const [proposals, statuses] = await Promise.all([
    readDb.proposal.findMany({
      where: { summitId: id },
      select: {
        id: true,
        reference: true,
        title: true,
        status: true,
        health: true,
        area: true,
        milestones: { select: { status: true } },
        followUpOf: { select: { kind: true, earlier: { select: { id: true, reference: true } } } },
      },
      orderBy: { reference: "asc" },
    }),
    rawRead(`SELECT "status", COUNT(*) AS "n" FROM "Proposal" WHERE "summitId" = ? GROUP BY "status"`, [id]),
  ]);
  return {
    ...event,
    date: event.date.toISOString(),
    countries: inVocabularyOrder(event.countries.map((c) => c.country)),
    documents: event.documents.map((d) => ({ ...d, createdAt: d.createdAt.toISOString(), createdBy: d.createdBy?.name ?? null })),
    statusCounts: statusCountRow.rows(statuses),
    proposals: proposals.map(({ milestones, followUpOf, ...p }) => {
      const counted = milestones.filter((m) => m.status !== "cancelled").length;
      return {
        ...p,
        progress: counted === 0 ? null : milestones.filter((m) => m.status === "done").length / counted,
        followsUp: followUpOf ? { kind: followUpOf.kind, id: followUpOf.earlier.id, reference: followUpOf.earlier.reference } : null,
      };
    }),
  };
}

const documentRow = rowParser("source document", {
  id: column.text,
  summitId: column.text,
  title: column.text,
  language: column.oneOf(DOCUMENT_LANGUAGES),
  kind: column.oneOf(DOCUMENT_KINDS),
  text: column.text,
});

/** A document's text, for the proposal page's quote and the intake's review. */
export async function getDocumentText(id: string) {
  const [found] = documentRow.rows(await rawRead(`SELECT "id", "summitId", "title", "language", "kind", "text" FROM "SourceDocument" WHERE "id" = ?`, [id]));
  if (!found) throw new NotFoundError(msg("what.document"));
  return found;
}
