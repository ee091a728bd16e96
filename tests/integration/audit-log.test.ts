import { beforeAll, describe, expect, it } from "vitest";
import { parseAuditFilters } from "~/modules/audit/filters";
import { parse } from "csv-parse/sync";
import { auditExportChunks } from "~/modules/audit/export.server";
import { AUDIT_PAGE_SIZE, listAuditEvents } from "~/modules/audit/log.server";
import { addMilestone } from "~/modules/milestones/service.server";
import { postProgressUpdate, transitionStatus } from "~/modules/proposals/service.server";
import { authenticate } from "~/modules/users/auth.server";
import { seedDemoData } from "../../prisma/seed";
import { actor, ctx, proposalByRef } from "../support/factories";
import { sqlAll, type SqlParam } from "../support/sql";

let analystId = "";
let proposalId = "";

beforeAll(async () => {
  await seedDemoData({ quiet: true });
  const analyst = await actor("analyst@example.org");
  const analyst2 = await actor("analyst2@example.org");
  analystId = analyst.id;
  const p = await proposalByRef("CAJ25-06");
  proposalId = p.id;
  const q = await proposalByRef("CAJ25-04");
  for (let i = 0; i < 130; i++) {
    await postProgressUpdate(analyst, p.id, { health: i % 3 ? "on_track" : "at_risk", body: `update ${i}` }, ctx);
    await postProgressUpdate(analyst2, q.id, { health: "on_track", body: `other ${i}` }, ctx);
    if (i % 10 === 0) await authenticate("analyst@example.org", "wrong", ctx);
  }
  await transitionStatus(analyst, p.id, { to: "on_hold", note: "pause", version: p.version }, ctx);
});

/** All seqs a filter matches, straight from SQL, newest first. */
async function expected(where: string, params: SqlParam[] = []): Promise<number[]> {
  return (await sqlAll<{ seq: number }>(`SELECT "seq" FROM "AuditEvent" e WHERE ${where} ORDER BY "seq" DESC`, ...params)).map((r) => r.seq);
}

async function pageThrough(query: string): Promise<number[]> {
  const seen: number[] = [];
  let before: number | undefined;
  for (let guard = 0; guard < 1000; guard++) {
    const f = parseAuditFilters(new URLSearchParams(query + (before ? `&before=${before}` : "")));
    const page = await listAuditEvents(f);
    expect(page.rows.length).toBeLessThanOrEqual(AUDIT_PAGE_SIZE);
    seen.push(...page.rows.map((r) => r.seq));
    if (!page.hasOlder) break;
    before = page.rows[page.rows.length - 1].seq;
  }
  return seen;
}

describe("audit log filters and cursor pagination", () => {
  const cases: [string, () => [string, SqlParam[]]][] = [
    ["", () => ["1 = 1", []]],
    ["actor=ANALYST", () => ['e."actorId" = ?', [analystId]]],
    ["action=update.posted", () => [`e."action" = 'update.posted'`, []]],
    ["action=auth.*", () => [`e."action" LIKE 'auth.%'`, []]],
    ["proposal=CAJ25-06", () => ['e."proposalId" = ?', [proposalId]]],
    ["entity=update&actor=ANALYST", () => [`e."entityType" = 'update' AND e."actorId" = ?`, [analystId]]],
    ["action=proposal.status_changed&proposal=CAJ25-06", () => [`e."action" = 'proposal.status_changed' AND e."proposalId" = ?`, [proposalId]]],
  ];

  it.each(cases)("%s: every matching event once, newest first, none skipped", async (query, where) => {
    const q = query.replace("ANALYST", analystId);
    const [sql, params] = where();
    const want = await expected(sql, params);
    expect(want.length).toBeGreaterThan(0);
    const got = await pageThrough(q);
    expect(got).toEqual(want);
    expect(new Set(got).size).toBe(got.length);
  });

  it("pages back to newer events with `after` and lands on the same pages", async () => {
    const first = await listAuditEvents(parseAuditFilters(new URLSearchParams("")));
    const second = await listAuditEvents(parseAuditFilters(new URLSearchParams(`before=${first.rows.at(-1)!.seq}`)));
    const back = await listAuditEvents(parseAuditFilters(new URLSearchParams(`after=${second.rows[0].seq}`)));
    expect(back.rows.map((r) => r.seq)).toEqual(first.rows.map((r) => r.seq));
    expect(back.hasNewer).toBe(false);
    expect(back.hasOlder).toBe(true);
  });

  it("filters by a date range in UTC", async () => {
    const today = new Date().toISOString().slice(0, 10);
    expect(await pageThrough(`from=${today}&to=${today}`)).toEqual(await expected("1 = 1"));
    expect(await pageThrough(`to=2020-01-01`)).toEqual([]);
    expect(await pageThrough(`from=2999-01-01`)).toEqual([]);
  });

  it("exports exactly what the page filter matches", async () => {
    const f = parseAuditFilters(new URLSearchParams(`actor=${analystId}&action=update.posted`));
    // The real export, in small batches so several keyset steps are crossed.
    let csv = "";
    for await (const chunk of auditExportChunks(f, "csv", 37)) csv += chunk;
    const exported = (parse(csv, { columns: true }) as { seq: string }[]).map((r) => Number(r.seq));
    expect(exported.reverse()).toEqual(await pageThrough(`actor=${analystId}&action=update.posted`));
  });
});

describe("the audit log page names its targets (issue 12 item 5)", () => {
  it("gives a proposal's title, a milestone's title and a user's name, as the page is read, and nothing for an unknown id", async () => {
    const manager = await actor("manager@example.org");
    const p = await proposalByRef("CAJ25-02");
    await addMilestone(manager, p.id, { intent: "add-milestone", title: "Named in the log", dueDate: "2027-04-04", note: "" }, ctx);
    await authenticate("nobody-such@example.org", "wrong", ctx);

    const milestones = await listAuditEvents(parseAuditFilters(new URLSearchParams("action=milestone.created&proposal=CAJ25-02")));
    expect(milestones.rows[0]).toMatchObject({ proposalRef: "CAJ25-02", proposalTitle: p.title, targetName: "Named in the log" });

    const users = await listAuditEvents(parseAuditFilters(new URLSearchParams("action=user.created")));
    expect(users.rows.map((r) => r.targetName).sort()).toEqual(["Aigerim Nurlanova", "Alisher Tursunov", "Kenji Sato", "Timur Rakhimov", "Yuki Tanaka"]);

    const failed = await listAuditEvents(parseAuditFilters(new URLSearchParams("action=auth.login_failed")));
    expect(failed.rows[0]).toMatchObject({ entityType: "user", entityId: "unknown", targetName: null });
    // A full page of mixed targets: every user event named, every proposal event titled.
    const page = await listAuditEvents(parseAuditFilters(new URLSearchParams("")));
    expect(page.rows).toHaveLength(AUDIT_PAGE_SIZE);
    for (const r of page.rows) if (r.proposalId) expect(r.proposalTitle).toBeTruthy();
  });
});
