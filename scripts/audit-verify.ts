// npm run audit:verify [-- --head <seq>:<hash>] [--database file:…|postgresql://…]
// Verifies the whole audit chain with a progress bar, then re-hashes every stored file (evidence,
// source documents) against the SHA-256 it is stored under, and checks each file evidence item
// against the hash its (chained) evidence.added event recorded. Exit 0 and "OK" with the counts
// and head hash, or exit 1 with the first bad sequence number, or each altered file, and why.
import cliProgress from "cli-progress";
import { databaseTargetOf } from "../app/config/database-url.js";
import { parseHead } from "../app/modules/audit/chain";
import { verifyChain, verifyStoredFiles } from "../app/modules/audit/verify.server";
import { parseCommandLine, refuse } from "./args";

const USAGE = "npm run audit:verify [-- --head <seq>:<hash>] [--database file:…|postgresql://…]";
const { values } = parseCommandLine(USAGE, { head: { type: "string" }, database: { type: "string" } });
const target = databaseTargetOf(values.database ?? process.env.DATABASE_URL);
const headText = values.head;
const savedHead = headText ? parseHead(headText) : undefined;
if (headText && !savedHead) refuse(USAGE, `--head must look like <seq>:<64 hex characters>, got "${headText}"`);

/** A progress bar on stderr that starts at the first report (when the total is known). */
function progressBar(what: string) {
  const bar = new cliProgress.SingleBar(
    { format: `Verifying ${what} |{bar}| {percentage}% · {value}/{total}`, hideCursor: true, stream: process.stderr, noTTYOutput: false },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  return {
    onProgress(done: number, total: number) {
      if (!started) {
        bar.start(total, 0);
        started = true;
      }
      bar.update(done);
    },
    stop: () => started && bar.stop(),
  };
}

const chainBar = progressBar("audit chain");
const result = await verifyChain(target, { savedHead: savedHead ?? undefined, onProgress: chainBar.onProgress });
chainBar.stop();

if (result.ok) {
  console.log(`OK: ${result.count} events verified. Head ${result.head.seq}:${result.head.hash}`);
  if (savedHead) console.log(`The saved head ${savedHead.seq} is intact.`);
} else {
  console.log(`FAILED at sequence ${result.problem.seq}: ${result.problem.reason}`);
  console.log(`${result.count} events verified before it.`);
}

const fileBar = progressBar("stored files");
const files = await verifyStoredFiles(target, { onProgress: fileBar.onProgress });
fileBar.stop();
if (files.ok) console.log(`OK: ${files.count} stored files match their SHA-256.`);
else {
  for (const p of files.problems) console.log(`FAILED: ${p.subject}: ${p.reason}`);
  console.log(`${files.count} stored files read; ${files.problems.length} problems.`);
}
if (!result.ok || !files.ok) process.exit(1);
