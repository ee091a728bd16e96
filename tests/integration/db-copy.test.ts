// npm run db:copy (issue 13 item 5): every row of every table from one database to another, read
// in one snapshot and written in one transaction, then checked on the target (counts, digests,
// search index, audit chain). On real databases: this file's own (SQLite, or PostgreSQL with
// TEST_POSTGRES_URL) as the seeded source, SQLite files and PostgreSQL databases as targets.
import { execFile, execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { databaseTarget } from "~/db.server";
import { copyDatabase, CopyRefusal, type CopySummary } from "~/lib/db-copy.server";
import { chainHeadOf, verifyChain } from "~/modules/audit/verify.server";
import { addComment } from "~/modules/comments/service.server";
import { ftsQuery, tsQuery } from "~/modules/proposals/search.server";
import { postProgressUpdate } from "~/modules/proposals/service.server";
import { actor, ctx, seedAndAgree } from "../support/factories";
import { testDatabaseUrl } from "../support/per-file-db";
import { TEMPLATE_DB, TMP_DIR } from "../support/paths";
import { onPostgres, onServer, postgresUrl, quoteName, TEMPLATE_PG_DATABASE } from "../support/postgres";
import { checkoutKey } from "../support/postgres-server.js";
import { sqlAll, sqlConnection } from "../support/sql";

const COMMENT = "Copied along with everything else.";
const TABLES = [
  "Summit",
  "SummitCountry",
  "StoredFile",
  "SourceDocument",
  "ProposalFollowUp",
  "User",
  "Session",
  "Proposal",
  "ProposalCountry",
  "Milestone",
  "ProgressUpdate",
  "Watch",
  "Comment",
  "CommentMention",
  "Submission",
  "SavedView",
  "AuditEvent",
];

let made = 0;
const pgDatabases: string[] = [];

/** The migrated SQLite template: the run's own, or (on PostgreSQL, where the run has none) one migrated here. */
function sqliteTemplate(): string {
  if (fs.existsSync(TEMPLATE_DB)) return TEMPLATE_DB;
  const file = path.join(TMP_DIR, `dbcopy-${process.pid}-template.db`);
  if (!fs.existsSync(file)) {
    execFileSync("node_modules/.bin/prisma", ["migrate", "deploy"], { env: { ...process.env, DATABASE_URL: `file:${file}` }, stdio: "pipe" });
  }
  return file;
}

/** A migrated, empty SQLite file of this run (a copy of the migrated template). */
function emptySqlite(): string {
  const file = path.join(TMP_DIR, `dbcopy-${process.pid}-${++made}.db`);
  fs.copyFileSync(sqliteTemplate(), file);
  return `file:${file}`;
}

/** A migrated, empty PostgreSQL database (a copy of the migrated template), dropped after the file. */
async function emptyPostgres(): Promise<string> {
  const name = `dbcopy_${checkoutKey}_${process.pid}_${++made}`;
  await onServer(`CREATE DATABASE ${quoteName(name)} TEMPLATE ${quoteName(TEMPLATE_PG_DATABASE)}`);
  pgDatabases.push(name);
  return postgresUrl(name);
}

afterAll(async () => {
  for (const name of pgDatabases) await onServer(`DROP DATABASE IF EXISTS ${quoteName(name)} WITH (FORCE)`);
  for (const file of fs.readdirSync(TMP_DIR).filter((f) => f.startsWith(`dbcopy-${process.pid}-`))) fs.rmSync(path.join(TMP_DIR, file), { force: true });
});

type Run = { code: number; stdout: string; stderr: string };

/** The CLI as an operator runs it, with DATABASE_URL naming this file's database. */
function cli(args: string[]): Promise<Run> {
  return new Promise((resolve) =>
    execFile("node_modules/.bin/tsx", ["scripts/db-copy.ts", ...args], { env: { ...process.env, DATABASE_URL: testDatabaseUrl } }, (error, stdout, stderr) =>
      resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    ),
  );
}

/** Row counts of every model table in `url`. */
async function counts(url: string): Promise<Record<string, number>> {
  const conn = await sqlConnection(url);
  try {
    const result: Record<string, number> = {};
    for (const table of TABLES) result[table] = Number((await conn.all<{ n: number }>(`SELECT COUNT(*) AS "n" FROM "${table}"`))[0].n);
    return result;
  } finally {
    await conn.close();
  }
}

/** The ids of the proposals the full-text search of `url` finds for `words`, as the app searches it. */
async function search(url: string, words: string): Promise<string[]> {
  const conn = await sqlConnection(url);
  try {
    const rows = /^postgres/.test(url)
      ? await conn.all<{ id: string }>(`SELECT "id" FROM "ProposalSearch" WHERE "document" @@ to_tsquery('simple', ?)`, tsQuery(words)!)
      : await conn.all<{ id: string }>(
          `SELECT p."id" FROM "Proposal" p WHERE p.rowid IN (SELECT rowid FROM "ProposalSearch" WHERE "ProposalSearch" MATCH ?)`,
          ftsQuery(words)!,
        );
    return rows.map((r) => r.id);
  } finally {
    await conn.close();
  }
}

const digests = (summary: CopySummary) => Object.fromEntries(summary.tables.map((t) => [t.table, `${t.targetRows}:${t.targetDigest}`]));
const chainTarget = (url: string) => url.replace(/^file:/, "");

let proposal: { id: string; title: string };

beforeAll(async () => {
  // The real seed, then writes of the kinds an installation has: transitions, an update, a comment.
  const { analyst, manager, p } = await seedAndAgree("CAJ25-09");
  await postProgressUpdate(analyst, p.id, { health: "at_risk", body: "Waiting for the fund." }, ctx);
  await addComment(analyst, p.id, { body: COMMENT, mentions: [manager.id] }, ctx);
  proposal = p;
});

describe("db:copy", () => {
  it("copies the seeded database into a new SQLite file (the CLI, --migrate): every row, the chain, the search index", async () => {
    const file = path.join(TMP_DIR, `dbcopy-${process.pid}-cli.db`);
    const result = await cli(["--to", `file:${file}`, "--migrate"]);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^ {2}AuditEvent: \d+ rows/m);
    expect(result.stdout).toContain("search index: 44 of 44 proposals indexed");
    expect(result.stdout).toContain("Copied and verified");
    expect(result.stdout).not.toContain("MISMATCH");

    const before = await counts(testDatabaseUrl);
    expect(before.Comment).toBe(1);
    expect(await counts(`file:${file}`)).toEqual(before);
    // The chain verifies on the copy and ends where the source's ends.
    const chain = await verifyChain(file);
    expect(chain).toMatchObject({ ok: true, head: await chainHeadOf(databaseTarget) });
    expect(chain.count).toBe(before.AuditEvent);
    const copied = await sqlConnection(`file:${file}`);
    expect(await copied.all(`SELECT "body", "proposalId" FROM "Comment"`)).toEqual([{ body: COMMENT, proposalId: proposal.id }]);
    expect(await copied.all(`SELECT "status" FROM "Proposal" WHERE "id" = ?`, proposal.id)).toEqual([{ status: "agreed" }]);
    await copied.close();
    // Search on the copy finds the proposal by words of its title.
    expect(await search(`file:${file}`, proposal.title.split(" ").slice(0, 3).join(" "))).toContain(proposal.id);
  });

  it("copies one snapshot of the source: a write made while the copy runs is not in the target", async () => {
    const before = await counts(testDatabaseUrl);
    const analyst = await actor("analyst@example.org");
    const target = emptySqlite();
    const summary = await copyDatabase({
      from: testDatabaseUrl,
      to: target,
      // After the first table, before the updates and audit events are read: an update, and its audit event.
      log: async (line) => {
        if (line.startsWith("  Summit:")) await postProgressUpdate(analyst, proposal.id, { health: "on_track", body: "Written during the copy." }, ctx);
      },
    });
    expect(summary.ok).toBe(true);
    const after = await counts(testDatabaseUrl);
    expect([after.ProgressUpdate, after.AuditEvent]).toEqual([before.ProgressUpdate + 1, before.AuditEvent + 1]);
    expect(await counts(target)).toEqual(before);
  });

  it("refuses a target that already has rows (exit 2) and leaves it as it was", async () => {
    const target = emptySqlite();
    expect((await copyDatabase({ from: testDatabaseUrl, to: target })).ok).toBe(true);
    const before = await counts(target);
    await expect(copyDatabase({ from: testDatabaseUrl, to: target })).rejects.toThrow(
      /is not empty: Summit \(4\), SummitCountry \(24\), StoredFile \(2\), User \(5\)/,
    );
    expect(await counts(target)).toEqual(before);
    const result = await cli(["--to", target]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/is not empty/);
  });

  it("refuses a source table it does not know how to copy, rather than skipping it", async () => {
    const source = emptySqlite();
    expect((await copyDatabase({ from: testDatabaseUrl, to: source })).ok).toBe(true);
    const conn = await sqlConnection(source);
    await conn.exec(`CREATE TABLE "Notes" ("id" TEXT PRIMARY KEY); INSERT INTO "Notes" VALUES ('kept');`);
    await conn.close();
    const target = emptySqlite();
    const refused = copyDatabase({ from: source, to: target });
    await expect(refused).rejects.toBeInstanceOf(CopyRefusal);
    await expect(refused).rejects.toThrow(/has table\(s\) the copy does not know how to handle: Notes\. Nothing was copied\./);
    expect(Object.values(await counts(target)).every((n) => n === 0)).toBe(true);
  });

  it("a target that does not keep what it was given fails the check after the copy (exit 1 in the CLI)", async () => {
    const target = emptySqlite();
    const conn = await sqlConnection(target);
    await conn.exec(`CREATE TRIGGER "Summit_meddle" AFTER INSERT ON "Summit" BEGIN UPDATE "Summit" SET "place" = 'elsewhere' WHERE "id" = new."id"; END;`);
    await conn.close();
    const result = await cli(["--to", target]);
    expect(result.code).toBe(1);
    const mismatches = result.stdout.split("\n").filter((line) => line.includes("MISMATCH"));
    expect(mismatches).toHaveLength(1);
    expect(mismatches[0]).toMatch(/^Summit +4 rows +digest [0-9a-f]{16} +MISMATCH$/);
    expect(result.stdout).toContain("The copy does NOT match its source");
  });

  it("refuses a target that is not migrated, and says how to migrate it", async () => {
    const missing = path.join(TMP_DIR, `dbcopy-${process.pid}-missing.db`);
    await expect(copyDatabase({ from: testDatabaseUrl, to: `file:${missing}` })).rejects.toThrow(/does not exist \(give --migrate/);
    const empty = path.join(TMP_DIR, `dbcopy-${process.pid}-blank.db`);
    fs.writeFileSync(empty, "");
    // Every migration of the SQLite folder is missing from a blank file.
    const migrations = fs.readdirSync("prisma/migrations", { withFileTypes: true }).filter((d) => d.isDirectory()).length;
    await expect(copyDatabase({ from: testDatabaseUrl, to: `file:${empty}` })).rejects.toThrow(
      new RegExp(`is not migrated \\(${migrations} migration\\(s\\) not applied.*give --migrate`),
    );
  });

  it.each([
    { args: ["--to", "x.db", "--frobnicate"], code: 2, message: /^Unknown option '--frobnicate'/ },
    { args: [], code: 2, message: /^Give the target database with --to\./ },
    { args: ["--to", "mysql://root@127.0.0.1/summit"], code: 2, message: /^--to mysql:\/\/root@127\.0\.0\.1\/summit is neither a SQLite file/ },
    { args: ["--to", "SAME"], code: 2, message: /^The source and the target are the same database/ },
    {
      args: ["--to", "postgresql://nobody@127.0.0.1:1/none"],
      code: 1,
      message: /^db:copy from .* failed: Cannot connect to postgresql:\/\/nobody@127\.0\.0\.1:1\/none: connect ECONNREFUSED/,
    },
    { args: ["--from", "file:/nonexistent/summit.db", "--to", "file:/nonexistent/other.db"], code: 2, message: /^\/nonexistent\/summit\.db does not exist\./ },
  ])("refuses $args with one clear line, no stack trace (exit $code)", async ({ args, code, message }) => {
    const result = await cli(args.map((a) => (a === "SAME" ? testDatabaseUrl : a)));
    expect(result.code).toBe(code);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).not.toMatch(/^\s+at /m);
    expect(result.stdout).toBe("");
  });
});

// Across providers: needs a PostgreSQL server (TEST_POSTGRES_URL), where this file's seeded
// database is itself on PostgreSQL.
describe.skipIf(!onPostgres)("db:copy between SQLite and PostgreSQL", () => {
  it("PostgreSQL → SQLite → PostgreSQL → SQLite: the same digests end to end, audit:verify passes on the PostgreSQL copy, search works there", async () => {
    const sqliteCopy = emptySqlite();
    const first = await copyDatabase({ from: testDatabaseUrl, to: sqliteCopy });
    expect(first.ok).toBe(true);
    const pgCopy = await emptyPostgres();
    const second = await copyDatabase({ from: sqliteCopy, to: pgCopy });
    expect(second.ok).toBe(true);
    const back = emptySqlite();
    const third = await copyDatabase({ from: pgCopy, to: back });
    expect(third.ok).toBe(true);
    expect(digests(second)).toEqual(digests(first));
    expect(digests(third)).toEqual(digests(first));
    expect(await counts(back)).toEqual(await counts(testDatabaseUrl));

    // The real audit:verify script, with DATABASE_URL naming the PostgreSQL copy.
    const verified = await new Promise<Run>((resolve) =>
      execFile("node_modules/.bin/tsx", ["scripts/audit-verify.ts"], { env: { ...process.env, DATABASE_URL: pgCopy } }, (error, stdout, stderr) =>
        resolve({ code: error ? 1 : 0, stdout, stderr }),
      ),
    );
    expect(verified.code).toBe(0);
    const head = await chainHeadOf(databaseTarget);
    expect(verified.stdout).toContain(`OK: ${head.seq} events verified. Head ${head.seq}:${head.hash}`);
    expect(await verifyChain(chainTarget(back))).toMatchObject({ ok: true, head });
    expect(await search(pgCopy, proposal.title.split(" ").slice(0, 3).join(" "))).toContain(proposal.id);
    // Booleans and dates arrived as the app wrote them: Prisma on the copy would read the same.
    const original = await sqlAll(`SELECT "id", "historical", "targetDate", "updatedAt" FROM "Proposal" ORDER BY "id"`);
    const conn = await sqlConnection(pgCopy);
    expect(await conn.all(`SELECT "id", "historical", "targetDate", "updatedAt" FROM "Proposal" ORDER BY "id"`)).toEqual(original);
    // The refusals hold on PostgreSQL too: a target with rows, a table the copy does not know.
    await expect(copyDatabase({ from: sqliteCopy, to: pgCopy })).rejects.toThrow(/is not empty: Summit \(4\)/);
    await conn.exec(`CREATE TABLE "Notes" ("id" TEXT PRIMARY KEY)`);
    await conn.close();
    await expect(copyDatabase({ from: pgCopy, to: emptySqlite() })).rejects.toThrow(/does not know how to handle: Notes\./);
  });
});
