// CI's check that each provider's committed migrations build exactly the schema of
// prisma/schema.prisma (docs/decisions/018-postgresql.md): the PostgreSQL schema file is what
// scripts/db-schema.ts makes of the source, and `prisma migrate diff` from each migrations
// folder (replayed on a shadow database) to its schema finds nothing to do, but for the objects
// Prisma does not model: the full-text search tables ("ProposalSearch…") of both providers.
//   npm run db:drift                                   SQLite only
//   npm run db:drift -- --postgres postgresql://…      and PostgreSQL (its shadow database is
//                                                      made and dropped on that server)
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import pg from "pg";
import { parse } from "pg-connection-string";
import { prismaPaths } from "../app/config/database-url.js";

const root = path.resolve(import.meta.dirname, "..");
const { values } = parseArgs({ options: { postgres: { type: "string" } } });

/** Statements of a diff script that touch something other than the unmodelled search tables. */
export function unexpectedStatements(script: string): string[] {
  return (
    script
      .split(/;\s*\n/)
      .map((s) =>
        s
          .split("\n")
          .filter((line) => !line.trim().startsWith("--"))
          .join("\n")
          .trim(),
      )
      // SQLite's diff wraps a table rebuild in these; they change no schema.
      .filter((s) => s && !/^PRAGMA foreign_keys\s*=\s*(on|off)$/i.test(s) && !/"ProposalSearch(_[a-z]+)?"/.test(s))
  );
}

function check(provider: "sqlite" | "postgresql", url: string): boolean {
  const paths = prismaPaths(provider);
  const r = spawnSync(
    path.join(root, "node_modules", ".bin", "prisma"),
    ["migrate", "diff", "--from-migrations", paths.migrations, "--to-schema-datamodel", paths.schema, "--script"],
    { cwd: root, encoding: "utf8", env: { ...process.env, DATABASE_URL: url } },
  );
  if (r.status !== 0) {
    console.error(`${provider}: prisma migrate diff failed (exit ${r.status}):\n${r.stderr}`);
    return false;
  }
  const extra = unexpectedStatements(r.stdout);
  if (extra.length) {
    console.error(`${provider}: ${paths.migrations} and ${paths.schema} disagree; a migration is missing:\n\n${extra.join(";\n\n")};\n`);
    return false;
  }
  console.log(`${provider}: ${paths.migrations} builds ${paths.schema} exactly.`);
  return true;
}

/** The adapter leaves its shadow databases behind (it never drops them): remove them. */
async function dropShadowDatabases(url: string) {
  const client = new pg.Client({ ...parse(url), database: "postgres" } as pg.ClientConfig);
  await client.connect();
  try {
    const { rows } = await client.query<{ datname: string }>("SELECT datname FROM pg_database WHERE datname LIKE 'prisma_migrate_shadow_db_%'");
    for (const { datname } of rows) await client.query(`DROP DATABASE "${datname.replaceAll('"', '""')}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
}

const schema = spawnSync(process.execPath, ["--import", "tsx", path.join(root, "scripts", "db-schema.ts"), "--check"], { cwd: root, stdio: "inherit" });
let ok = schema.status === 0;
// The PostgreSQL rules migration is generated too (scripts/pg-rules-sql.ts): it must be what the script prints.
const rules = spawnSync(process.execPath, ["--import", "tsx", path.join(root, "scripts", "pg-rules-sql.ts")], { cwd: root, encoding: "utf8" });
const rulesFile = path.join(root, "prisma", "postgresql", "migrations", "20261202030001_rules", "migration.sql");
if (rules.status !== 0 || rules.stdout !== fs.readFileSync(rulesFile, "utf8")) {
  console.error(
    `${path.relative(root, rulesFile)} is not what scripts/pg-rules-sql.ts prints: regenerate it (a new rule needs a new migration once released).`,
  );
  ok = false;
}
// The SQLite shadow database is in memory; the URL only picks the provider.
ok = check("sqlite", `file:${path.join(os.tmpdir(), "summit-drift-check.db")}`) && ok;
if (values.postgres) {
  ok = check("postgresql", values.postgres) && ok;
  await dropShadowDatabases(values.postgres);
}
process.exit(ok ? 0 : 1);
