import { describe, expect, it } from "vitest";
import { column, rowParser, RowShapeError } from "~/lib/sql-rows.server";

describe("raw row parsers", () => {
  const row = rowParser("test row", {
    n: column.int,
    flag: column.bool,
    at: column.date,
    when: column.instant,
    maybe: column.textOrNull,
    status: column.oneOf(["planned", "done"]),
  });

  it("read what every driver gives for a column as one JS type", () => {
    const fromPrisma = {
      n: BigInt(3),
      flag: true,
      at: new Date("2026-01-02T03:04:05.678Z"),
      when: new Date("2026-01-02T03:04:05.678Z"),
      maybe: null,
      status: "done",
    };
    const fromSqlite = { n: 3, flag: 1, at: "2026-01-02T03:04:05.678+00:00", when: "2026-01-02T03:04:05.678+00:00", maybe: "x", status: "done" };
    const a = row.one([fromPrisma]);
    const b = row.one([fromSqlite]);
    expect(a).toEqual({ ...b, maybe: null });
    expect(b).toEqual({ n: 3, flag: true, at: new Date("2026-01-02T03:04:05.678Z"), when: "2026-01-02T03:04:05.678Z", maybe: "x", status: "done" });
  });

  it("name the query and the column when a row does not have its shape", () => {
    const good = { n: 1, flag: false, at: new Date(), when: new Date(), maybe: null, status: "planned" };
    expect(() => row.rows([{ ...good, status: "bogus" }])).toThrow(RowShapeError);
    expect(() => row.rows([{ ...good, status: "bogus" }])).toThrow(/test row: column "status": expected one of planned, done, got string "bogus"/);
    // An alias PostgreSQL folded to lower case, or a typo, is a missing column.
    const { maybe: _, ...missing } = good;
    expect(() => row.rows([missing])).toThrow(/column "maybe": expected text, got no such column/);
    expect(() => row.rows([{ ...good, n: 1.5 }])).toThrow(/column "n": expected an integer/);
    expect(() => row.rows([{ ...good, n: BigInt(2) ** BigInt(60) }])).toThrow(/expected an integer/);
    expect(() => row.rows([{ ...good, at: "not a date" }])).toThrow(/column "at": expected a date-time/);
    expect(() => row.rows([{ ...good, flag: 2 }])).toThrow(/expected a boolean/);
    expect(() => row.one([])).toThrow(/exactly one row/);
    expect(() => row.rows("nope")).toThrow(/expected rows/);
  });

  it("keep only the declared columns", () => {
    const parsed = rowParser("narrow", { a: column.text }).rows([{ a: "x", extra: 1 }]);
    expect(parsed).toEqual([{ a: "x" }]);
    expect(rowParser("narrow", { a: column.text }).optional(undefined)).toBeUndefined();
  });
});
