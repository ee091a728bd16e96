import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { prepared } from "~/lib/sqlite-statements.server";

describe("prepared statements on the bare connections", () => {
  it("are compiled once per connection and SQL text, and give integers as numbers", () => {
    const a = new Database(":memory:");
    const b = new Database(":memory:");
    a.defaultSafeIntegers(true); // as the Prisma adapter sets its connection
    try {
      const sql = 'SELECT 41 + ? AS "n"';
      expect(prepared(a, sql)).toBe(prepared(a, sql));
      expect(prepared(a, sql)).not.toBe(prepared(b, sql));
      expect(prepared(a, sql)).not.toBe(prepared(a, 'SELECT 2 AS "n"'));
      expect(prepared(a, sql).get(1)).toEqual({ n: 42 });
    } finally {
      a.close();
      b.close();
    }
  });
});
