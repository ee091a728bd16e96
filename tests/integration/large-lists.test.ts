// Issue 10 item 16: pages and exports over more proposals than SQLite's 999 bound parameters.
// 10,000 proposals (bench/generate-data.ts's shapes), written straight through better-sqlite3.
import { parse } from "csv-parse/sync";
import { XMLValidator } from "fast-xml-parser";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rawWriteConnection } from "~/db.server";
import { streamProposalExport } from "~/modules/proposals/export.server";
import { loader as reportLoader } from "~/routes/report";
import { loader as timelineLoader } from "~/routes/timeline";
import { seedDemoData } from "../../prisma/seed";
import { call, sessionCookie } from "../support/http";

const N = 10_000;
let cookie = "";
let total = 0;
let server: http.Server;
let base = "";

beforeAll(async () => {
  await seedDemoData({ quiet: true });
  cookie = await sessionCookie("manager@example.org");
  const raw = await rawWriteConnection();
  const summit = raw.prepare("SELECT id, date FROM Summit LIMIT 1").get() as { id: string; date: string };
  const owner = raw.prepare("SELECT id FROM User WHERE role = 'analyst' LIMIT 1").get() as { id: string };
  const now = new Date().toISOString().replace("Z", "+00:00");
  const insertProposal = raw.prepare(`INSERT INTO Proposal (id, reference, title, summary, area, proposingParty, sourceQuote, summitId, status, ownerId,
    leadOrganisation, targetDate, priority, health, historical, version, createdAt, updatedAt)
    VALUES (?, ?, ?, 'generated', ?, 'KZ', '', ?, 'in_progress', ?, 'Ministry', ?, 'medium', 'on_track', 0, 1, ?, ?)`);
  const insertCountry = raw.prepare("INSERT INTO ProposalCountry (proposalId, country) VALUES (?, ?)");
  const insertMilestone =
    raw.prepare(`INSERT INTO Milestone (id, proposalId, title, dueDate, status, completedOn, note, position, version, createdAt, updatedAt)
    VALUES (?, ?, ?, ?, ?, NULL, '', ?, 1, ?, ?)`);
  const areas = ["energy", "digital", "transport", "education"];
  raw.transaction(() => {
    for (let n = 0; n < N; n++) {
      const id = `bench${String(n).padStart(8, "0")}x`;
      insertProposal.run(
        id,
        `BENCH-${String(n + 1).padStart(5, "0")}`,
        `Generated initiative ${n + 1}`,
        areas[n % areas.length],
        summit.id,
        owner.id,
        now,
        now,
        now,
      );
      insertCountry.run(id, n % 2 ? "UZ" : "KZ");
      for (let m = 0; m < 2; m++) insertMilestone.run(`${id}m${m}`, id, `Milestone ${m + 1}`, now, m ? "planned" : "done", m + 1, now, now);
    }
  })();
  total = Number((raw.prepare("SELECT COUNT(*) AS n FROM Proposal").get() as { n: number }).n);
  server = http.createServer((req, res) => void streamProposalExport(req, res).catch(() => res.destroy()));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}, 60_000);
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

async function get(path: string) {
  const res = await fetch(base + path, { headers: { Cookie: cookie }, signal: AbortSignal.timeout(20_000) });
  return { status: res.status, body: await res.text() };
}

describe(`${N.toLocaleString("en")} proposals`, () => {
  it("the unfiltered CSV export has every proposal", async () => {
    const res = await get("/proposals/export?format=csv");
    expect(res.status).toBe(200);
    const records = parse(res.body, { columns: true, bom: true }) as { reference: string; milestones_total: string }[];
    expect(records).toHaveLength(total);
    expect(new Set(records.map((r) => r.reference)).size).toBe(total);
    expect(records.find((r) => r.reference === "BENCH-09999")!.milestones_total).toBe("2");
  });

  it("the unfiltered JSON export has every proposal with its milestones", async () => {
    const res = await get("/proposals/export?format=json");
    expect(res.status).toBe(200);
    const doc = JSON.parse(res.body) as { count: number; proposals: { reference: string; countries: string[]; milestones: unknown[] }[] };
    expect(doc.count).toBe(total);
    expect(doc.proposals).toHaveLength(total);
    const last = doc.proposals.find((p) => p.reference === "BENCH-10000")!;
    expect(last.milestones).toHaveLength(2);
    expect(last.countries).toEqual(["UZ"]); // n = 9999 is odd
  });

  it("the unfiltered IATI export has every activity and is well-formed", async () => {
    const res = await get("/proposals/export?format=iati");
    expect(res.status).toBe(200);
    expect(XMLValidator.validate(res.body)).toBe(true);
    expect(res.body.match(/<iati-activity /g)).toHaveLength(total);
  });

  it("a filter matching thousands still exports exactly those", async () => {
    const res = await get("/proposals/export?format=csv&area=energy&country=KZ");
    expect(res.status).toBe(200);
    const records = parse(res.body, { columns: true, bom: true }) as { reference: string }[];
    // Generated: energy is every 4th (n % 4 == 0), and those all have KZ (n even).
    expect(records.filter((r) => r.reference.startsWith("BENCH-"))).toHaveLength(N / 4);
  });

  it("the timeline shows every proposal with milestones", async () => {
    const res = await call(timelineLoader, "/timeline", cookie);
    expect(res.status).toBe(200);
    const data = (await res.json()) as { proposals: { reference: string; milestones: unknown[] }[] };
    expect(data.proposals.filter((p) => p.reference.startsWith("BENCH-"))).toHaveLength(N);
    expect(data.proposals.find((p) => p.reference === "BENCH-00001")!.milestones).toHaveLength(2);
  });

  it("the briefing covers every proposal", async () => {
    const res = await call(reportLoader, "/report", cookie);
    expect(res.status).toBe(200);
    const data = (await res.json()) as { proposals: { reference: string; owner: { name: string } }[] };
    expect(data.proposals.filter((p) => p.reference.startsWith("BENCH-"))).toHaveLength(N);
    expect(data.proposals[0].owner.name).toBeTruthy();
  });
});
