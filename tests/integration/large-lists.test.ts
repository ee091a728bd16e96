// Issue 10 item 16: pages and exports over more proposals than SQLite's 999 bound parameters.
// 10,000 proposals (bench/generate-data.ts's shapes), written straight below the service layer.
import { parse } from "csv-parse/sync";
import { XMLValidator } from "fast-xml-parser";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { streamProposalExport } from "~/modules/proposals/export.server";
import { loader as reportLoader } from "~/routes/report";
import { loader as timelineLoader } from "~/routes/timeline";
import { seedDemoData } from "../../prisma/seed";
import { call, sessionCookie } from "../support/http";
import { sqlGet, sqlInsert } from "../support/sql";

const N = 10_000;
let cookie = "";
let total = 0;
let server: http.Server;
let base = "";

beforeAll(async () => {
  await seedDemoData({ quiet: true });
  cookie = await sessionCookie("manager@example.org");
  const summit = (await sqlGet<{ id: string }>(`SELECT "id" FROM "Summit" LIMIT 1`))!;
  const owner = (await sqlGet<{ id: string }>(`SELECT "id" FROM "User" WHERE "role" = 'analyst' LIMIT 1`))!;
  const now = new Date();
  const areas = ["energy", "digital", "transport", "education"];
  const ids = Array.from({ length: N }, (_, n) => n);
  const idOf = (n: number) => `bench${String(n).padStart(8, "0")}x`;
  await sqlInsert(
    "Proposal",
    ids.map((n) => ({
      id: idOf(n),
      reference: `BENCH-${String(n + 1).padStart(5, "0")}`,
      title: `Generated initiative ${n + 1}`,
      summary: "generated",
      area: areas[n % areas.length],
      proposingParty: "KZ",
      sourceQuote: "",
      summitId: summit.id,
      status: "in_progress",
      ownerId: owner.id,
      leadOrganisation: "Ministry",
      targetDate: now,
      priority: "medium",
      health: "on_track",
      historical: false,
      version: 1,
      createdAt: now,
      updatedAt: now,
    })),
  );
  await sqlInsert(
    "ProposalCountry",
    ids.map((n) => ({ proposalId: idOf(n), country: n % 2 ? "UZ" : "KZ" })),
  );
  await sqlInsert(
    "Milestone",
    ids.flatMap((n) =>
      [0, 1].map((m) => ({
        id: `${idOf(n)}m${m}`,
        proposalId: idOf(n),
        title: `Milestone ${m + 1}`,
        dueDate: now,
        status: m ? "planned" : "done",
        completedOn: null,
        note: "",
        position: m + 1,
        version: 1,
        createdAt: now,
        updatedAt: now,
      })),
    ),
  );
  total = (await sqlGet<{ n: number }>(`SELECT COUNT(*) AS "n" FROM "Proposal"`))!.n;
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
