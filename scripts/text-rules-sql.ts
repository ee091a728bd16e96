// The character rules of app/modules/proposals/text.ts (FORBIDDEN_ANYWHERE, and LINE_BREAKS in
// single-line fields) as SQL for each provider: SQLite BEFORE triggers (it cannot add CHECKs to
// existing tables) and PostgreSQL CHECK constraints. The migration generators
// (scripts/text-triggers-sql.ts, scripts/pg-rules-sql.ts) and later migrations' text rules come
// from here, so every table is held to the same definition.
import { FORBIDDEN_ANYWHERE, LINE_BREAKS } from "../app/modules/proposals/text";

type Range = readonly [number, number];
export type TextColumn = readonly [column: string, multiline: boolean];
const singleLine = [...FORBIDDEN_ANYWHERE, ...LINE_BREAKS].sort((x, y) => x[0] - y[0]);

const sqliteClass = (ranges: readonly Range[]) => {
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
const sqliteMulti = sqliteClass(FORBIDDEN_ANYWHERE);
const sqliteSingle = sqliteClass(singleLine);
const bytes = (col: string) => ["00", "EFBFBE", "EFBFBF"].map((b) => `instr(CAST(${col} AS BLOB), x'${b}') > 0`).join(" OR ");
const sqliteCondition = (col: string, multiline: boolean) => `(NEW."${col}" GLOB ${multiline ? sqliteMulti : sqliteSingle} OR ${bytes(`NEW."${col}"`)})`;

/** The insert and update triggers that hold `table`'s text columns to the rules (SQLite). */
export function sqliteTextTriggers(table: string, columns: readonly TextColumn[]): string {
  const when = columns.map(([c, m]) => sqliteCondition(c, m)).join("\n  OR ");
  let out = "";
  for (const ev of ["INSERT", `UPDATE OF ${columns.map(([c]) => `"${c}"`).join(", ")}`]) {
    const name = `${table}_text_${ev.startsWith("INSERT") ? "insert" : "update"}`;
    out += `\nCREATE TRIGGER "${name}" BEFORE ${ev} ON "${table}"\nWHEN ${when}\nBEGIN\n  SELECT RAISE(ABORT, '${table}: text contains a character that is not allowed');\nEND;\n`;
  }
  return out;
}

const pgEscape = (cp: number) => (cp > 0xffff ? `\\U${cp.toString(16).padStart(8, "0")}` : `\\u${cp.toString(16).padStart(4, "0")}`);
const pgClass = (ranges: readonly Range[]) =>
  `'[${ranges
    .map(([a0, b]) => [Math.max(a0, 1), b] as const)
    .map(([a, b]) => (a === b ? pgEscape(a) : `${pgEscape(a)}-${pgEscape(b)}`))
    .join("")}]'`;
const pgMulti = pgClass(FORBIDDEN_ANYWHERE);
const pgSingle = pgClass(singleLine);

/** The CHECK constraint that holds `table`'s text columns to the rules (PostgreSQL). */
export function pgTextCheck(table: string, columns: readonly TextColumn[]): string {
  const check = columns.map(([c, m]) => `"${c}" !~ ${m ? pgMulti : pgSingle}`).join("\n    AND ");
  return `ALTER TABLE "${table}" ADD CONSTRAINT "${table}_text" CHECK (\n    ${check}\n);\n`;
}
