// Events of the Dialogue and their source documents (issue 15). A document keeps its original
// file (hashed, the hash in the audit event) and the text extracted from it, which the intake
// reads and proposals' quote offsets count in. Every change is one transaction with its event.
import { readDb, writeTransaction, type Tx } from "~/db.server";
import { NotFoundError } from "~/lib/errors";
import { msg } from "~/i18n/message";
import { recordAuditEvent, type AuditActor, type RequestContext } from "~/modules/audit/record.server";
import { refuse, type ServiceActor } from "~/modules/proposals/guard.server";
import type { Country, DatePrecision, DocumentKind, DocumentLanguage, EventKind } from "~/modules/proposals/vocabulary";
import { ROLES, roleAtLeast } from "~/modules/users/roles";
import { storeFile } from "./files.server";

const actorOf = (a: AuditActor) => ({ id: a.id, name: a.name, role: a.role });

export type EventInput = {
  /** Made from the date and name when not given (inside the write, so two at once get two). */
  slug?: string;
  kind: EventKind;
  name: string;
  date: Date;
  datePrecision: DatePrecision;
  place: string;
  sourceDocument: string;
  description: string;
  countries: Country[];
};

/** A readable, unique slug for a new event: its year and name, numbered if taken. */
export async function eventSlug(client: Tx | typeof readDb, name: string, date: string): Promise<string> {
  const words = name
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60)
    .replace(/-+$/, "");
  const base = `${date.slice(0, 4)}-${words || "event"}`;
  for (let n = 1; ; n++) {
    const slug = n === 1 ? base : `${base}-${n}`;
    if (!(await client.summit.findUnique({ where: { slug }, select: { id: true } }))) return slug;
  }
}

/** Creates an event (analyst and above), audited as `event.created`. */
export async function createEvent(actor: ServiceActor | AuditActor, input: EventInput, context: RequestContext) {
  if (isServiceActor(actor)) await assertMayRecordEvents(actor, context, "event.create", "new");
  return writeTransaction(async (tx) => {
    const { countries, slug, ...fields } = input;
    const event = await tx.summit.create({
      data: {
        ...fields,
        slug: slug ?? (await eventSlug(tx, input.name, input.date.toISOString().slice(0, 10))),
        countries: { create: countries.map((country) => ({ country })) },
      },
      select: { id: true },
    });
    await recordAuditEvent(tx, {
      actor: actorOf(actor),
      action: "event.created",
      entityType: "event",
      entityId: event.id,
      changes: [
        { field: "name", from: null, to: input.name },
        { field: "kind", from: null, to: input.kind },
        { field: "date", from: null, to: input.date.toISOString().slice(0, 10) },
        { field: "place", from: null, to: input.place },
        { field: "countries", from: null, to: countries.join(", ") },
      ],
      context,
    });
    return event;
  });
}

export type DocumentInput = {
  title: string;
  language: DocumentLanguage;
  kind: DocumentKind;
  mediaType: string;
  fileName: string;
  bytes: Uint8Array;
  text: string;
};

/** Adds a source document to an event: its file (stored once per hash) and its text. */
export async function addSourceDocument(actor: ServiceActor | AuditActor, summitId: string, input: DocumentInput, context: RequestContext) {
  if (isServiceActor(actor)) await assertMayRecordEvents(actor, context, "document.add", summitId);
  return writeTransaction((tx) => addSourceDocumentIn(tx, actor, summitId, input, context));
}

/** The same, inside a transaction the caller holds (the seed; the intake's accept step). */
export async function addSourceDocumentIn(tx: Tx, actor: AuditActor, summitId: string, input: DocumentInput, context: RequestContext) {
  const event = await tx.summit.findUnique({ where: { id: summitId }, select: { id: true } });
  if (!event) throw new NotFoundError(msg("what.event"));
  const { sha256, byteSize } = await storeFile(tx, input.bytes);
  const document = await tx.sourceDocument.create({
    data: {
      summitId,
      title: input.title,
      language: input.language,
      kind: input.kind,
      mediaType: input.mediaType,
      fileName: input.fileName,
      sha256,
      byteSize,
      text: input.text,
      createdById: actor.id,
    },
    select: { id: true, sha256: true },
  });
  await recordAuditEvent(tx, {
    actor: actorOf(actor),
    action: "document.added",
    entityType: "document",
    entityId: document.id,
    changes: [
      { field: "title", from: null, to: input.title },
      { field: "file", from: null, to: input.fileName },
      { field: "sha256", from: null, to: sha256 },
      { field: "bytes", from: null, to: byteSize },
      { field: "language", from: null, to: input.language },
    ],
    context,
  });
  return document;
}

/** A signed-in user (checked) rather than the system importing the demo data (not). */
function isServiceActor(actor: ServiceActor | AuditActor): actor is ServiceActor {
  return actor.id !== null && (ROLES as readonly string[]).includes(actor.role);
}

async function assertMayRecordEvents(actor: ServiceActor, context: RequestContext, attempted: string, entityId: string) {
  if (!roleAtLeast(actor.role, "analyst")) throw await refuse(actor, context, msg("refusal.recordEvents"), { entityType: "event", entityId, attempted });
}
