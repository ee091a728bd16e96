// How well the intake's rules find the commitments of labelled documents: the summit report
// against the demo data's 25 proposals, and the Russian fixtures against their hand labels. Shared
// by `npm run intake:eval` (which prints it) and the unit test that holds the thresholds.
import fs from "node:fs";
import path from "node:path";
import { findCandidates, type Candidate } from "../app/modules/intake/candidates";
import { extractDocument, isRefusal } from "../app/modules/intake/extract.server";
import type { Language } from "../app/modules/intake/language";

export const SUMMIT_REPORT = "prisma/sources/001_919d899f44ccd421.txt";
export const SUMMIT_DATE = "2025-12-20";
export const FIXTURES_DIR = "tests/fixtures/intake";

export type Label = { reference: string; quote: string; area?: string | null; party?: string | null; place?: string | null; targetDate?: string | null };
type Span = { start: number; end: number };

const overlap = (a: Span, b: Span) => Math.min(a.end, b.end) - Math.max(a.start, b.start);

export type Match = { label: Label; span: Span; candidates: Candidate[] };

export type Evaluation = {
  labels: number;
  /** Labels whose quote is not in the text (a broken label, not a miss). */
  unlocated: Label[];
  found: Match[];
  missed: Label[];
  candidates: Candidate[];
  /** Candidates that overlap no label. */
  unmatched: Candidate[];
  /** Per field: matched labels where some overlapping candidate agrees, and where the one overlapping most does. */
  agreement: Record<"area" | "party" | "place", { some: number; best: number; of: number }>;
};

/** A label is found when some candidate's [start, end) overlaps the span of its quote (located with indexOf). */
export function evaluate(text: string, labels: readonly Label[], candidates: Candidate[]): Evaluation {
  const unlocated: Label[] = [];
  const found: Match[] = [];
  const missed: Label[] = [];
  for (const label of labels) {
    const at = text.indexOf(label.quote);
    if (at === -1) {
      unlocated.push(label);
      continue;
    }
    const span = { start: at, end: at + label.quote.length };
    const hits = candidates.filter((c) => overlap(c, span) > 0).sort((a, b) => overlap(b, span) - overlap(a, span));
    if (hits.length > 0) found.push({ label, span, candidates: hits });
    else missed.push(label);
  }
  const unmatched = candidates.filter((c) => !found.some((m) => overlap(c, m.span) > 0));
  const agree = (field: "area" | "party" | "place") => {
    const judged = found.filter((m) => m.label[field] !== undefined);
    return {
      some: judged.filter((m) => m.candidates.some((c) => c[field] === m.label[field])).length,
      best: judged.filter((m) => m.candidates[0][field] === m.label[field]).length,
      of: judged.length,
    };
  };
  return {
    labels: labels.length,
    unlocated,
    found,
    missed,
    candidates,
    unmatched,
    agreement: { area: agree("area"), party: agree("party"), place: agree("place") },
  };
}

type DemoProposal = { reference: string; summit: string; historical?: boolean; sourceQuote: string; area: string; proposingParty: string };

/** The 25 proposals of the summit (not the historical records) as labels. */
export function summitLabels(): Label[] {
  const demo = JSON.parse(fs.readFileSync("prisma/demo-data.json", "utf8")) as { proposals: DemoProposal[] };
  return demo.proposals
    .filter((p) => p.summit === "caj-summit-2025" && !p.historical)
    .map((p) => ({ reference: p.reference, quote: p.sourceQuote, area: p.area, party: p.proposingParty }));
}

/** Reads a document as the intake does (extractDocument) and finds its candidates; throws on a refusal. */
export async function readAndFind(bytes: Uint8Array, lang: Language | undefined, eventDate: string) {
  const document = await extractDocument(bytes);
  if (isRefusal(document)) throw new Error(`${document.error}: ${document.message}`);
  return { text: document.text, candidates: findCandidates(document.text, { lang: lang ?? document.language ?? "en", eventDate }) };
}

export async function evaluateSummitReport(): Promise<Evaluation> {
  const { text, candidates } = await readAndFind(fs.readFileSync(SUMMIT_REPORT), "en", SUMMIT_DATE);
  return evaluate(text, summitLabels(), candidates);
}

/** A fixture's header ("# Source: …" lines, then a blank line) and the document after it. */
export function readFixture(file: string): { header: string[]; body: string } {
  const raw = fs.readFileSync(file, "utf8");
  const lines = raw.split("\n");
  const blank = lines.findIndex((l) => l.trim() === "");
  const header = lines.slice(0, blank).filter((l) => l.startsWith("# "));
  return { header, body: lines.slice(blank + 1).join("\n") };
}

type Expected = { language: Language; eventDate: string; commitments: Omit<Label, "reference">[]; notCommitments: string[] };

export type FixtureEvaluation = Evaluation & { name: string; backgroundTaken: string[] };

/** Every *.expected.json of the fixtures folder for the language, evaluated on its document. */
export async function evaluateFixtures(language: Language): Promise<FixtureEvaluation[]> {
  const names = fs
    .readdirSync(FIXTURES_DIR)
    .filter((f) => f.startsWith(`${language}-`) && f.endsWith(".expected.json"))
    .sort();
  const results: FixtureEvaluation[] = [];
  for (const name of names) {
    const expected = JSON.parse(fs.readFileSync(path.join(FIXTURES_DIR, name), "utf8")) as Expected;
    const { body } = readFixture(path.join(FIXTURES_DIR, name.replace(/\.expected\.json$/, ".txt")));
    const { text, candidates } = await readAndFind(new TextEncoder().encode(body), expected.language, expected.eventDate);
    const labels = expected.commitments.map((c, i) => ({ ...c, reference: `#${i + 1}` }));
    const result = evaluate(text, labels, candidates);
    const backgroundTaken = expected.notCommitments.filter((q) => {
      const at = text.indexOf(q);
      return at !== -1 && candidates.some((c) => overlap(c, { start: at, end: at + q.length }) > 0);
    });
    results.push({ ...result, name: name.replace(/\.expected\.json$/, ".txt"), backgroundTaken });
  }
  return results;
}
