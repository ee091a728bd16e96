// Reads for proposals, on the read connection, always with an explicit column list.
import { Prisma } from "@prisma/client";
import { readDb } from "~/db.server";
import { NotFoundError } from "~/lib/errors";
import type { ProposalFilters } from "./schemas";
import type { Area, Health, Status } from "./vocabulary";

export const PAGE_SIZE = 50;

export type ProposalRow = {
  id: string;
  reference: string;
  title: string;
  area: Area;
  status: Status;
  health: Health;
  ownerId: string;
  ownerName: string;
  targetDate: string | null;
  updatedAt: string;
  historical: boolean;
  done: number;
  counted: number;
  progress: number | null;
};

const SORT_SQL: Record<ProposalFilters["sort"], Prisma.Sql> = {
  reference: Prisma.sql`p.reference`,
  title: Prisma.sql`p.title COLLATE NOCASE`,
  area: Prisma.sql`p.area`,
  status: Prisma.sql`CASE p.status WHEN 'proposed' THEN 1 WHEN 'under_review' THEN 2 WHEN 'agreed' THEN 3 WHEN 'in_progress' THEN 4 WHEN 'on_hold' THEN 5 WHEN 'completed' THEN 6 ELSE 7 END`,
  owner: Prisma.sql`ownerName COLLATE NOCASE`,
  targetDate: Prisma.sql`COALESCE(p.targetDate, '9999')`,
  progress: Prisma.sql`CASE WHEN counted = 0 THEN -1 ELSE done * 1.0 / counted END`,
  updatedAt: Prisma.sql`p.updatedAt`,
  health: Prisma.sql`CASE p.health WHEN 'on_track' THEN 1 WHEN 'at_risk' THEN 2 ELSE 3 END`,
};

const likeEscape = (s: string) => `%${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** The WHERE clause shared by the list, its counts, the board and the dashboard links. */
export function proposalWhere(f: Omit<ProposalFilters, "sort" | "dir" | "page">): Prisma.Sql {
  const parts: Prisma.Sql[] = [Prisma.sql`1 = 1`];
  if (f.status.length) parts.push(Prisma.sql`p.status IN (${Prisma.join(f.status)})`);
  if (f.area.length) parts.push(Prisma.sql`p.area IN (${Prisma.join(f.area)})`);
  if (f.health.length) parts.push(Prisma.sql`p.health IN (${Prisma.join(f.health)})`);
  if (f.owner) parts.push(Prisma.sql`p.ownerId = ${f.owner}`);
  if (f.country.length) {
    parts.push(Prisma.sql`p.id IN (SELECT proposalId FROM ProposalCountry WHERE country IN (${Prisma.join(f.country)}))`);
  }
  if (f.historical === "only") parts.push(Prisma.sql`p.historical = 1`);
  if (f.historical === "exclude") parts.push(Prisma.sql`p.historical = 0`);
  if (f.q) {
    const like = likeEscape(f.q);
    parts.push(
      Prisma.sql`(p.reference LIKE ${like} ESCAPE '\\' OR p.title LIKE ${like} ESCAPE '\\' OR p.summary LIKE ${like} ESCAPE '\\' OR p.sourceQuote LIKE ${like} ESCAPE '\\' OR p.leadOrganisation LIKE ${like} ESCAPE '\\')`,
    );
  }
  return Prisma.join(parts, " AND ");
}

type RawRow = Omit<ProposalRow, "progress" | "historical" | "done" | "counted"> & {
  historical: number | bigint | boolean;
  done: number | bigint;
  counted: number | bigint;
};

export async function listProposals(f: ProposalFilters): Promise<{ rows: ProposalRow[]; total: number; page: number; pages: number }> {
  const where = proposalWhere(f);
  const [{ total }] = await readDb.$queryRaw<{ total: bigint | number }[]>`
    SELECT COUNT(*) AS total FROM Proposal p WHERE ${where}`;
  const count = Number(total);
  const pages = Math.max(1, Math.ceil(count / PAGE_SIZE));
  const page = Math.min(f.page, pages);
  const dir = f.dir === "desc" ? Prisma.sql`DESC` : Prisma.sql`ASC`;
  const raw = await readDb.$queryRaw<RawRow[]>`
    SELECT p.id, p.reference, p.title, p.area, p.status, p.health, p.ownerId, u.name AS ownerName,
           p.targetDate, p.updatedAt, p.historical,
           (SELECT COUNT(*) FROM Milestone m WHERE m.proposalId = p.id AND m.status = 'done') AS done,
           (SELECT COUNT(*) FROM Milestone m WHERE m.proposalId = p.id AND m.status <> 'cancelled') AS counted
    FROM Proposal p JOIN User u ON u.id = p.ownerId
    WHERE ${where}
    ORDER BY ${SORT_SQL[f.sort]} ${dir}, p.reference ASC
    LIMIT ${PAGE_SIZE} OFFSET ${(page - 1) * PAGE_SIZE}`;
  return { rows: raw.map(toRow), total: count, page, pages };
}

function toRow(r: RawRow): ProposalRow {
  const done = Number(r.done);
  const counted = Number(r.counted);
  return {
    ...r,
    historical: Boolean(Number(r.historical)),
    targetDate: r.targetDate ? new Date(r.targetDate).toISOString() : null,
    updatedAt: new Date(r.updatedAt).toISOString(),
    done,
    counted,
    progress: counted === 0 ? null : done / counted,
  };
}

export async function getProposal(id: string) {
  const proposal = await readDb.proposal.findUnique({
    where: { id },
    select: {
      id: true,
      reference: true,
      title: true,
      summary: true,
      area: true,
      proposingParty: true,
      sourceQuote: true,
      status: true,
      ownerId: true,
      leadOrganisation: true,
      targetDate: true,
      priority: true,
      health: true,
      historical: true,
      version: true,
      createdAt: true,
      updatedAt: true,
      owner: { select: { id: true, name: true, email: true } },
      summit: { select: { id: true, name: true, date: true, place: true, sourceDocument: true } },
      countries: { select: { country: true }, orderBy: { country: "asc" } },
      milestones: {
        select: { id: true, title: true, dueDate: true, status: true, completedOn: true, note: true, position: true, version: true },
        orderBy: [{ position: "asc" }, { dueDate: "asc" }],
      },
      updates: {
        select: { id: true, health: true, body: true, createdAt: true, author: { select: { id: true, name: true } } },
        orderBy: { createdAt: "desc" },
      },
    },
  });
  if (!proposal) throw new NotFoundError("That proposal");
  return proposal;
}
export type ProposalDetail = Awaited<ReturnType<typeof getProposal>>;

/** People who can own proposals: active analysts, managers and admins. */
export function listOwners() {
  return readDb.user.findMany({
    where: { active: true, role: { in: ["analyst", "manager", "admin"] } },
    select: { id: true, name: true, role: true },
    orderBy: { name: "asc" },
  });
}

export function listSummits() {
  return readDb.summit.findMany({ select: { id: true, name: true, date: true }, orderBy: { date: "desc" } });
}
