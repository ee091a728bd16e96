// The operator scripts: strict arguments (node:util parseArgs), and a backup that fails leaves
// nothing behind that could be taken for a backup, and says what failed and where (issue 21).
import Database from "better-sqlite3";
import { execFile, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { backupDatabase, checkDatabaseFile } from "~/lib/backup.server";
import { seedDemoData } from "../../prisma/seed";
import { databaseTarget } from "~/db.server";
import { chainHeadOf } from "~/modules/audit/verify.server";
import { testDatabaseFile, testDatabaseUrl } from "../support/per-file-db";
import { onPostgres } from "../support/postgres";

beforeAll(() => seedDemoData({ quiet: true }));

type Run = { code: number; stdout: string; stderr: string };

/** Runs a script on `database`: a SQLite file path, or a database URL. */
function run(script: string, args: string[], database = testDatabaseFile): Promise<Run> {
  return new Promise((resolve) =>
    execFile(
      "node_modules/.bin/tsx",
      [`scripts/${script}.ts`, ...args],
      { env: { ...process.env, DATABASE_URL: /^[a-z]+:/.test(database) ? database : `file:${database}` } },
      (error, stdout, stderr) => resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    ),
  );
}

const leftovers = (file: string) => fs.readdirSync(path.dirname(file)).filter((f) => f.startsWith(path.basename(file)));

describe("command-line scripts", () => {
  it.each(["db-backup", "db-restore", "audit-verify", "audit-head", "user-create"])(
    "%s refuses an unknown argument with its usage line (exit 2)",
    async (script) => {
      const result = await run(script, ["--frobnicate", "yes"]);
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/Unknown option '--frobnicate'/);
      expect(result.stderr).toMatch(/^Usage: npm run /m);
    },
  );

  it.each(["db-backup", "db-restore"])("%s on a PostgreSQL DATABASE_URL says to use pg_dump and pg_restore (exit 2), connecting to nothing", async (script) => {
    // Port 1 answers nobody: the refusal comes before any connection.
    const result = await run(script, ["--from", "x.db"].slice(script === "db-restore" ? 0 : 2), "postgresql://nobody@127.0.0.1:1/none");
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/PostgreSQL server: this command (backs up|restores) a SQLite file\. Use pg_dump and pg_restore/);
  });

  it("audit:head prints the head, and audit:verify checks the chain against it, on this provider's database", async () => {
    const head = await run("audit-head", [], testDatabaseUrl);
    expect(head.code).toBe(0);
    const saved = head.stdout.trim();
    expect(saved).toBe(`${(await chainHeadOf(databaseTarget)).seq}:${(await chainHeadOf(databaseTarget)).hash}`);
    const verified = await run("audit-verify", ["--head", saved], testDatabaseUrl);
    expect(verified.code).toBe(0);
    expect(verified.stdout).toContain(`OK: ${saved.split(":")[0]} events verified. Head ${saved}`);
    expect(verified.stdout).toContain("The saved head");
    // A head that was never there: refused, exit 1.
    const forged = await run("audit-verify", ["--head", `${saved.split(":")[0]}:${"f".repeat(64)}`], testDatabaseUrl);
    expect(forged.code).toBe(1);
    expect(forged.stdout).toMatch(/FAILED at sequence/);
  });
});

// db:backup copies the SQLite file (VACUUM INTO): SQLite only. On PostgreSQL, the audit CLI
// test above runs; backups there are the server's own tools' business.
describe.skipIf(onPostgres)("db:backup", () => {
  it("db:backup takes its target as a plain PATH too, and refuses two targets", async () => {
    const target = `${testDatabaseFile}.positional.db`;
    const result = await run("db-backup", [target]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`Backup written to ${target}`);
    expect(checkDatabaseFile(target)).toMatchObject({ integrity: "ok", chain: { ok: true } });
    fs.rmSync(target, { force: true });

    const twice = await run("db-backup", [target, "--to", `${target}.other`]);
    expect(twice.code).toBe(2);
    expect(twice.stderr).toMatch(/^Usage: /m);
    expect(fs.existsSync(target) || fs.existsSync(`${target}.other`)).toBe(false);
  });

  it("db:backup refuses to write over the live database itself", async () => {
    const before = fs.statSync(testDatabaseFile).ino;
    const result = await run("db-backup", [testDatabaseFile]);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(/onto itself/);
    expect(fs.statSync(testDatabaseFile).ino).toBe(before);
  });

  it("a backup that fails its check leaves no partial file and says what failed and where", async () => {
    // A source whose audit chain was tampered with: the copy is written, then fails its check.
    const source = `${testDatabaseFile}.tampered.db`;
    backupDatabase(testDatabaseFile, source);
    const conn = new Database(source);
    conn.exec(`DROP TRIGGER "AuditEvent_no_update"; UPDATE AuditEvent SET reason = 'tampered' WHERE seq = 3;`);
    conn.close();
    const target = `${testDatabaseFile}.from-tampered.db`;
    const result = await run("db-backup", ["--to", target], source);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`Backup failed while checking the copy ${target}.partial`);
    expect(leftovers(target)).toEqual([]);
    fs.rmSync(source, { force: true });
  });

  it("a backup onto a full filesystem leaves no partial file and says the target is full", async (context) => {
    const mountPoint = path.join(path.dirname(testDatabaseFile), `full-${process.pid}`);
    fs.mkdirSync(mountPoint, { recursive: true });
    const mounted = spawnSync("mount", ["-t", "tmpfs", "-o", "size=64k", "tmpfs", mountPoint], { encoding: "utf8" });
    if (mounted.status !== 0) {
      console.log(`skipped: cannot mount a small tmpfs here (${(mounted.stderr || String(mounted.error)).trim()}); the check-failure test covers the cleanup`);
      fs.rmSync(mountPoint, { recursive: true, force: true });
      context.skip();
    }
    try {
      const target = path.join(mountPoint, "summit.db");
      const result = await run("db-backup", [target]);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(`Backup failed while writing the copy to ${target}.partial`);
      expect(result.stderr).toMatch(/SQLITE_FULL.*filesystem is full/s);
      expect(fs.readdirSync(mountPoint)).toEqual([]);
    } finally {
      spawnSync("umount", [mountPoint]);
      fs.rmSync(mountPoint, { recursive: true, force: true });
    }
  });
});
