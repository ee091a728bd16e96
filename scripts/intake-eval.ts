// npm run intake:eval — measures the intake's rules: recall and candidate count on the summit
// report against the demo data's 25 proposals, agreement of area and party, the time to read and
// find, and the same figures for the hand-labelled Russian fixtures (tests/fixtures/intake/).
import fs from "node:fs";
import { performance } from "node:perf_hooks";
import { evaluateFixtures, evaluateSummitReport, readAndFind, SUMMIT_DATE, SUMMIT_REPORT, type Evaluation } from "./intake-evaluation";

const RUNS = 9;
const ms = (n: number) => `${n.toFixed(1)} ms`;
const share = ({ some, best, of }: { some: number; best: number; of: number }) => `${some}/${of} (the candidate overlapping most: ${best}/${of})`;

function printEvaluation(e: Evaluation, indent = "") {
  console.log(
    `${indent}Recall: ${e.found.length}/${e.labels}${e.missed.length ? ` — missed: ${e.missed.map((l) => l.reference).join(", ")}` : " — none missed"}`,
  );
  if (e.unlocated.length) console.log(`${indent}Labels whose quote is not in the text: ${e.unlocated.map((l) => l.reference).join(", ")}`);
  console.log(`${indent}Candidates: ${e.candidates.length}, of which ${e.unmatched.length} overlap no labelled commitment`);
  for (const c of e.unmatched) console.log(`${indent}  unmatched: ${JSON.stringify(c.quote.slice(0, 100))}`);
  console.log(`${indent}Area agrees: ${share(e.agreement.area)}`);
  console.log(`${indent}Party agrees: ${share(e.agreement.party)}`);
  if (e.agreement.place.of) console.log(`${indent}Place agrees: ${share(e.agreement.place)}`);
  for (const m of e.found) {
    const c = m.candidates[0];
    const differs = (["area", "party", "place"] as const).filter((f) => m.label[f] !== undefined && c[f] !== m.label[f]);
    if (differs.length) console.log(`${indent}  ${m.label.reference}: ${differs.map((f) => `${f} labelled ${m.label[f]}, found ${c[f]}`).join("; ")}`);
  }
}

const summit = await evaluateSummitReport();
console.log(`Summit report ${SUMMIT_REPORT} (event ${SUMMIT_DATE}) against the 25 demo proposals CAJ25-01..25`);
console.log(`All ${summit.labels - summit.unlocated.length} of ${summit.labels} source quotes are verbatim substrings of the extracted text`);
printEvaluation(summit);
console.log(`Targets: ≥ 23/25 found with ≤ 40 candidates — ${summit.found.length >= 23 && summit.candidates.length <= 40 ? "met" : "NOT MET"}`);

const bytes = fs.readFileSync(SUMMIT_REPORT);
const times: number[] = [];
for (let i = 0; i < RUNS; i++) {
  const t0 = performance.now();
  await readAndFind(bytes, "en", SUMMIT_DATE);
  times.push(performance.now() - t0);
}
times.sort((a, b) => a - b);
console.log(`Extraction + candidates: median ${ms(times[Math.floor(RUNS / 2)])} of ${RUNS} runs (slowest ${ms(times.at(-1)!)}; limit 1 s)`);

let found = 0;
let labels = 0;
let candidates = 0;
for (const f of await evaluateFixtures("ru")) {
  console.log(`\nRussian fixture ${f.name}`);
  printEvaluation(f, "  ");
  console.log(`  Background sentences taken as candidates: ${f.backgroundTaken.length}`);
  found += f.found.length;
  labels += f.labels;
  candidates += f.candidates.length;
}
console.log(`\nRussian fixtures in all: recall ${found}/${labels}, ${candidates} candidates`);
