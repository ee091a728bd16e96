// npm run -s intake:candidates -- --file F [--lang en|ru] [--date YYYY-MM-DD]
// Reads any document the intake reads (PDF, DOCX, HTML, text) and prints its candidate
// commitments, one JSON object a line, and nothing else on stdout: a refusal goes to stderr (exit 1).
import fs from "node:fs";
import { findCandidates } from "../app/modules/intake/candidates";
import { extractDocument, isRefusal } from "../app/modules/intake/extract.server";
import { isLanguage, LANGUAGES } from "../app/modules/intake/language";
import { parseCommandLine, refuse } from "./args";

const USAGE = `npm run -s intake:candidates -- --file F [--lang ${LANGUAGES.join("|")}] [--date YYYY-MM-DD]`;
const { values } = parseCommandLine(USAGE, { file: { type: "string" }, lang: { type: "string" }, date: { type: "string" } });
if (!values.file) refuse(USAGE, "--file is required.");
if (values.lang !== undefined && !isLanguage(values.lang)) refuse(USAGE, `--lang must be one of ${LANGUAGES.join(", ")}.`);
if (values.date !== undefined && !(/^\d{4}-\d{2}-\d{2}$/.test(values.date) && !Number.isNaN(Date.parse(values.date))))
  refuse(USAGE, "--date must be a date, YYYY-MM-DD.");

let bytes: Uint8Array;
try {
  bytes = fs.readFileSync(values.file);
} catch (error) {
  console.error(`Cannot read ${values.file}: ${(error as Error).message}`);
  process.exit(1);
}
const document = await extractDocument(bytes, { fileName: values.file });
if (isRefusal(document)) {
  console.error(`${document.error}: ${document.message}`);
  process.exit(1);
}
const lang = isLanguage(values.lang) ? values.lang : (document.language ?? "en");
for (const c of findCandidates(document.text, { lang, eventDate: values.date })) {
  const { quote, title, area, party, countries, targetDate, place, cue, start, end } = c;
  process.stdout.write(`${JSON.stringify({ quote, title, area, party, countries, targetDate, place, cue, start, end })}\n`);
}
