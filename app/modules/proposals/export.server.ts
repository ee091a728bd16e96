// Exports of the filtered proposal list: CSV and JSON (flat, for spreadsheets and scripts) and
// an IATI-style activity file (https://iatistandard.org/en/iati-standard/203/activity-standard/).
import { stringify } from "csv-stringify/sync";
import { create } from "xmlbuilder2";
import { readDb } from "~/db.server";
import { progressOf } from "~/modules/milestones/progress";
import { AREA_LABEL, COUNTRY_LABEL } from "~/ui/labels";
import { idsMatching, type ProposalScope } from "./queries.server";
import { IATI_STATUS, type Area, type Status } from "./vocabulary";

const REPORTING_ORG = "XM-SUMMIT-TRACKER";

export async function proposalsForExport(scope: ProposalScope) {
  const ids = await idsMatching(scope);
  if (!ids.length) return [];
  const rows = await readDb.proposal.findMany({
    where: { id: { in: ids } },
    orderBy: { reference: "asc" },
    select: {
      id: true,
      reference: true,
      title: true,
      summary: true,
      area: true,
      proposingParty: true,
      sourceQuote: true,
      status: true,
      leadOrganisation: true,
      targetDate: true,
      priority: true,
      health: true,
      historical: true,
      version: true,
      createdAt: true,
      updatedAt: true,
      owner: { select: { name: true, email: true } },
      summit: { select: { name: true, date: true } },
      countries: { select: { country: true }, orderBy: { country: "asc" } },
      milestones: { select: { title: true, dueDate: true, status: true, completedOn: true, note: true }, orderBy: { position: "asc" } },
    },
  });
  return rows.map((r) => ({ ...r, countries: r.countries.map((c) => c.country), progress: progressOf(r.milestones) }));
}
type ExportRow = Awaited<ReturnType<typeof proposalsForExport>>[number];

const day = (d: Date | null | undefined) => (d ? d.toISOString().slice(0, 10) : "");

export const PROPOSAL_CSV_COLUMNS = [
  "reference", "title", "area", "status", "iati_status", "health", "priority", "owner", "lead_organisation",
  "proposing_party", "countries", "target_date", "progress_percent", "milestones_done", "milestones_total",
  "summit", "historical", "summary", "source_quote", "updated_at",
] as const;

export function proposalsCsv(rows: ExportRow[]): string {
  return stringify(
    rows.map((r) => ({
      reference: r.reference,
      title: r.title,
      area: AREA_LABEL[r.area as Area] ?? r.area,
      status: r.status,
      iati_status: IATI_STATUS[r.status as Status],
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
    { header: true, columns: [...PROPOSAL_CSV_COLUMNS], bom: true },
  );
}

export function proposalsJson(rows: ExportRow[]): string {
  return JSON.stringify(
    {
      generatedAt: new Date().toISOString(),
      count: rows.length,
      proposals: rows.map((r) => ({
        reference: r.reference,
        title: r.title,
        summary: r.summary,
        area: r.area,
        status: r.status,
        iatiStatus: IATI_STATUS[r.status as Status],
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
      })),
    },
    null,
    2,
  );
}

/**
 * IATI 2.03 activities. Status codes per product.md §3; Central Asian participants are the
 * recipient countries (Japan is the partner, a participating organisation); milestones are
 * results with their planned (due) and actual (completed) dates.
 */
export function proposalsIati(rows: ExportRow[]): string {
  const now = new Date().toISOString().replace(/\.\d{3}Z$/, "Z");
  const doc = create({ version: "1.0", encoding: "UTF-8" }).ele("iati-activities", { version: "2.03", "generated-datetime": now });
  for (const r of rows) {
    const a = doc.ele("iati-activity", {
      "last-updated-datetime": r.updatedAt.toISOString().replace(/\.\d{3}Z$/, "Z"),
      "xml:lang": "en",
      hierarchy: "1",
    });
    a.ele("iati-identifier").txt(`${REPORTING_ORG}-${r.reference}`);
    a.ele("reporting-org", { ref: REPORTING_ORG, type: "10" }).ele("narrative").txt("Summit Tracker — Central Asia + Japan Dialogue");
    a.ele("title").ele("narrative").txt(r.title);
    a.ele("description", { type: "1" }).ele("narrative").txt(r.summary || r.title);
    if (r.sourceQuote) a.ele("description", { type: "2" }).ele("narrative").txt(r.sourceQuote);
    // role 1 = Funding, 4 = Implementing (IATI OrganisationRole).
    if (r.countries.includes("JP")) a.ele("participating-org", { role: "1", type: "10" }).ele("narrative").txt("Government of Japan");
    a.ele("participating-org", { role: "4", type: "10" }).ele("narrative").txt(r.leadOrganisation || "Not yet assigned");
    a.ele("activity-status", { code: String(IATI_STATUS[r.status as Status]) });
    // activity-date types: 1 planned start, 2 actual start, 3 planned end, 4 actual end.
    a.ele("activity-date", { type: "1", "iso-date": day(r.summit.date) });
    if (["in_progress", "completed", "on_hold"].includes(r.status)) a.ele("activity-date", { type: "2", "iso-date": day(r.summit.date) });
    if (r.targetDate) a.ele("activity-date", { type: "3", "iso-date": day(r.targetDate) });
    if (r.status === "completed") {
      const last = r.milestones.map((m) => m.completedOn).filter(Boolean).sort((x, y) => x!.getTime() - y!.getTime()).at(-1);
      a.ele("activity-date", { type: "4", "iso-date": day(last ?? r.targetDate ?? r.updatedAt) });
    }
    const recipients = r.countries.filter((c) => c !== "JP");
    if (recipients.length) {
      const shares = splitPercent(recipients.length);
      recipients.forEach((c, i) => a.ele("recipient-country", { code: c, percentage: String(shares[i]) }).ele("narrative").txt(COUNTRY_LABEL[c as keyof typeof COUNTRY_LABEL] ?? c));
    } else {
      // IATI requires a recipient; 619 is "Central Asia, regional" in the OECD DAC region list.
      a.ele("recipient-region", { code: "619", vocabulary: "1", percentage: "100" });
    }
    a.ele("sector", { vocabulary: "99", code: r.area, percentage: "100" }).ele("narrative").txt(AREA_LABEL[r.area as Area] ?? r.area);
    for (const m of r.milestones) {
      const result = a.ele("result", { type: "1", "aggregation-status": "0" });
      result.ele("title").ele("narrative").txt(m.title);
      const indicator = result.ele("indicator", { measure: "5", ascending: "1" });
      indicator.ele("title").ele("narrative").txt(`${m.title} (${m.status})`);
      const period = indicator.ele("period");
      period.ele("period-start", { "iso-date": day(r.summit.date) < day(m.dueDate) ? day(r.summit.date) : day(m.dueDate) });
      period.ele("period-end", { "iso-date": day(m.dueDate) });
      period.ele("target", { value: "1" });
      const actual = period.ele("actual", { value: m.status === "done" ? "1" : "0" });
      if (m.completedOn) actual.ele("comment").ele("narrative").txt(`Completed on ${day(m.completedOn)}`);
    }
  }
  return doc.end({ prettyPrint: true });
}

/** Whole-number percentages that add up to 100. */
function splitPercent(n: number): number[] {
  const base = Math.floor(100 / n);
  return Array.from({ length: n }, (_, i) => base + (i < 100 - base * n ? 1 : 0));
}

