// npm run audit:verify [-- --head <seq>:<hash>] [--database file:…|postgresql://…]
// Verifies the whole audit chain with a progress bar. Exit 0 and "OK" with the count and head
// hash, or exit 1 with the first bad sequence number and why.
import cliProgress from "cli-progress";
import { databaseTargetOf } from "../app/config/database-url.js";
import { parseHead } from "../app/modules/audit/chain";
import { verifyChain } from "../app/modules/audit/verify.server";
import { parseCommandLine, refuse } from "./args";

const USAGE = "npm run audit:verify [-- --head <seq>:<hash>] [--database file:…|postgresql://…]";
const { values } = parseCommandLine(USAGE, { head: { type: "string" }, database: { type: "string" } });
const target = databaseTargetOf(values.database ?? process.env.DATABASE_URL);
const headText = values.head;
const savedHead = headText ? parseHead(headText) : undefined;
if (headText && !savedHead) refuse(USAGE, `--head must look like <seq>:<64 hex characters>, got "${headText}"`);

const bar = new cliProgress.SingleBar(
  { format: "Verifying audit chain |{bar}| {percentage}% · {value}/{total} events", hideCursor: true, stream: process.stderr, noTTYOutput: false },
  cliProgress.Presets.shades_classic,
);
let started = false;
const result = await verifyChain(target, {
  savedHead: savedHead ?? undefined,
  onProgress(done, total) {
    if (!started) {
      bar.start(total, 0);
      started = true;
    }
    bar.update(done);
  },
});
if (started) bar.stop();

if (result.ok) {
  console.log(`OK: ${result.count} events verified. Head ${result.head.seq}:${result.head.hash}`);
  if (savedHead) console.log(`The saved head ${savedHead.seq} is intact.`);
} else {
  console.log(`FAILED at sequence ${result.problem.seq}: ${result.problem.reason}`);
  console.log(`${result.count} events verified before it.`);
  process.exit(1);
}
