// Copying a whole installation from one database to another (npm run db:copy; docs/decisions/018-postgresql.md,
// "Copying a database"): SQLite → PostgreSQL, PostgreSQL → SQLite, SQLite → SQLite.
// - The tables and their columns' types come from the Prisma models (Prisma.dmmf), so a new model
//   is copied without touching this file; the foreign-key order and primary keys come from the
//   source's catalogue. A table in the catalogue that is neither a model nor known here (the
//   migrations' bookkeeping, the derived search index) is refused, never skipped.
// - The source is read in one snapshot (SQLite: one read transaction; PostgreSQL: REPEATABLE READ
//   READ ONLY, through a cursor); the target is written in one transaction, after checking it is
//   migrated and empty. Rows go over in batches.
// - Values are read into one canonical form per model type (a DateTime is an instant, whether
//   SQLite holds ISO text or milliseconds; a Boolean is true/false), written in the target's own
//   form, and digested: after the commit the target is read back and its row counts and digests
//   must equal the source's, its search index must hold every proposal, and its audit chain must verify.
import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { parse } from "pg-connection-string";
import { Prisma } from "@prisma/client";
import { databasePath, databaseProvider, prismaPaths, redactedUrl } from "~/config/database-url.js";
import { numberedPlaceholders, postgresTypes, WRITE_LOCK_KEY } from "~/db/postgres.server";
import { verifyChain, type VerifyResult } from "~/modules/audit/verify-file.js";

/** A copy refused before anything was written (the CLI exits 2): bad input, or a target or source it must not touch. */
export class CopyRefusal extends Error {}

type Provider = "sqlite" | "postgresql";
type FieldType = "String" | "Int" | "BigInt" | "Float" | "Boolean" | "DateTime" | "Bytes" | "enum";
type Column = { name: string; type: FieldType };
type Table = { name: string; columns: Column[]; primaryKey: string[] };
type Value = string | number | bigint | boolean | Date | Buffer | null;
type Row = Record<string, unknown>;
type CatalogueTable = { columns: string[]; primaryKey: string[]; references: string[] };

const COPYABLE_TYPES = new Set(["String", "Int", "BigInt", "Float", "Boolean", "DateTime", "Bytes"]);

/**
 * Tables in the catalogue that are not models, and why they are not copied. The target's own
 * migrations write its bookkeeping; the search index is derived from "Proposal" (FTS5 and its
 * shadow tables on SQLite, tsvectors on PostgreSQL) and is filled on the target by its triggers
 * and, on SQLite, a rebuild; SQLite's own tables (sqlite_sequence…) follow the rows.
 */
const NOT_COPIED: { pattern: RegExp; reason: string }[] = [
  { pattern: /^_prisma_migrations$/, reason: "the target's own migration history" },
  { pattern: /^ProposalSearch(_data|_idx|_docsize|_config|_content)?$/, reason: "the search index, rebuilt on the target" },
  { pattern: /^sqlite_/, reason: "SQLite's own bookkeeping" },
];

/** The search index's rows on each provider (one per proposal), and how the copy fills it. */
const SEARCH = {
  sqlite: { rows: `SELECT COUNT(*) AS "n" FROM "ProposalSearch_docsize"`, rebuild: `INSERT INTO "ProposalSearch" ("ProposalSearch") VALUES ('rebuild')` },
  postgresql: { rows: `SELECT COUNT(*) AS "n" FROM "ProposalSearch"`, rebuild: null },
};

const q = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** The models as tables, with their scalar columns: what the copy knows how to copy. */
export function modelTables(): { name: string; columns: Column[] }[] {
  return Prisma.dmmf.datamodel.models.map((model) => ({
    name: model.dbName ?? model.name,
    columns: model.fields
      .filter((field) => field.kind === "scalar" || field.kind === "enum")
      .map((field) => {
        if (field.kind === "scalar" && !COPYABLE_TYPES.has(field.type)) {
          throw new CopyRefusal(`The copy does not know how to copy ${model.name}.${field.name} (type ${field.type}).`);
        }
        return { name: field.name, type: (field.kind === "enum" ? "enum" : field.type) as FieldType };
      }),
  }));
}

// ---- values ---------------------------------------------------------------------------------

/** A DateTime as read from either provider: a Date, SQLite's ISO text or milliseconds, or zone-less UTC text. */
function instant(raw: unknown, where: string): Date {
  const date =
    raw instanceof Date
      ? raw
      : typeof raw === "number" || typeof raw === "bigint"
        ? new Date(Number(raw))
        : new Date(/(z|[+-]\d\d:?\d\d)$/i.test(String(raw)) ? String(raw) : `${String(raw).replace(" ", "T")}Z`);
  if (Number.isNaN(date.getTime())) throw new Error(`${where} holds ${JSON.stringify(String(raw))}, which is not a date.`);
  return date;
}

/** One value as read from either driver, in the canonical form of its model type. */
function canonical(type: FieldType, raw: unknown, where: string): Value {
  if (raw === null || raw === undefined) return null;
  switch (type) {
    case "DateTime":
      return instant(raw, where);
    case "Boolean":
      return raw === true || raw === 1 || raw === 1n || raw === "1" || raw === "t";
    case "Int":
    case "Float":
      return Number(raw);
    case "BigInt":
      return BigInt(raw as string | number | bigint);
    case "Bytes":
      // Both drivers read a BLOB / bytea as a Buffer, and take one to write it.
      if (!(raw instanceof Uint8Array)) throw new Error(`${where} holds ${typeof raw}, not bytes.`);
      return Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength);
    default:
      return String(raw);
  }
}

/** A canonical value as the target's driver takes it: SQLite as Prisma stores it (ISO text with +00:00, 1/0). */
function forDriver(provider: Provider, value: Value): unknown {
  if (value instanceof Date) return provider === "sqlite" ? value.toISOString().replace("Z", "+00:00") : value.toISOString().slice(0, -1);
  if (typeof value === "boolean" && provider === "sqlite") return value ? 1 : 0;
  if (typeof value === "bigint" && provider === "postgresql") return value.toString();
  return value;
}

const digestText = (value: Value) =>
  value instanceof Date
    ? value.toISOString()
    : typeof value === "bigint"
      ? `${value}n`
      : value instanceof Buffer
        ? `sha256:${createHash("sha256").update(value).digest("hex")}`
        : value;
const MOD = 1n << 256n;

/** An order-independent digest of a table's rows: the sum of the rows' SHA-256 (mod 2^256), and their count. */
class TableDigest {
  sum = 0n;
  rows = 0;
  add(values: Value[]) {
    this.sum =
      (this.sum +
        BigInt(
          `0x${createHash("sha256")
            .update(JSON.stringify(values.map(digestText)))
            .digest("hex")}`,
        )) %
      MOD;
    this.rows++;
  }
  get hex() {
    return this.sum.toString(16).padStart(64, "0");
  }
}

// ---- the two providers' connections -----------------------------------------------------------

interface Side {
  provider: Provider;
  label: string;
  /** Starts the one snapshot the source is read in, or the one write transaction of the target. */
  begin(kind: "snapshot" | "write"): Promise<void>;
  commit(): Promise<void>;
  rollback(): Promise<void>;
  close(): Promise<void>;
  catalogue(): Promise<Map<string, CatalogueTable>>;
  count(sql: string): Promise<number>;
  /** The rows of `table` in primary-key order, `size` at a time. */
  batches(table: Table, size: number): AsyncGenerator<Row[]>;
  insert(table: Table, rows: unknown[][]): Promise<void>;
  run(sql: string): Promise<void>;
  appliedMigrations(): Promise<Set<string>>;
  /** Moves every sequence past its column's largest value (PostgreSQL; SQLite's follow the rows). */
  moveSequences(): Promise<void>;
}

const APPLIED_SQL = `SELECT "migration_name" FROM "_prisma_migrations" WHERE "finished_at" IS NOT NULL AND "rolled_back_at" IS NULL`;
const selectSql = (table: Table) =>
  `SELECT ${table.columns.map((c) => q(c.name)).join(", ")} FROM ${q(table.name)} ORDER BY ${table.primaryKey.map(q).join(", ")}`;

function openSqlite(file: string, readonly: boolean): Side {
  if (!fs.existsSync(file)) throw new CopyRefusal(`${file} does not exist${readonly ? "" : " (give --migrate to create and migrate it)"}.`);
  const conn = new Database(file, { readonly, fileMustExist: true });
  conn.pragma("busy_timeout = 10000");
  const inserts = new Map<string, Database.Statement>();
  return {
    provider: "sqlite",
    label: file,
    async begin(kind) {
      conn.exec(kind === "write" ? "BEGIN IMMEDIATE" : "BEGIN");
      // A deferred transaction takes its snapshot at its first read: take it now.
      conn.prepare("SELECT COUNT(*) FROM sqlite_master").get();
    },
    commit: async () => void conn.exec("COMMIT"),
    rollback: async () => void (conn.inTransaction && conn.exec("ROLLBACK")),
    close: async () => void conn.close(),
    async catalogue() {
      const tables = new Map<string, CatalogueTable>();
      for (const { name } of conn.prepare(`SELECT "name" FROM sqlite_master WHERE "type" = 'table'`).all() as { name: string }[]) {
        const info = conn.prepare(`SELECT "name", "pk" FROM pragma_table_info(?)`).all(name) as { name: string; pk: number }[];
        const keys = conn.prepare(`SELECT DISTINCT "table" FROM pragma_foreign_key_list(?)`).all(name) as { table: string }[];
        tables.set(name, {
          columns: info.map((c) => c.name),
          primaryKey: info
            .filter((c) => c.pk > 0)
            .sort((a, b) => a.pk - b.pk)
            .map((c) => c.name),
          references: keys.map((k) => k.table),
        });
      }
      return tables;
    },
    count: async (sql) => Number((conn.prepare(sql).get() as { n: number }).n),
    async *batches(table, size) {
      const statement = conn.prepare(selectSql(table)).safeIntegers(true);
      let batch: Row[] = [];
      for (const row of statement.iterate() as Iterable<Row>) {
        batch.push(row);
        if (batch.length === size) {
          yield batch;
          batch = [];
        }
      }
      if (batch.length) yield batch;
    },
    async insert(table, rows) {
      let statement = inserts.get(table.name);
      if (!statement) {
        const columns = table.columns.map((c) => q(c.name)).join(", ");
        statement = conn.prepare(`INSERT INTO ${q(table.name)} (${columns}) VALUES (${table.columns.map(() => "?").join(", ")})`);
        inserts.set(table.name, statement);
      }
      for (const row of rows) statement.run(...row);
    },
    run: async (sql) => void conn.exec(sql),
    async appliedMigrations() {
      const has = conn.prepare(`SELECT 1 FROM sqlite_master WHERE "type" = 'table' AND "name" = '_prisma_migrations'`).get();
      return new Set(has ? (conn.prepare(APPLIED_SQL).all() as { migration_name: string }[]).map((m) => m.migration_name) : []);
    },
    async moveSequences() {},
  };
}

async function openPostgres(url: string): Promise<Side> {
  const client = new pg.Client({ ...(parse(url) as pg.ClientConfig), types: postgresTypes, connectionTimeoutMillis: 10_000 });
  // A server that goes away later must fail the copy's current query, not end the process unhandled.
  client.on("error", () => undefined);
  await client.connect();
  const rows = async (sql: string, params: unknown[] = []) => (await client.query(numberedPlaceholders(sql), params)).rows as Row[];
  let cursors = 0;
  return {
    provider: "postgresql",
    label: redactedUrl(url),
    async begin(kind) {
      if (kind === "snapshot") return void (await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"));
      await client.query("BEGIN");
      // The app's writers take this lock too (docs/decisions/018-postgresql.md): none writes meanwhile.
      await client.query("SET LOCAL lock_timeout = '10s'");
      await client.query("SELECT pg_advisory_xact_lock($1)", [WRITE_LOCK_KEY]);
    },
    commit: async () => void (await client.query("COMMIT")),
    rollback: async () => void (await client.query("ROLLBACK").catch(() => undefined)),
    close: () => client.end(),
    async catalogue() {
      // pg_catalog, not information_schema: the latter leaves out tables this role may not read,
      // which would then be skipped instead of refused.
      const tables = new Map<string, CatalogueTable>();
      const inSchema = `c."relnamespace" = current_schema()::regnamespace`;
      for (const r of await rows(`SELECT c."relname" AS "table" FROM pg_class c WHERE c."relkind" IN ('r', 'p') AND ${inSchema}`)) {
        tables.set(String(r.table), { columns: [], primaryKey: [], references: [] });
      }
      const columns = await rows(
        `SELECT c."relname" AS "table", a."attname" AS "column" FROM pg_attribute a JOIN pg_class c ON c."oid" = a."attrelid"
         WHERE a."attnum" > 0 AND NOT a."attisdropped" AND ${inSchema} ORDER BY c."relname", a."attnum"`,
      );
      for (const r of columns) tables.get(String(r.table))?.columns.push(String(r.column));
      const keys = await rows(
        `SELECT c."relname" AS "table", a."attname" AS "column" FROM pg_index i JOIN pg_class c ON c."oid" = i."indrelid"
           JOIN pg_attribute a ON a."attrelid" = c."oid" AND a."attnum" = ANY (i."indkey")
         WHERE i."indisprimary" AND ${inSchema} ORDER BY c."relname", array_position(i."indkey"::int2[], a."attnum")`,
      );
      for (const r of keys) tables.get(String(r.table))?.primaryKey.push(String(r.column));
      const references = await rows(
        `SELECT c."relname" AS "table", f."relname" AS "references" FROM pg_constraint k
           JOIN pg_class c ON c."oid" = k."conrelid" JOIN pg_class f ON f."oid" = k."confrelid"
         WHERE k."contype" = 'f' AND ${inSchema}`,
      );
      for (const r of references) tables.get(String(r.table))?.references.push(String(r.references));
      return tables;
    },
    count: async (sql) => Number((await rows(sql))[0].n),
    async *batches(table, size) {
      const cursor = `copy_cursor_${++cursors}`;
      await client.query(`DECLARE ${cursor} NO SCROLL CURSOR FOR ${selectSql(table)}`);
      for (;;) {
        const batch = await rows(`FETCH ${size} FROM ${cursor}`);
        if (!batch.length) break;
        yield batch;
      }
      await client.query(`CLOSE ${cursor}`);
    },
    async insert(table, values) {
      const width = table.columns.length;
      const tuples = values.map((_, i) => `(${table.columns.map((__, j) => `$${i * width + j + 1}`).join(", ")})`);
      await client.query(`INSERT INTO ${q(table.name)} (${table.columns.map((c) => q(c.name)).join(", ")}) VALUES ${tuples.join(", ")}`, values.flat());
    },
    run: async (sql) => void (await client.query(sql)),
    async appliedMigrations() {
      const has = await rows(`SELECT to_regclass('"_prisma_migrations"') IS NOT NULL AS "has"`);
      return new Set(has[0].has ? (await rows(APPLIED_SQL)).map((m) => String(m.migration_name)) : []);
    },
    async moveSequences() {
      const serials = await rows(
        `SELECT "table_name", "column_name" FROM information_schema.columns
         WHERE "table_schema" = current_schema() AND ("column_default" LIKE 'nextval(%' OR "is_identity" = 'YES')`,
      );
      for (const { table_name: table, column_name: column } of serials) {
        const name = q(String(table));
        await client.query(
          `SELECT setval(pg_get_serial_sequence($1, $2), COALESCE(MAX(${q(String(column))}), 1), MAX(${q(String(column))}) IS NOT NULL) FROM ${name}`,
          [name, column],
        );
      }
    },
  };
}

/** Opens `url` (a SQLite file or `file:` URL, or a PostgreSQL URL); a server that does not answer is one clear line. */
async function open(url: string, readonly: boolean): Promise<Side> {
  if (databaseProvider(url) === "sqlite") return openSqlite(databasePath(url), readonly);
  try {
    return await openPostgres(url);
  } catch (error) {
    throw new Error(`Cannot connect to ${redactedUrl(url)}: ${describe(error)}`, { cause: error });
  }
}

/** An error's message; a connection refused on every address (an AggregateError) has none of its own. */
export function describe(error: unknown): string {
  const e = error as { message?: string; code?: string; errors?: { message?: string }[] };
  return e?.message || e?.errors?.map((inner) => inner.message).join("; ") || e?.code || String(error);
}

// ---- checks -----------------------------------------------------------------------------------

/** Where a URL's data lives, to refuse copying a database onto itself. */
function identity(url: string): string {
  if (databaseProvider(url) === "sqlite") {
    const file = databasePath(url);
    return `sqlite:${fs.existsSync(file) ? fs.realpathSync(file) : path.resolve(file)}`;
  }
  const c = parse(url);
  return `postgresql:${(c.host || "localhost").toLowerCase()}:${c.port || 5432}/${c.database || c.user || ""}`;
}

/** The migrations of `provider`'s folder, by name. */
function expectedMigrations(provider: Provider): string[] {
  const folder = prismaPaths(provider).migrations;
  return fs
    .readdirSync(folder)
    .filter((name) => fs.existsSync(path.join(folder, name, "migration.sql")))
    .sort();
}

async function checkMigrated(side: Side, role: "source" | "target") {
  const applied = await side.appliedMigrations();
  const missing = expectedMigrations(side.provider).filter((name) => !applied.has(name));
  if (!missing.length) return;
  const fix = role === "target" ? "give --migrate, or run npm run db:migrate with DATABASE_URL set to it" : "run npm run db:migrate on it first";
  throw new CopyRefusal(`The ${role} ${side.label} is not migrated (${missing.length} migration(s) not applied, first ${missing[0]}): ${fix}.`);
}

/**
 * The tables to copy, parents before children, from the models and the source's catalogue.
 * Refuses a catalogue table it does not know, and a model table whose columns differ.
 */
function plan(catalogue: Map<string, CatalogueTable>, label: string): Table[] {
  const models = modelTables();
  const unknown = [...catalogue.keys()].filter((name) => !models.some((m) => m.name === name) && !NOT_COPIED.some((n) => n.pattern.test(name)));
  if (unknown.length) {
    throw new CopyRefusal(`${label} has table(s) the copy does not know how to handle: ${unknown.join(", ")}. Nothing was copied.`);
  }
  const tables = models.map((model) => {
    const found = catalogue.get(model.name);
    if (!found) throw new CopyRefusal(`${label} has no table ${model.name}: is it migrated?`);
    const expected = model.columns.map((c) => c.name).sort();
    const actual = [...found.columns].sort();
    if (expected.join() !== actual.join()) {
      throw new CopyRefusal(`${label}: table ${model.name} has columns ${actual.join(", ")}, the model ${expected.join(", ")}. Nothing was copied.`);
    }
    return { ...model, primaryKey: found.primaryKey.length ? found.primaryKey : model.columns.map((c) => c.name) };
  });
  const ordered: Table[] = [];
  const visiting = new Set<string>();
  const visit = (table: Table) => {
    if (ordered.includes(table)) return;
    if (visiting.has(table.name)) throw new CopyRefusal(`Foreign keys between tables form a cycle at ${table.name}: the copy cannot order them.`);
    visiting.add(table.name);
    for (const parent of catalogue.get(table.name)!.references) {
      const found = tables.find((t) => t.name === parent);
      if (found && found !== table) visit(found);
    }
    ordered.push(table);
  };
  tables.forEach(visit);
  return ordered;
}

// ---- the copy ---------------------------------------------------------------------------------

/** `log` gets the progress lines; the copy waits for what it returns (a test writes to the source meanwhile). */
export type CopyOptions = { from: string; to: string; migrate?: boolean; batchSize?: number; log?: (line: string) => void | Promise<void> };
export type TableResult = { table: string; sourceRows: number; targetRows: number; sourceDigest: string; targetDigest: string };
export type CopySummary = { ok: boolean; tables: TableResult[]; searchRows: number; proposals: number; chain: VerifyResult; seconds: number };

/** Applies the migrations of the target's provider (prisma.config.ts chooses them by DATABASE_URL). */
function migrate(url: string): Promise<void> {
  const env = { ...process.env, DATABASE_URL: databaseProvider(url) === "sqlite" ? `file:${databasePath(url)}` : url };
  return new Promise((resolve, reject) =>
    execFile(path.resolve("node_modules/.bin/prisma"), ["migrate", "deploy"], { env }, (error, stdout, stderr) => {
      if (!error) return resolve();
      const reason = `${stderr}\n${stdout}`.split("\n").filter((line) => /error|P\d{4}/i.test(line));
      reject(new Error(`Migrating ${redactedUrl(url)} failed: ${reason.slice(0, 3).join(" ").trim() || describe(error)}`));
    }),
  );
}

/** Reads a table's rows in canonical form, batch by batch. */
async function* canonicalBatches(side: Side, table: Table, size: number) {
  for await (const batch of side.batches(table, size)) {
    yield batch.map((row) => table.columns.map((c) => canonical(c.type, row[c.name], `${table.name}.${c.name}`)));
  }
}

/** Copies every row of `from` into the empty, migrated `to`, then verifies the target. */
export async function copyDatabase(options: CopyOptions): Promise<CopySummary> {
  const { from, to, batchSize = 500, log = () => undefined } = options;
  for (const [flag, url] of [
    ["--from", from],
    ["--to", to],
  ]) {
    if (/^(?!file:)[a-z][a-z0-9+.-]*:\/\//i.test(url) && databaseProvider(url) !== "postgresql") {
      throw new CopyRefusal(`${flag} ${redactedUrl(url)} is neither a SQLite file (file:…) nor a PostgreSQL URL (postgresql://…).`);
    }
  }
  if (identity(from) === identity(to)) throw new CopyRefusal(`The source and the target are the same database (${redactedUrl(to)}).`);
  const started = Date.now();
  if (options.migrate) {
    await log(`Migrating the target ${redactedUrl(to)} …`);
    await migrate(to);
  }
  const source = await open(from, true);
  const results: TableResult[] = [];
  try {
    const target = await open(to, false);
    try {
      await source.begin("snapshot");
      await checkMigrated(source, "source");
      const tables = plan(await source.catalogue(), `The source ${source.label}`);
      await target.begin("write");
      await checkMigrated(target, "target");
      plan(await target.catalogue(), `The target ${target.label}`);
      const occupied: string[] = [];
      for (const table of tables) {
        const n = await target.count(`SELECT COUNT(*) AS "n" FROM ${q(table.name)}`);
        if (n) occupied.push(`${table.name} (${n})`);
      }
      if (occupied.length)
        throw new CopyRefusal(`The target ${target.label} is not empty: ${occupied.join(", ")}. Copy only into a freshly migrated database.`);

      await log(`Copying ${source.label} → ${target.label}, ${tables.length} tables, ${batchSize} rows a batch`);
      // Every table's count in the snapshot first: the check afterwards holds the target to all of them.
      for (const table of tables) {
        const sourceRows = await source.count(`SELECT COUNT(*) AS "n" FROM ${q(table.name)}`);
        results.push({ table: table.name, sourceRows, targetRows: -1, sourceDigest: "not copied", targetDigest: "" });
      }
      for (const table of tables) {
        const result = results.find((r) => r.table === table.name)!;
        const total = result.sourceRows;
        const digest = new TableDigest();
        const tableStarted = Date.now();
        let nextReport = 10_000;
        for await (const batch of canonicalBatches(source, table, batchSize)) {
          for (const values of batch) digest.add(values);
          await target.insert(
            table,
            batch.map((values) => values.map((value) => forDriver(target.provider, value))),
          );
          if (digest.rows >= nextReport) {
            await log(`  ${table.name}: ${digest.rows} of ${total} rows …`);
            nextReport += 10_000;
          }
        }
        await log(`  ${table.name}: ${digest.rows} rows (${((Date.now() - tableStarted) / 1000).toFixed(1)} s)`);
        result.sourceDigest = digest.hex;
      }
      if (SEARCH[target.provider].rebuild) await target.run(SEARCH[target.provider].rebuild!);
      await target.moveSequences();
      await target.commit();
      await source.commit();
    } catch (error) {
      await target.rollback();
      throw error;
    } finally {
      await target.close();
    }
  } finally {
    await source.rollback().catch(() => undefined);
    await source.close();
  }
  return { ...(await verifyTarget(to, results, batchSize, log)), seconds: (Date.now() - started) / 1000 };
}

/** Reads the target back in one snapshot: counts, digests and the search index against the source's, then its audit chain. */
async function verifyTarget(to: string, results: TableResult[], batchSize: number, log: NonNullable<CopyOptions["log"]>) {
  await log("Verifying the target …");
  const target = await open(to, true);
  let searchRows = 0;
  let proposals = 0;
  try {
    await target.begin("snapshot");
    const tables = plan(await target.catalogue(), `The target ${target.label}`);
    for (const result of results) {
      const table = tables.find((t) => t.name === result.table)!;
      const digest = new TableDigest();
      for await (const batch of canonicalBatches(target, table, batchSize)) for (const values of batch) digest.add(values);
      result.targetRows = digest.rows;
      result.targetDigest = digest.hex;
    }
    searchRows = await target.count(SEARCH[target.provider].rows);
    proposals = await target.count(`SELECT COUNT(*) AS "n" FROM "Proposal"`);
  } finally {
    await target.rollback();
    await target.close();
  }
  const chain = await verifyChain(databaseProvider(to) === "sqlite" ? databasePath(to) : to);
  const same = results.every((r) => r.sourceRows === r.targetRows && r.sourceDigest === r.targetDigest);
  return { ok: same && searchRows === proposals && chain.ok, tables: results, searchRows, proposals, chain };
}

/** The summary as lines: one per table, then the search index and the audit chain. */
export function summaryLines(summary: CopySummary): string[] {
  const width = Math.max(...summary.tables.map((t) => t.table.length));
  const lines = summary.tables.map((t) => {
    const same = t.sourceRows === t.targetRows && t.sourceDigest === t.targetDigest;
    const rows = t.sourceRows === t.targetRows ? `${t.sourceRows} rows` : `${t.sourceRows} rows in the source, ${t.targetRows} in the target`;
    return `${t.table.padEnd(width)}  ${rows.padEnd(12)}  digest ${t.targetDigest.slice(0, 16)}  ${same ? "same" : "MISMATCH"}`;
  });
  lines.push(
    `search index: ${summary.searchRows} of ${summary.proposals} proposals ${summary.searchRows === summary.proposals ? "indexed" : "indexed: MISMATCH"}`,
  );
  const chain = summary.chain;
  lines.push(
    chain.ok
      ? `audit chain on the target: OK, ${chain.count} events, head ${chain.head.seq}:${chain.head.hash}`
      : `audit chain on the target: FAILED at sequence ${chain.problem.seq}: ${chain.problem.reason}`,
  );
  lines.push(summary.ok ? `Copied and verified in ${summary.seconds.toFixed(1)} s.` : "The copy does NOT match its source (see above).");
  return lines;
}
