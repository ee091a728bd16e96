// Prints the SQL of migration 20261201000000_forbidden_characters from the ranges in
// app/modules/proposals/text.ts: `npx tsx scripts/text-triggers-sql.ts > prisma/migrations/…/migration.sql`.
import { FORBIDDEN_ANYWHERE, LINE_BREAKS } from "../app/modules/proposals/text";
import { TEXT_COLUMNS } from "./text-columns";
type R = readonly [number, number];
const cls = (ranges: readonly R[]) => {
  const codes: number[] = [];
  for (const [a0, b] of ranges) {
    // NUL cannot sit in a pattern, and SQLite reads U+FFFE/U+FFFF as U+FFFD when matching:
    // those three are found by their bytes instead.
    if (a0 === 0xfffe) continue;
    const a = Math.max(a0, 1);
    if (a === b) codes.push(a);
    else codes.push(a, 45, b);
  }
  return `'*[' || char(${codes.join(", ")}) || ']*'`;
};
const multi = cls(FORBIDDEN_ANYWHERE);
const single = cls([...FORBIDDEN_ANYWHERE, ...LINE_BREAKS].sort((x, y) => x[0] - y[0]));
const bytes = (col: string) => ["00", "EFBFBE", "EFBFBF"].map((b) => `instr(CAST(${col} AS BLOB), x'${b}') > 0`).join(" OR ");
const cond = (col: string, m: boolean) => `(NEW."${col}" GLOB ${m ? multi : single} OR ${bytes(`NEW."${col}"`)})`;
let out = `-- Refuse the characters that app/modules/proposals/text.ts refuses (FORBIDDEN_ANYWHERE, and
-- LINE_BREAKS in single-line fields), so no writer can store what the forms would reject.
-- SQLite cannot add CHECK constraints to existing tables, so these are BEFORE triggers.
-- GLOB ranges compare Unicode code points; NUL cannot appear in a pattern and SQLite reads
-- U+FFFE/U+FFFF as U+FFFD when matching, so those three are found with instr() on the bytes. tests/integration/forbidden-characters.test.ts compares this with the
-- zod rule over every code point.
`;
// SavedView came later, with its own migration (20261202020000_saved_views).
for (const [t, cols] of TEXT_COLUMNS.filter(([table]) => table !== "SavedView")) {
  const when = cols.map(([c, m]) => cond(c, m)).join("\n  OR ");
  for (const ev of ["INSERT", `UPDATE OF ${cols.map(([c]) => `"${c}"`).join(", ")}`]) {
    const name = `${t}_text_${ev.startsWith("INSERT") ? "insert" : "update"}`;
    out += `\nCREATE TRIGGER "${name}" BEFORE ${ev} ON "${t}"\nWHEN ${when}\nBEGIN\n  SELECT RAISE(ABORT, '${t}: text contains a character that is not allowed');\nEND;\n`;
  }
}
process.stdout.write(out);
