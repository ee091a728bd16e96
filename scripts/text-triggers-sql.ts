// Prints the SQL of migration 20261201000000_forbidden_characters from the ranges in
// app/modules/proposals/text.ts: `npx tsx scripts/text-triggers-sql.ts > prisma/migrations/…/migration.sql`.
import { sqliteTextTriggers } from "./text-rules-sql";
import { TEXT_COLUMNS } from "./text-columns";
let out = `-- Refuse the characters that app/modules/proposals/text.ts refuses (FORBIDDEN_ANYWHERE, and
-- LINE_BREAKS in single-line fields), so no writer can store what the forms would reject.
-- SQLite cannot add CHECK constraints to existing tables, so these are BEFORE triggers.
-- GLOB ranges compare Unicode code points; NUL cannot appear in a pattern and SQLite reads
-- U+FFFE/U+FFFF as U+FFFD when matching, so those three are found with instr() on the bytes. tests/integration/forbidden-characters.test.ts compares this with the
-- zod rule over every code point.
`;
// SavedView came later, with its own migration (20261202020000_saved_views).
for (const [t, cols] of TEXT_COLUMNS.filter(([table]) => table !== "SavedView")) out += sqliteTextTriggers(t, cols);
process.stdout.write(out);
