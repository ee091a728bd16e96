import fs from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { backupDatabase, checkDatabaseFile, restoreDatabase } from "~/lib/backup.server";
import { postProgressUpdate } from "~/modules/proposals/service.server";
import { seedDemoData } from "../../prisma/seed";
import { actor, ctx, proposalByRef } from "../support/factories";
import { testDatabaseFile } from "../support/per-file-db";
import { onPostgres } from "../support/postgres";

beforeAll(() => seedDemoData({ quiet: true }));

// db:backup and db:restore copy the SQLite file (VACUUM INTO) and check it: SQLite only. A
// PostgreSQL server is backed up with its own tools (pg_dump, base backups); the audit chain of
// a PostgreSQL database is checked by audit:verify (tests/integration/scripts.test.ts).
describe.skipIf(onPostgres)("backup and restore", () => {
  it("takes a consistent online backup while writes go on, and restores it", async () => {
    const analyst = await actor("analyst@example.org");
    const p = await proposalByRef("CAJ25-05");
    let writing = true;
    let written = 0;
    const writer = (async () => {
      while (writing) {
        await postProgressUpdate(analyst, p.id, { health: "on_track", body: `during backup ${written}` }, ctx);
        written++;
        // The driver resolves at once; yield so timers (and the backup) get their turn.
        await new Promise((r) => setImmediate(r));
      }
    })();
    await new Promise((r) => setTimeout(r, 100));
    const backup = `${testDatabaseFile}.backup.db`;
    // Let the writer get a few writes in between, then copy while its next write is open.
    const check = await new Promise<ReturnType<typeof backupDatabase>>((resolve) => setTimeout(() => resolve(backupDatabase(testDatabaseFile, backup)), 50));
    await new Promise((r) => setTimeout(r, 100));
    writing = false;
    await writer;
    expect(written).toBeGreaterThan(5);
    expect(check.integrity).toBe("ok");
    expect(check.chain.ok).toBe(true);

    // Restore into a fresh place and check it again.
    const target = `${testDatabaseFile}.restored.db`;
    const restored = restoreDatabase(backup, target);
    expect(restored.check.integrity).toBe("ok");
    const again = checkDatabaseFile(target);
    expect(again.integrity).toBe("ok");
    expect(again.chain).toMatchObject({ ok: true, count: check.chain.count });
    for (const f of [backup, target]) fs.rmSync(f, { force: true });
  });

  it("npm run db:backup copies from another process while this one keeps writing", async () => {
    const { execFile } = await import("node:child_process");
    const analyst = await actor("analyst@example.org");
    const p = await proposalByRef("CAJ25-06");
    let writing = true;
    let written = 0;
    const writer = (async () => {
      while (writing) {
        await postProgressUpdate(analyst, p.id, { health: "on_track", body: `during cli backup ${written}` }, ctx);
        written++;
        await new Promise((r) => setTimeout(r, 2));
      }
    })();
    const backup = `${testDatabaseFile}.cli.db`;
    const out = await new Promise<string>((resolve, reject) =>
      execFile(
        "node_modules/.bin/tsx",
        ["scripts/db-backup.ts", "--to", backup],
        { env: { ...process.env, DATABASE_URL: `file:${testDatabaseFile}` } },
        (err, stdout, stderr) => (err ? reject(new Error(stderr || String(err))) : resolve(stdout)),
      ),
    );
    const during = written;
    await new Promise((r) => setTimeout(r, 50));
    writing = false;
    await writer;
    expect(out).toMatch(/integrity_check: ok; audit chain: \d+ events/);
    expect(during).toBeGreaterThan(0);
    expect(written).toBeGreaterThan(during);
    expect(checkDatabaseFile(backup)).toMatchObject({ integrity: "ok", chain: { ok: true } });
    fs.rmSync(backup, { force: true });
  });

  it("refuses to restore a damaged backup", async () => {
    const backup = `${testDatabaseFile}.bad.db`;
    backupDatabase(testDatabaseFile, backup);
    const Database = (await import("better-sqlite3")).default;
    const conn = new Database(backup);
    conn.exec(`DROP TRIGGER "AuditEvent_no_update"; UPDATE AuditEvent SET reason = 'tampered' WHERE seq = 3;`);
    conn.close();
    expect(() => restoreDatabase(backup, `${testDatabaseFile}.never.db`)).toThrow(/refusing to restore/);
    fs.rmSync(backup, { force: true });
  });
});
