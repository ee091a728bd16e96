// Issue 10 item 9: one definition of forbidden characters, in zod and in the database alike.
import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import Database from "better-sqlite3";
import { hasForbiddenCharacter } from "~/modules/proposals/text";
import { createProposalSchema, proposalFieldsSchema } from "~/modules/proposals/schemas";
import { seedDemoData } from "../../prisma/seed";
import { proposalByRef } from "../support/factories";
import { databaseTarget } from "~/db.server";
import { sqlConnection } from "../support/sql";

beforeAll(() => seedDemoData({ quiet: true }));

const MIGRATION = fs.readFileSync(path.resolve("prisma/migrations/20261201000000_forbidden_characters/migration.sql"), "utf8");
/** The GLOB patterns the triggers use, for single-line ("title") and multi-line ("summary") fields. */
function patternOf(column: string): string {
  const m = new RegExp(`NEW\\."${column}" GLOB ('\\*\\[' \\|\\| char\\([0-9, ]+\\) \\|\\| '\\]\\*')`).exec(MIGRATION);
  if (!m) throw new Error(`no pattern for ${column} in the migration`);
  return m[1];
}

const valid = { title: "A title", area: "digital", proposingParty: "UZ", countries: ["UZ"], priority: "medium" };

describe("forbidden characters", () => {
  it("the form refuses DEL, U+0085, U+009B, U+2028, U+FFFE and U+FFFF in a title, with a field error", () => {
    for (const bad of ["a\u007Fb", "a\u0085b", "a\u009Bb", "a\u2028b", "a\u2029b", "a\uFFFEb", "a\uFFFFb", "a\uFDD0b", "a\u{10FFFF}b", "a\tb", "a\uD800b"]) {
      const r = proposalFieldsSchema.safeParse({ ...valid, title: bad });
      expect(r.success, JSON.stringify(bad)).toBe(false);
      expect(r.error?.issues[0].path).toEqual(["title"]);
    }
  });

  it("ids a form sends refuse them too, so no lookup meets a NUL (PostgreSQL refuses NUL in any text: the fuzzer found a 500)", () => {
    for (const [field, bad] of [
      ["summitId", "\u0000"],
      ["summitId", "a\uFFFEb"],
      ["ownerId", "\u0000"],
    ] as const) {
      const r = createProposalSchema.safeParse({ ...valid, summitId: "s1", [field]: bad });
      expect(r.success, `${field} ${JSON.stringify(bad)}`).toBe(false);
      expect(r.error?.issues[0].path).toEqual([field]);
    }
    expect(createProposalSchema.safeParse({ ...valid, summitId: "s1" }).success).toBe(true);
  });

  it("multi-line fields keep tab, newline, CR and the line separators, and refuse the rest", () => {
    const ok = proposalFieldsSchema.safeParse({ ...valid, summary: "one\ttwo\r\nthree\u2028four" });
    expect(ok.success).toBe(true);
    const bad = proposalFieldsSchema.safeParse({ ...valid, summary: "one\u0085two" });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0].path).toEqual(["summary"]);
  });

  // Every code point, one Unicode plane per test (each well under a second), so no single test
  // runs long on a slow machine.
  const bytes = ["00", "EFBFBE", "EFBFBF"].map((b) => `instr(CAST(@s AS BLOB), x'${b}') > 0`).join(" OR ");
  it("the triggers find NUL, U+FFFE and U+FFFF by their bytes", () => {
    expect(MIGRATION).toContain(bytes.replaceAll("@s", 'NEW."title"'));
  });
  for (let plane = 0; plane <= 16; plane++) {
    it(`the database triggers and the zod rule agree on every code point of plane ${plane}`, () => {
      const conn = new Database(":memory:");
      const judge = conn.prepare(`SELECT (@s GLOB ${patternOf("title")} OR ${bytes}) AS single, (@s GLOB ${patternOf("summary")} OR ${bytes}) AS multi`).raw();
      const disagreements: string[] = [];
      for (let cp = plane * 0x10000; cp < (plane + 1) * 0x10000; cp++) {
        if (cp >= 0xd800 && cp <= 0xdfff) continue; // not encodable in UTF-8; zod refuses lone surrogates
        const s = `a${String.fromCodePoint(cp)}b`;
        const [single, multi] = judge.get({ s }) as [number, number];
        if (Boolean(single) !== hasForbiddenCharacter(s)) disagreements.push(`single U+${cp.toString(16)}`);
        if (Boolean(multi) !== hasForbiddenCharacter(s, { multiline: true })) disagreements.push(`multi U+${cp.toString(16)}`);
        if (disagreements.length > 20) break;
      }
      conn.close();
      expect(disagreements).toEqual([]);
    });
  }

  it("the database refuses them whatever the writer, on insert and update, and accepts ordinary text", async () => {
    // SQLite's triggers say "not allowed"; PostgreSQL's CHECKs are violated, and its text refuses NUL outright.
    const refused = /not allowed|violates check constraint|invalid byte sequence/;
    const raw = await sqlConnection(databaseTarget);
    try {
      const [p] = await raw.all<{ id: string }>(`SELECT "id" FROM "Proposal" LIMIT 1`);
      const update = (col: string, value: string) => raw.run(`UPDATE "Proposal" SET "${col}" = ? WHERE "id" = ?`, value, p.id);
      for (const bad of ["x\u0000y", "x\u007Fy", "x\u0085y", "x\u2028y", "x\u202Ey", "x\uFFFFy", "x\u{1FFFE}y", "x\ny"]) {
        await expect(update("title", bad), JSON.stringify(bad)).rejects.toThrow(refused);
      }
      await expect(update("summary", "x\u0085y")).rejects.toThrow(refused);
      await update("summary", "line one\nline two\ttabbed\u2028");
      await update("title", "Ташкент 東京 café 😀 — “quoted”");
      const [milestone] = await raw.all<{ id: string }>(`SELECT "id" FROM "Milestone" LIMIT 1`);
      await expect(raw.run(`UPDATE "Milestone" SET "note" = ? WHERE "id" = ?`, "a\u009Bb", milestone.id)).rejects.toThrow(refused);
      await expect(
        raw.run(
          `INSERT INTO "ProgressUpdate" ("id", "proposalId", "authorId", "health", "body", "createdAt")
           VALUES ('pu-test', ?, (SELECT "id" FROM "User" LIMIT 1), 'on_track', ?, ?)`,
          p.id,
          "bad\u0007bell",
          new Date(0),
        ),
      ).rejects.toThrow(refused);
      await expect(raw.run(`UPDATE "User" SET "name" = ? WHERE "email" = 'viewer@example.org'`, "Vi\newer")).rejects.toThrow(refused);
    } finally {
      await raw.close();
    }
  });

  it("the demo data holds none of them", async () => {
    const p = await proposalByRef("CAJ25-01");
    expect(hasForbiddenCharacter(p.title)).toBe(false);
  });
});
