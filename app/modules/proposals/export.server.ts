// Exports of the filtered proposal list: CSV and JSON (flat, for spreadsheets and scripts) and
// an IATI-style activity file (https://iatistandard.org/en/iati-standard/203/activity-standard/).
// Words in the files (area and country names, the IATI phrases) come from the message catalogue
// in the language of the user who exports; codes, stored text and column names do not change.
import type { IncomingMessage, ServerResponse } from "node:http";
import { csvRows } from "~/lib/csv.server";
import { serveExport, type ExportPlan } from "~/lib/stream-export.server";
import { el, xmlString, type XmlElement } from "~/lib/xml";
import { progressOf } from "~/modules/milestones/progress";
import { msg } from "~/i18n/message";
import { render, translate } from "~/i18n/translate";
import { LOCALES, type Locale } from "~/i18n/messages";
import { parseProposalFilters } from "./filters.server";
import { exportBatches, type ExportProposal, type ProposalScope } from "./queries.server";
import { IATI_STATUS } from "./vocabulary";

const REPORTING_ORG = "XM-SUMMIT-TRACKER";

/** The matching proposals for an export, a batch at a time (memory stays bounded however many match). */
async function* exportRows(scope: ProposalScope, batchSize?: number) {
  for await (const batch of exportBatches(scope, batchSize)) yield batch.map((r) => ({ ...r, progress: progressOf(r.milestones) }));
}
type ExportRow = ExportProposal & { progress: number | null };

/** Every matching proposal at once (small exports and tests). */
export async function proposalsForExport(scope: ProposalScope): Promise<ExportRow[]> {
  const all: ExportRow[] = [];
  for await (const batch of exportRows(scope)) all.push(...batch);
  return all;
}

const day = (d: Date | null | undefined) => (d ? d.toISOString().slice(0, 10) : "");

const PROPOSAL_CSV_COLUMNS = [
  "reference",
  "title",
  "area",
  "status",
  "iati_status",
  "health",
  "priority",
  "owner",
  "lead_organisation",
  "proposing_party",
  "countries",
  "target_date",
  "progress_percent",
  "milestones_done",
  "milestones_total",
  "summit",
  "historical",
  "summary",
  "source_quote",
  "updated_at",
] as const;

/** CSV rows; the first batch carries the header and a byte-order mark. Area names are in `locale`. */
export function proposalsCsv(rows: ExportRow[], first = true, locale: Locale = "en"): string {
  return csvRows(
    rows.map((r) => ({
      reference: r.reference,
      title: r.title,
      area: translate(locale, `area.${r.area}`),
      status: r.status,
      iati_status: IATI_STATUS[r.status],
      health: r.health,
      priority: r.priority,
      owner: r.owner.name,
      lead_organisation: r.leadOrganisation,
      proposing_party: r.proposingParty,
      countries: r.countries.join(" "),
      target_date: day(r.targetDate),
      progress_percent: r.progress === null ? "" : Math.round(r.progress * 100),
      milestones_done: r.milestones.filter((m) => m.status === "done").length,
      milestones_total: r.milestones.filter((m) => m.status !== "cancelled").length,
      summit: r.summit.name,
      historical: r.historical ? "yes" : "no",
      summary: r.summary,
      source_quote: r.sourceQuote,
      updated_at: r.updatedAt.toISOString(),
    })),
    // A byte-order mark so spreadsheet programs open the UTF-8 text (Cyrillic, “quotes”) correctly.
    { header: first, columns: PROPOSAL_CSV_COLUMNS, bom: first },
  );
}

function jsonProposal(r: ExportRow) {
  return {
    reference: r.reference,
    title: r.title,
    summary: r.summary,
    area: r.area,
    status: r.status,
    iatiStatus: IATI_STATUS[r.status],
    health: r.health,
    priority: r.priority,
    owner: r.owner.name,
    leadOrganisation: r.leadOrganisation,
    proposingParty: r.proposingParty,
    countries: r.countries,
    targetDate: day(r.targetDate) || null,
    progress: r.progress,
    historical: r.historical,
    summit: { name: r.summit.name, date: day(r.summit.date) },
    sourceQuote: r.sourceQuote,
    milestones: r.milestones.map((m) => ({ title: m.title, dueDate: day(m.dueDate), status: m.status, completedOn: day(m.completedOn) || null, note: m.note })),
    updatedAt: r.updatedAt.toISOString(),
  };
}

/** The JSON file in pieces: `{ generatedAt, proposals: [...], count }`; the count comes last. */
const jsonHead = () => `{\n  "generatedAt": ${JSON.stringify(new Date().toISOString())},\n  "proposals": [`;
const jsonItems = (rows: ExportRow[], written: number) =>
  rows.map((r, i) => `${written + i ? "," : ""}\n    ${JSON.stringify(jsonProposal(r), null, 2).replaceAll("\n", "\n    ")}`).join("");
const jsonTail = (count: number) => `${count ? "\n  " : ""}],\n  "count": ${count}\n}\n`;

async function* proposalsJsonChunks(batches: AsyncIterable<ExportRow[]>): AsyncGenerator<string> {
  yield jsonHead();
  let count = 0;
  for await (const batch of batches) {
    yield jsonItems(batch, count);
    count += batch.length;
  }
  yield jsonTail(count);
}

/**
 * IATI 2.03 activities. Status codes per product.md §3; Central Asian participants are the
 * recipient countries (Japan is the partner, a participating organisation); milestones are
 * results with their planned (due) and actual (completed) dates. Stored text goes through
 * app/lib/xml.ts, which drops characters XML 1.0 forbids, so the file is always well-formed.
 * The stored text is English (the activity's xml:lang); a narrative in the words of another
 * `locale` says so with its own xml:lang.
 */
function iatiActivity(r: ExportRow, locale: Locale): XmlElement {
  const lang: Record<string, string> = locale === "en" ? {} : { "xml:lang": locale };
  const narrative = (name: string, value: string, attributes: Record<string, string> = {}) => el(name, attributes, [el("narrative", {}, value)]);
  const translated = (name: string, value: string, attributes: Record<string, string> = {}) => el(name, attributes, [el("narrative", lang, value)]);
  const t = (key: Parameters<typeof translate>[1], vars?: Record<string, string>) => translate(locale, key, vars);
  const parts: XmlElement[] = [
    el("iati-identifier", {}, `${REPORTING_ORG}-${r.reference}`),
    translated("reporting-org", t("export.iati.reportingOrg"), { ref: REPORTING_ORG, type: "10" }),
    narrative("title", r.title),
    narrative("description", r.summary || r.title, { type: "1" }),
  ];
  if (r.sourceQuote) parts.push(narrative("description", r.sourceQuote, { type: "2" }));
  // role 1 = Funding, 4 = Implementing (IATI OrganisationRole).
  if (r.countries.includes("JP")) parts.push(translated("participating-org", t("export.iati.japan"), { role: "1", type: "10" }));
  if (r.leadOrganisation) parts.push(narrative("participating-org", r.leadOrganisation, { role: "4", type: "10" }));
  else parts.push(translated("participating-org", t("export.iati.leadUnassigned"), { role: "4", type: "10" }));
  parts.push(el("activity-status", { code: String(IATI_STATUS[r.status]) }));
  // activity-date types: 1 planned start, 2 actual start, 3 planned end, 4 actual end.
  parts.push(el("activity-date", { type: "1", "iso-date": day(r.summit.date) }));
  if (["in_progress", "completed", "on_hold"].includes(r.status)) parts.push(el("activity-date", { type: "2", "iso-date": day(r.summit.date) }));
  if (r.targetDate) parts.push(el("activity-date", { type: "3", "iso-date": day(r.targetDate) }));
  if (r.status === "completed") {
    const last = r.milestones
      .map((m) => m.completedOn)
      .filter(Boolean)
      .sort((x, y) => x!.getTime() - y!.getTime())
      .at(-1);
    parts.push(el("activity-date", { type: "4", "iso-date": day(last ?? r.targetDate ?? r.updatedAt) }));
  }
  const recipients = r.countries.filter((c) => c !== "JP");
  if (recipients.length) {
    const shares = splitPercent(recipients.length);
    recipients.forEach((c, i) => parts.push(translated("recipient-country", t(`country.${c}`), { code: c, percentage: String(shares[i]) })));
  } else {
    // IATI requires a recipient; 619 is "Central Asia, regional" in the OECD DAC region list.
    parts.push(el("recipient-region", { code: "619", vocabulary: "1", percentage: "100" }));
  }
  parts.push(translated("sector", t(`area.${r.area}`), { vocabulary: "99", code: r.area, percentage: "100" }));
  for (const m of r.milestones) {
    const completed = m.completedOn ? [translated("comment", t("export.iati.completedOn", { date: day(m.completedOn) }))] : [];
    const actual = el("actual", { value: m.status === "done" ? "1" : "0" }, completed);
    const period = el("period", {}, [
      el("period-start", { "iso-date": day(r.summit.date) < day(m.dueDate) ? day(r.summit.date) : day(m.dueDate) }),
      el("period-end", { "iso-date": day(m.dueDate) }),
      el("target", { value: "1" }),
      actual,
    ]);
    const indicator = el("indicator", { measure: "5", ascending: "1" }, [narrative("title", `${m.title} (${m.status})`), period]);
    parts.push(el("result", { type: "1", "aggregation-status": "0" }, [narrative("title", m.title), indicator]));
  }
  return el("iati-activity", { "last-updated-datetime": r.updatedAt.toISOString().replace(/\.\d{3}Z$/, "Z"), "xml:lang": "en", hierarchy: "1" }, parts);
}

const iatiActivities = (rows: ExportRow[], locale: Locale) => rows.map((r) => xmlString(iatiActivity(r, locale), 1)).join("");

const iatiHead = () =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<iati-activities version="2.03" generated-datetime="${new Date().toISOString().replace(/\.\d{3}Z$/, "Z")}">\n`;
const IATI_TAIL = "</iati-activities>\n";

async function* proposalsIatiChunks(batches: AsyncIterable<ExportRow[]>, locale: Locale): AsyncGenerator<string> {
  yield iatiHead();
  for await (const batch of batches) yield iatiActivities(batch, locale);
  yield IATI_TAIL;
}

export function proposalsIati(rows: ExportRow[], locale: Locale = "en"): string {
  return iatiHead() + iatiActivities(rows, locale) + IATI_TAIL;
}

async function* proposalsCsvChunks(batches: AsyncIterable<ExportRow[]>, locale: Locale): AsyncGenerator<string> {
  let first = true;
  for await (const batch of batches) {
    if (!batch.length) continue;
    yield proposalsCsv(batch, first, locale);
    first = false;
  }
  if (first) yield proposalsCsv([], true, locale);
}

/** The formats by name; a Map, so a name such as "constructor" or "__proto__" is simply unknown. */
const FORMATS = new Map([
  ["csv", { type: "text/csv; charset=utf-8", file: "", ext: "csv", chunks: proposalsCsvChunks }],
  ["json", { type: "application/json; charset=utf-8", file: "", ext: "json", chunks: proposalsJsonChunks }],
  ["iati", { type: "application/xml; charset=utf-8", file: "-iati", ext: "xml", chunks: proposalsIatiChunks }],
]);

/** GET /proposals/export?format=csv|json|iati&<the list's filters>, streamed (server.js). */
export function streamProposalExport(req: IncomingMessage, res: ServerResponse) {
  return serveExport(req, res, (url, user): ExportPlan => {
    const name = url.searchParams.get("format") || "csv";
    const format = FORMATS.get(name);
    if (!format)
      return { status: 400, message: render(localeOf(user.locale), msg("error.exportFormat", { format: name.slice(0, 40), formats: [...FORMATS.keys()] })) };
    const stamp = new Date().toISOString().slice(0, 10);
    return {
      headers: {
        "Content-Type": format.type,
        "Content-Disposition": `attachment; filename="proposals-${stamp}${format.file}.${format.ext}"`,
        "Cache-Control": "no-store",
      },
      chunks: format.chunks(exportRows(parseProposalFilters(url.searchParams)), localeOf(user.locale)),
    };
  });
}

/** The user's language for the words in a file (the account stores it; anything else reads as English). */
const localeOf = (stored: string): Locale => LOCALES.find((l) => l === stored) ?? "en";

/** Whole-number percentages that add up to 100. */
function splitPercent(n: number): number[] {
  const base = Math.floor(100 / n);
  return Array.from({ length: n }, (_, i) => base + (i < 100 - base * n ? 1 : 0));
}
