// Proposal references ("CAJ25-07"). Raw SQL because the largest number in use must be compared
// as a number: as text, CAJ25-99 sorts after CAJ25-100. Runs inside the creating transaction.
import { sql } from "~/lib/sql.server";
import type { Tx } from "~/db.server";
import { dialect } from "~/lib/sql-dialect.server";
import { column, rowParser } from "~/lib/sql-rows.server";

// MAX over no rows is NULL.
const highestRow = rowParser("highest reference number", { n: column.intOrNull });

/** The largest number after `prefix` among the references that start with it; 0 when none does. */
export async function highestReferenceNumber(tx: Tx, prefix: string): Promise<number> {
  const reference = sql`"reference"`;
  // substr rather than LIKE: the same case-sensitive test on SQLite and PostgreSQL, and no
  // wildcard characters to escape.
  const row = highestRow.one(
    await tx.$queryRaw`
      SELECT MAX(${dialect.integerFrom(reference, prefix.length + 1)}) AS "n"
      FROM "Proposal" WHERE substr(${reference}, 1, ${prefix.length}) = ${prefix}`,
  );
  return row.n ?? 0;
}
