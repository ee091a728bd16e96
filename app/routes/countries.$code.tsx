// /countries/:code (issue 16): one party's compliance scorecard — its commitments, its score on
// each in every round with the rationale and evidence, and its compliance over the rounds as a
// chart and a table (the chart's text alternative). Filterable like the list; CSV and JSON.
import { msg } from "~/i18n/message";
import { pageTitle } from "~/i18n/meta";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData, useLocation } from "@remix-run/react";
import { useT } from "~/i18n";
import { scorecard, type Scorecard } from "~/modules/compliance/queries.server";
import type { Score } from "~/modules/compliance/scoring";
import { parseProposalFilters } from "~/modules/proposals/filters.server";
import { listOwners } from "~/modules/proposals/queries.server";
import { COUNTRIES } from "~/modules/proposals/vocabulary";
import { countryOf } from "~/modules/compliance/country.server";
import { requireUser } from "~/modules/users/session.server";
import { StatusBadge } from "~/ui/badges";
import { FigureCells, FigureHeads, ScoreBadge, TrendChart } from "~/ui/compliance";
import { EvidenceLine, type EvidenceView } from "~/ui/evidence";
import { formatDay } from "~/ui/format";
import { PageHeader } from "~/ui/page-header";
import { ActiveFilters, ProposalFilterForm } from "~/ui/proposal-filters";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  pageTitle(matches, data ? msg("card.title", { country: msg(`country.${data.card.country}`) }) : msg("title.scorecard"));

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireUser(request);
  const country = countryOf(params.code);
  const search = new URL(request.url).searchParams;
  const filters = parseProposalFilters(search);
  const [card, owners] = await Promise.all([scorecard(country, filters), listOwners()]);
  return json({ card, filters, owners });
}

export default function ScorecardPage() {
  const { card: data, filters, owners } = useLoaderData<typeof loader>();
  const card = data as unknown as Scorecard;
  const t = useT();
  const location = useLocation();
  const name = t(`country.${card.country}`);
  const scoredRounds = card.rounds.filter((r) => r.summary.counted + r.summary.notApplicable > 0 || r.summary.notScored > 0);
  const search = location.search ? `${location.search}&` : "?";
  return (
    <>
      <PageHeader
        eyebrow={
          <>
            <Link to="/compliance">{t("comp.title")}</Link> · {t("comp.scorecard")}
          </>
        }
        title={t("card.title", { country: name })}
        meta={
          <span className="muted">
            {t("comp.export")}: <a href={`/countries/${card.country}/export${search}format=csv`}>CSV</a> ·{" "}
            <a href={`/countries/${card.country}/export${search}format=json`}>JSON</a>
          </span>
        }
      />
      <p className="lead-text">{t("card.lead", { country: name })}</p>
      <nav className="country-switch" aria-label={t("comp.scorecard")}>
        {COUNTRIES.map((c) => (
          <Link key={c} to={`/countries/${c}${location.search}`} aria-current={c === card.country ? "page" : undefined} className="tag">
            {t(`country.${c}`)}
          </Link>
        ))}
      </nav>
      <ProposalFilterForm filters={filters as never} owners={owners} action={`/countries/${card.country}`} />
      <ActiveFilters search={location.search} owners={owners} />
      <section className="card" aria-labelledby="trend-h">
        <h2 id="trend-h">{t("card.trend")}</h2>
        {scoredRounds.length ? (
          <>
            <TrendChart
              id="trend"
              title={t("card.trend")}
              description={t("card.chartCaption", { country: name })}
              points={card.rounds.map((r) => ({ label: r.round.name, percent: r.summary.percent }))}
            />
            <table className="figures">
              <thead>
                <tr>
                  <th scope="col">{t("comp.round")}</th>
                  <th scope="col">{t("field.cutoff")}</th>
                  <FigureHeads withChange />
                </tr>
              </thead>
              <tbody>
                {card.rounds.map((r) => (
                  <tr key={r.round.id}>
                    <th scope="row">
                      <Link to={`/compliance?round=${r.round.id}`}>{r.round.name}</Link>{" "}
                      <span className="muted small">
                        ({t(`roundKind.${r.round.kind}`)}, {t(`roundStatus.${r.round.status}`)})
                      </span>
                    </th>
                    <td>{formatDay(r.round.cutoff, t.locale)}</td>
                    <FigureCells summary={r.summary} change={r.change} withChange />
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        ) : (
          <p className="empty">{t("card.noScores", { country: name })}</p>
        )}
      </section>
      <section className="card" aria-labelledby="commitments-h">
        <h2 id="commitments-h">{t("card.commitments")}</h2>
        {/* eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex -- a scrolling region must take focus (WCAG 2.1.1) */}
        <div className="table-scroll" role="region" aria-labelledby="commitments-h" tabIndex={0}>
          <table className="matrix scorecard">
            <thead>
              <tr>
                <th scope="col">{t("comp.commitment")}</th>
                {card.rounds.map((r) => (
                  <th key={r.round.id} scope="col" className="scorecard-round">
                    {r.round.name}
                  </th>
                ))}
                <th scope="col">{t("field.rationale")}</th>
              </tr>
            </thead>
            <tbody>
              {card.commitments.map((c) => {
                const latest = [...c.scores].reverse().find((s) => s.scored);
                return (
                  <tr key={c.id}>
                    <th scope="row">
                      <Link to={`/proposals/${c.id}`}>{c.reference}</Link> {c.title} <StatusBadge status={c.status as "completed"} />
                    </th>
                    {c.scores.map((s) => (
                      <td key={s.roundId}>
                        {s.inRound ? (
                          <ScoreBadge score={s.scored ? (s.score as Score | null) : undefined} />
                        ) : (
                          <span className="muted">{t("score.notInRound")}</span>
                        )}
                      </td>
                    ))}
                    <td className="rationale">
                      {latest ? (
                        <>
                          <p>{latest.rationale}</p>
                          {latest.evidence.length ? (
                            <ul className="evidence-list">
                              {latest.evidence.map((e) => (
                                <li key={e.id}>
                                  <EvidenceLine item={e as unknown as EvidenceView} showAttachment={false} />
                                </li>
                              ))}
                            </ul>
                          ) : null}
                        </>
                      ) : (
                        <span className="muted">{t("score.none")}</span>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      </section>
    </>
  );
}
