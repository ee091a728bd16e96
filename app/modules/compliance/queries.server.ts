// Reading compliance (issue 16): the rounds, one round's matrix of commitments × parties with the
// averages by party, by area and overall and the change since the previous round, and one party's
// scorecard over every round. A round assesses the commitments made (their event's date) by its
// cut-off; the list's filters (proposalWhere) narrow every view, so a figure and the list agree.
import { readDb } from "~/db.server";
import { NotFoundError } from "~/lib/errors";
import { msg } from "~/i18n/message";
import { column, rowParser } from "~/lib/sql-rows.server";
import { proposalWhere, type ProposalScope } from "~/modules/proposals/filter-sql.server";
import { parseProposalFilters } from "~/modules/proposals/filters.server";
import { AREAS, COUNTRIES, type Area, type Country } from "~/modules/proposals/vocabulary";
import { change, summarise, type Given, type Score, type Summary } from "./scoring";

export const ROUND_FIELDS = { id: true, name: true, kind: true, cutoff: true, status: true, closedAt: true, version: true } as const;

/** Every round, the latest cut-off first. */
export function listRounds() {
  return readDb.assessmentRound.findMany({ select: ROUND_FIELDS, orderBy: [{ cutoff: "desc" }, { createdAt: "desc" }] });
}

export type Round = Awaited<ReturnType<typeof listRounds>>[number];

const cellRow = rowParser("compliance cell", {
  proposalId: column.text,
  reference: column.text,
  title: column.text,
  area: column.oneOf(AREAS),
  ownerId: column.text,
  country: column.oneOf(COUNTRIES),
  scoreId: column.textOrNull,
  score: column.intOrNull,
  rationale: column.textOrNull,
  evidenceCount: column.int,
});

/** Each (commitment, participating party) of a round, with its score when there is one. */
async function cellsOf(round: { id: string; cutoff: Date }, scope: ProposalScope) {
  return cellRow.rows(
    await readDb.$queryRaw`
      SELECT p."id" AS "proposalId", p."reference", p."title", p."area", p."ownerId", c."country",
             s."id" AS "scoreId", s."score", s."rationale",
             (SELECT COUNT(*) FROM "ScoreEvidence" se WHERE se."scoreId" = s."id") AS "evidenceCount"
      FROM "Proposal" p
      JOIN "Summit" e ON e."id" = p."summitId"
      JOIN "ProposalCountry" c ON c."proposalId" = p."id"
      LEFT JOIN "ComplianceScore" s ON s."proposalId" = p."id" AND s."country" = c."country" AND s."roundId" = ${round.id}
      WHERE e."date" <= ${round.cutoff} AND ${proposalWhere(scope)}
      ORDER BY p."reference", c."country"`,
  );
}

/** A cell's score: undefined when not scored, null when not applicable. */
const givenOf = (c: { scoreId: string | null; score: number | null }): Given => (c.scoreId === null ? undefined : (c.score as Score | null));

export type MatrixCell = { scored: boolean; score: Score | null; evidenceCount: number; rationale: string };
export type MatrixRow = {
  id: string;
  reference: string;
  title: string;
  area: Area;
  ownerId: string;
  cells: Partial<Record<Country, MatrixCell>>;
  summary: Summary;
};
export type Figure = { summary: Summary; change: number | null };

function figures<K extends string>(
  cells: ReturnType<typeof cellRow.rows>,
  previous: ReturnType<typeof cellRow.rows> | null,
  key: (c: (typeof cells)[number]) => K,
  keys: readonly K[],
) {
  const out = {} as Record<K, Figure>;
  for (const k of keys) {
    const now = summarise(cells.filter((c) => key(c) === k).map(givenOf));
    const before = previous ? summarise(previous.filter((c) => key(c) === k).map(givenOf)) : undefined;
    out[k] = { summary: now, change: change(now, before) };
  }
  return out;
}

/** One round's matrix; `roundId` unknown → 404. */
export async function roundMatrix(roundId: string, scope: ProposalScope) {
  const round = await readDb.assessmentRound.findUnique({ where: { id: roundId }, select: ROUND_FIELDS });
  if (!round) throw new NotFoundError(msg("what.round"));
  const previousRound = await readDb.assessmentRound.findFirst({
    where: { cutoff: { lt: round.cutoff } },
    select: ROUND_FIELDS,
    orderBy: [{ cutoff: "desc" }, { createdAt: "desc" }],
  });
  const [cells, previous] = await Promise.all([cellsOf(round, scope), previousRound ? cellsOf(previousRound, scope) : Promise.resolve(null)]);
  const rows: MatrixRow[] = [];
  for (const c of cells) {
    let row = rows.at(-1);
    if (!row || row.id !== c.proposalId) {
      row = { id: c.proposalId, reference: c.reference, title: c.title, area: c.area, ownerId: c.ownerId, cells: {}, summary: summarise([]) };
      rows.push(row);
    }
    row.cells[c.country] = { scored: c.scoreId !== null, score: c.score as Score | null, evidenceCount: c.evidenceCount, rationale: c.rationale ?? "" };
  }
  for (const row of rows) row.summary = summarise(cells.filter((c) => c.proposalId === row.id).map(givenOf));
  const areas = AREAS.filter((a) => rows.some((r) => r.area === a));
  return {
    round,
    previousRound,
    rows,
    byCountry: figures(cells, previous, (c) => c.country, COUNTRIES),
    byArea: figures(cells, previous, (c) => c.area, areas),
    overall: figures(cells, previous, () => "all" as const, ["all"] as const).all,
  };
}

export type Matrix = Awaited<ReturnType<typeof roundMatrix>>;

const scoredRow = rowParser("scorecard score", {
  roundId: column.text,
  proposalId: column.text,
  scoreId: column.text,
  score: column.intOrNull,
  rationale: column.text,
  updatedAt: column.date,
  updatedBy: column.textOrNull,
});

const citedRow = rowParser("scorecard evidence", {
  scoreId: column.text,
  id: column.text,
  kind: column.oneOf(["link", "file"] as const),
  title: column.text,
  url: column.text,
  publisher: column.text,
  publishedOn: column.dateOrNull,
  fileName: column.text,
  byteSize: column.intOrNull,
  sha256: column.textOrNull,
});

const commitmentRow = rowParser("scorecard commitment", {
  id: column.text,
  reference: column.text,
  title: column.text,
  area: column.oneOf(AREAS),
  status: column.text,
  eventDate: column.date,
});

/** One party's scorecard: its commitments, each round's figure and scores, and the evidence cited. */
export async function scorecard(country: Country, scope: ProposalScope) {
  const rounds = (await listRounds()).reverse();
  const commitments = commitmentRow.rows(
    await readDb.$queryRaw`
      SELECT p."id", p."reference", p."title", p."area", p."status", e."date" AS "eventDate"
      FROM "Proposal" p JOIN "Summit" e ON e."id" = p."summitId"
      WHERE p."id" IN (SELECT c."proposalId" FROM "ProposalCountry" c WHERE c."country" = ${country}) AND ${proposalWhere(scope)}
      ORDER BY p."reference"`,
  );
  const scores = scoredRow.rows(
    await readDb.$queryRaw`
      SELECT s."roundId", s."proposalId", s."id" AS "scoreId", s."score", s."rationale", s."updatedAt", u."name" AS "updatedBy"
      FROM "ComplianceScore" s JOIN "Proposal" p ON p."id" = s."proposalId" LEFT JOIN "User" u ON u."id" = s."updatedById"
      WHERE s."country" = ${country} AND ${proposalWhere(scope)}`,
  );
  const cited = citedRow.rows(
    await readDb.$queryRaw`
      SELECT se."scoreId", v."id", v."kind", v."title", v."url", v."publisher", v."publishedOn", v."fileName", v."byteSize", v."sha256"
      FROM "ScoreEvidence" se
      JOIN "ComplianceScore" s ON s."id" = se."scoreId"
      JOIN "Evidence" v ON v."id" = se."evidenceId"
      JOIN "Proposal" p ON p."id" = s."proposalId"
      WHERE s."country" = ${country} AND ${proposalWhere(scope)}
      ORDER BY v."title"`,
  );
  const scoreOf = (roundId: string, proposalId: string) => scores.find((s) => s.roundId === roundId && s.proposalId === proposalId);
  const trend = rounds.map((round) => {
    const inRound = commitments.filter((c) => c.eventDate <= round.cutoff);
    const given = inRound.map((c): Given => {
      const s = scoreOf(round.id, c.id);
      return s ? (s.score as Score | null) : undefined;
    });
    return { round, summary: summarise(given) };
  });
  // The previous round as the matrix has it: the latest with an earlier cut-off (a round with the
  // same cut-off is a sibling, not a predecessor).
  const withChange = trend.map((t, i) => {
    const previous = trend.slice(0, i).findLast((p) => p.round.cutoff < t.round.cutoff);
    return { ...t, change: previous ? change(t.summary, previous.summary) : null };
  });
  return {
    country,
    rounds: withChange,
    commitments: commitments.map((c) => ({
      ...c,
      scores: rounds.map((round) => {
        const s = scoreOf(round.id, c.id);
        const inRound = c.eventDate <= round.cutoff;
        return {
          roundId: round.id,
          inRound,
          scored: Boolean(s),
          score: (s?.score ?? null) as Score | null,
          rationale: s?.rationale ?? "",
          updatedAt: s?.updatedAt ?? null,
          updatedBy: s?.updatedBy ?? null,
          evidence: s ? cited.filter((e) => e.scoreId === s.scoreId).map(({ scoreId: _scoreId, ...e }) => e) : [],
        };
      }),
    })),
  };
}

export type Scorecard = Awaited<ReturnType<typeof scorecard>>;

/** The score page's data: the round, the proposal's parties and their scores, its evidence. */
export async function scoreSheet(roundId: string, proposalId: string) {
  const round = await readDb.assessmentRound.findUnique({ where: { id: roundId }, select: ROUND_FIELDS });
  if (!round) throw new NotFoundError(msg("what.round"));
  const proposal = await readDb.proposal.findUnique({
    where: { id: proposalId },
    select: {
      id: true,
      reference: true,
      title: true,
      ownerId: true,
      summit: { select: { date: true, name: true } },
      countries: { select: { country: true } },
      scores: {
        where: { roundId },
        select: {
          country: true,
          score: true,
          rationale: true,
          version: true,
          updatedAt: true,
          updatedBy: { select: { name: true } },
          evidence: { select: { evidenceId: true } },
        },
      },
    },
  });
  if (!proposal) throw new NotFoundError(msg("what.proposal"));
  const countries = COUNTRIES.filter((c) => proposal.countries.some((x) => x.country === c));
  return { round, proposal: { ...proposal, countries } };
}

/** The dashboard's compliance by party: the latest round's figures under the dashboard's scope (a list query string). */
export async function complianceByCountry(scope: string) {
  const latest = (await listRounds())[0];
  if (!latest) return null;
  const m = await roundMatrix(latest.id, parseProposalFilters(new URLSearchParams(scope)));
  return {
    round: { id: latest.id, name: latest.name, status: latest.status },
    previous: m.previousRound?.name ?? null,
    countries: COUNTRIES.map((country) => ({ country, ...m.byCountry[country] })),
    overall: m.overall,
  };
}
