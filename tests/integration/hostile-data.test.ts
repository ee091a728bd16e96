// Issue 10, the data path: hostile values in stored text and in the query string reach the
// exports and the audit pages as a user would send them (real routes, real database).
import { parse } from "csv-parse/sync";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rawWriteConnection } from "~/db.server";
import { streamAuditExport } from "~/modules/audit/export.server";
import { recordStandaloneEvent } from "~/modules/audit/record.server";
import { streamProposalExport } from "~/modules/proposals/export.server";
import { pipeChunks } from "~/lib/stream-export.server";
import { loader as auditPage } from "~/routes/audit._index";
import { seedDemoData } from "../../prisma/seed";
import { call, sessionCookie } from "../support/http";
import { onPostgres } from "../support/postgres";
import { sqlGet, sqlRun, sqlTransaction, type SqlParam } from "../support/sql";
import { words } from "../support/words";

let cookie = "";
let server: http.Server;
let base = "";

beforeAll(async () => {
  await seedDemoData({ quiet: true });
  cookie = await sessionCookie("viewer@example.org");
  server = http.createServer((req, res) => {
    const handler = req.url?.startsWith("/audit/export") ? streamAuditExport : streamProposalExport;
    // As server.js does: an error the handler lets through ends in a 500, never a hang.
    handler(req, res).catch(() => (res.headersSent ? res.destroy() : res.writeHead(500).end()));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

/** GET through the real handler; an answer that does not finish within 5 s fails the test. */
async function get(path: string) {
  const res = await fetch(base + path, { headers: { Cookie: cookie }, signal: AbortSignal.timeout(5000) });
  return { status: res.status, type: res.headers.get("content-type") ?? "", body: await res.text() };
}

const FORMULAS = ['=HYPERLINK("http://evil.example","click")', "+1+2", "-2+3", "@SUM(A1:A2)", "\tcmd", "\rcmd"];

/**
 * Writes as data from before the character rules (migration 20261201000000) or another tool
 * could have: without the character rules, which are put back afterwards. SQLite: CHECKs ignored
 * and the text triggers dropped. PostgreSQL: the Proposal_text CHECK dropped, and put back
 * NOT VALID (checked for every later write, not for the legacy rows), in one transaction.
 */
async function asLegacyData(write: (run: (sql: string, ...params: SqlParam[]) => Promise<void>) => Promise<void>) {
  if (onPostgres) {
    const check = await sqlGet<{ definition: string }>(
      `SELECT pg_get_constraintdef("oid") AS "definition" FROM "pg_constraint" WHERE "conname" = 'Proposal_text'`,
    );
    expect(check).toBeDefined();
    await sqlTransaction(async (run) => {
      await run(`ALTER TABLE "Proposal" DROP CONSTRAINT "Proposal_text"`);
      await write(run);
      await run(`ALTER TABLE "Proposal" ADD CONSTRAINT "Proposal_text" ${check!.definition} NOT VALID`);
    });
    return;
  }
  const raw = await rawWriteConnection();
  const triggers = raw.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'Proposal_text_%'").all() as {
    name: string;
    sql: string;
  }[];
  expect(triggers.length).toBe(2);
  raw.pragma("ignore_check_constraints = ON");
  for (const t of triggers) raw.exec(`DROP TRIGGER "${t.name}"`);
  try {
    await write(async (sql, ...params) => sqlRun(sql, ...params).then(() => undefined));
  } finally {
    for (const t of triggers) raw.exec(t.sql);
    raw.pragma("ignore_check_constraints = OFF");
  }
}

describe("CSV formula injection (issue 10 item 4)", () => {
  beforeAll(async () => {
    // Written straight into the database, as older data or another tool could have done.
    await asLegacyData(async (run) => {
      for (const [i, f] of FORMULAS.entries()) {
        await run(
          `UPDATE "Proposal" SET "title" = ?, "summary" = ?, "leadOrganisation" = ? WHERE "reference" = ?`,
          `${f} title`,
          `${f} summary`,
          `${f} org`,
          `CAJ25-${String(i + 1).padStart(2, "0")}`,
        );
      }
    });
    for (const f of FORMULAS) {
      await recordStandaloneEvent({
        actor: { id: null, name: `${f} actor`, role: "system" },
        action: "auth.login_failed",
        entityType: "user",
        entityId: "x",
        reason: `${f} reason`,
        context: { requestId: `${f} request` },
      });
    }
  });

  const dangerous = (cell: string) => /^[=+\-@\t\r]/.test(cell);

  it("the proposal CSV export neutralises every cell that starts with = + - @ tab or CR", async () => {
    const res = await get("/proposals/export?format=csv");
    expect(res.status).toBe(200);
    const records = parse(res.body, { columns: true, bom: true }) as Record<string, string>[];
    for (const r of records) for (const [k, v] of Object.entries(r)) expect(dangerous(v), `${r.reference} ${k}: ${JSON.stringify(v)}`).toBe(false);
    const first = records.find((r) => r.reference === "CAJ25-01")!;
    expect(first.title).toBe(`'${FORMULAS[0]} title`);
    expect(records.find((r) => r.reference === "CAJ25-05")!.summary).toBe(`'${FORMULAS[4]} summary`);
  });

  it("the audit CSV export neutralises them too", async () => {
    const res = await get("/audit/export?format=csv&action=auth.login_failed");
    expect(res.status).toBe(200);
    const records = parse(res.body, { columns: true }) as Record<string, string>[];
    expect(records.length).toBeGreaterThanOrEqual(FORMULAS.length);
    for (const r of records) for (const [k, v] of Object.entries(r)) expect(dangerous(v), `${r.seq} ${k}: ${JSON.stringify(v)}`).toBe(false);
    expect(records.some((r) => r.actor_name === `'${FORMULAS[0]} actor`)).toBe(true);
  });
});

/** Anything outside XML 1.0's Char production (https://www.w3.org/TR/xml/#charsets). */
const NOT_XML_CHAR = /[^\t\n\r\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;

describe("XML the IATI export writes is always well-formed (issue 10 item 5)", () => {
  it("drops characters XML 1.0 forbids from stored text", async () => {
    const title = "Non\uFFFEchar\uFFFF bell\u0007 esc\u001B vt\u000B \u{1F600} kept";
    // PostgreSQL's text cannot hold NUL at all (22021), so no stored text there has one.
    const quote = onPostgres ? "quote\u000B\u000C end" : "quote\u0000\u000B\u000C end";
    await asLegacyData((run) => run(`UPDATE "Proposal" SET "title" = ?, "sourceQuote" = ? WHERE "reference" = 'CAJ25-10'`, title, quote));
    const res = await get("/proposals/export?format=iati");
    expect(res.status).toBe(200);
    expect(XMLValidator.validate(res.body)).toBe(true);
    // fast-xml-parser does not check characters: XML 1.0's Char production, checked here.
    expect(res.body.match(NOT_XML_CHAR)).toBeNull();
    const doc = new XMLParser({ ignoreAttributes: false, isArray: (n) => n === "iati-activity" || n === "description" }).parse(res.body);
    const activity = doc["iati-activities"]["iati-activity"].find((a: { "iati-identifier": string }) => a["iati-identifier"].endsWith("CAJ25-10"));
    expect(activity.title.narrative).toBe("Nonchar bell esc vt \u{1F600} kept");
    expect(activity.description[1].narrative).toBe("quote end");
  });
});

describe("export formats come from a fixed set (issue 10 item 8)", () => {
  it.each(["constructor", "__proto__", "toString", "hasOwnProperty", "valueOf", "xml"])("format=%s is a 400 with a message", async (format) => {
    const res = await get(`/proposals/export?format=${format}`);
    expect(res.status).toBe(400);
    expect(res.body).toMatch(/Unknown export format.*csv, json, iati/);
  });

  it("each known format still exports", async () => {
    for (const [format, type] of [
      ["csv", "text/csv"],
      ["json", "application/json"],
      ["iati", "application/xml"],
    ]) {
      const res = await get(`/proposals/export?format=${format}`);
      expect(res.status, format).toBe(200);
      expect(res.type).toContain(type);
    }
    expect((await get("/proposals/export")).type).toContain("text/csv");
  });
});

describe("audit dates are parsed before any answer starts (issue 10 item 6)", () => {
  const BAD = ["2025-13-01", "0000-00-00", "2025-02-30", "2025-1-1", "yesterday"];

  it.each(BAD)("the export answers 400 with a message for to=%s and from=%s, and ends", async (bad) => {
    for (const key of ["to", "from"]) {
      const res = await get(`/audit/export?format=csv&${key}=${encodeURIComponent(bad)}`);
      expect(res.status, `${key}=${bad}`).toBe(400);
      expect(res.body).toContain(`"${key}"`);
      expect(res.body).toMatch(/not a valid date/);
    }
  });

  it.each(BAD)("the page answers 400 with a field error for to=%s", async (bad) => {
    const res = await call(auditPage, `/audit?to=${encodeURIComponent(bad)}`, cookie);
    expect(res.status).toBe(400);
    const data = (await res.json()) as { errors: Record<string, unknown>; rows: unknown[] };
    expect(words(data.errors.to)).toMatch(/not a valid date/);
    expect(Array.isArray(data.rows)).toBe(true);
  });

  it("valid dates still filter", async () => {
    const res = await get("/audit/export?format=ndjson&from=2000-01-01&to=2999-12-31");
    expect(res.status).toBe(200);
    expect(res.body.trim().split("\n").length).toBeGreaterThan(10);
    const page = await call(auditPage, "/audit?from=2000-02-29&to=2999-12-31", cookie);
    expect(page.status).toBe(200);
  });

  it("an error in the middle of a stream ends the socket instead of leaving it open", async () => {
    const failing = http.createServer((req, res) => {
      res.writeHead(200, { "Content-Type": "text/plain" });
      async function* chunks() {
        yield "first batch\n";
        throw new Error("the database went away");
      }
      void pipeChunks(res, chunks(), () => {});
    });
    await new Promise<void>((resolve) => failing.listen(0, "127.0.0.1", resolve));
    const port = (failing.address() as AddressInfo).port;
    try {
      const outcome = await new Promise<string>((resolve) => {
        const timer = setTimeout(() => resolve("hung"), 5000);
        http.get({ host: "127.0.0.1", port, path: "/" }, (res) => {
          res.resume();
          res.on("end", () => (clearTimeout(timer), resolve("ended cleanly")));
          res.on("error", () => (clearTimeout(timer), resolve("aborted")));
          res.on("aborted", () => (clearTimeout(timer), resolve("aborted")));
        });
      });
      expect(outcome).toBe("aborted");
    } finally {
      await new Promise<void>((resolve) => failing.close(() => resolve()));
    }
  });
});
