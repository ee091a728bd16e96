import { msg } from "~/i18n/message";
import { pageTitle } from "~/i18n/meta";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { recentActivity } from "~/modules/audit/queries.server";
import {
  atRiskProposals,
  countsBy,
  milestonesByMonth,
  overdueMilestones,
  overdueProposalCount,
  progressByArea,
  scopeSummary,
  staleProposals,
} from "~/modules/dashboard/queries.server";
import { areaQuery, dashboardQueries, figureScope, listHref, statusQuery } from "~/modules/dashboard/links";
import { AREAS, STATUSES } from "~/modules/proposals/vocabulary";
import { requireUser } from "~/modules/users/session.server";
import { complianceByCountry } from "~/modules/compliance/queries.server";
import { formatAverage } from "~/modules/compliance/scoring";
import { changeText } from "~/ui/compliance";
import { cachedRead, today } from "~/lib/read-cache.server";
import { HealthBadge, ProgressBar, StatusBadge } from "~/ui/badges";
import { DueDoneChart, HorizontalBarChart } from "~/ui/charts";
import { formatDay, formatPercent } from "~/ui/format";
import { HistoryList } from "~/ui/history";
import { useT } from "~/i18n";
import { PageHeader } from "~/ui/page-header";
import { ScopeLine } from "~/ui/scope-line";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, msg("nav.dashboard"));

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  // Every figure is of one scope, the briefing's too: the chosen events' proposals, historical
  // records only when asked for (figureScope).
  const scope = figureScope(new URL(request.url).searchParams);
  // The figures change only when the data or the day does.
  const data = await cachedRead(`dashboard:${today()}:${scope}`, async () => {
    const now = new Date();
    const [byStatus, byArea, progress, overdue, overdueProposals, risk, stale, months, activity, summary, compliance] = await Promise.all([
      countsBy("status", scope),
      countsBy("area", scope),
      progressByArea(scope),
      overdueMilestones(scope, now),
      overdueProposalCount(scope, now),
      atRiskProposals(scope),
      staleProposals(scope, now),
      milestonesByMonth(scope, now),
      recentActivity(8),
      scopeSummary(scope),
      complianceByCountry(scope),
    ]);
    return {
      scope,
      summary,
      byStatus,
      byArea,
      progress,
      overdue,
      overdueProposals,
      atRisk: risk.rows,
      atRiskTotal: risk.total,
      stale,
      months,
      activity,
      compliance,
    };
  });
  return json(data);
}

export default function Dashboard() {
  const { scope, summary, byStatus, byArea, progress, overdue, overdueProposals, atRisk, atRiskTotal, stale, months, activity, compliance } =
    useLoaderData<typeof loader>();
  const queries = dashboardQueries(scope);
  const total = Object.values(byStatus).reduce((a, b) => a + b, 0);
  const areaProgress = new Map(progress.byArea.map((a) => [a.area, a.counted ? a.done / a.counted : null]));
  const t = useT();
  const area = (a: string) => t(`area.${a}` as "area.energy");
  const status = (s: string) => t(`status.${s}` as "status.agreed");
  return (
    <>
      <PageHeader eyebrow={t("dash.eyebrow")} title={t("dash.title")}>
        <p className="actions">
          <span className="muted">{t("dash.overall")}</span> <ProgressBar value={progress.overall} label={t("dash.overall")} />
        </p>
      </PageHeader>
      <ScopeLine summary={summary} action="/dashboard" />

      <section aria-labelledby="attention-h">
        <h2 id="attention-h" className="sr-only">
          {t("dash.attention")}
        </h2>
        <div className="grid grid-3">
          <Link to={listHref(queries.tracked)} className="stat">
            <span className="stat-value">{total}</span>
            <span className="stat-label">{t("dash.tracked")}</span>
          </Link>
          <Link to={listHref(queries.overdue)} className="stat">
            <span className="stat-value stale-red">{overdueProposals}</span>
            <span className="stat-label">{t("dash.overdueProposals", { milestones: overdue.total })}</span>
          </Link>
          <Link to={listHref(queries.atRisk)} className="stat">
            <span className="stat-value">{atRiskTotal}</span>
            <span className="stat-label">{t("dash.atRisk")}</span>
          </Link>
          <Link to={listHref(queries.staleAmber)} className="stat">
            <span className="stat-value stale-amber">{stale.amber}</span>
            <span className="stat-label">{t("dash.staleAmber")}</span>
          </Link>
          <Link to={listHref(queries.staleRed)} className="stat">
            <span className="stat-value stale-red">{stale.red}</span>
            <span className="stat-label">{t("dash.staleRed")}</span>
          </Link>
        </div>
      </section>

      <div className="grid grid-2">
        <section className="card" aria-labelledby="by-status-h">
          <h2 id="by-status-h">{t("dash.byStatus")}</h2>
          <HorizontalBarChart
            id="status-chart"
            title={t("dash.byStatusChart")}
            description={STATUSES.map((s) => `${status(s)}: ${byStatus[s] ?? 0}`).join("; ")}
            bars={STATUSES.map((s) => ({ key: s, label: status(s), value: byStatus[s] ?? 0, href: listHref(statusQuery(scope, s)) }))}
          />
          <ul className="inline-list">
            {STATUSES.map((s) => (
              <li key={s}>
                <Link to={listHref(statusQuery(scope, s))}>
                  {status(s)}: <strong>{byStatus[s] ?? 0}</strong>
                </Link>
              </li>
            ))}
          </ul>
        </section>
        <section className="card" aria-labelledby="by-area-h">
          <h2 id="by-area-h">{t("dash.byArea")}</h2>
          <div className="table-scroll">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("dash.area")}</th>
                  <th scope="col">{t("dash.proposals")}</th>
                  <th scope="col">{t("dash.progress")}</th>
                </tr>
              </thead>
              <tbody>
                {AREAS.map((a) => (
                  <tr key={a}>
                    <td>
                      <Link to={listHref(areaQuery(scope, a))}>{area(a)}</Link>
                    </td>
                    <td>
                      <Link to={listHref(areaQuery(scope, a))} aria-label={t("dash.inArea", { count: byArea[a] ?? 0, area: area(a) })}>
                        {byArea[a] ?? 0}
                      </Link>
                    </td>
                    <td>
                      <ProgressBar value={areaProgress.get(a) ?? null} label={t("dash.progressIn", { area: area(a) })} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      </div>
      {compliance ? <ComplianceByCountry compliance={compliance} scope={scope} /> : null}

      <section className="card" aria-labelledby="months-h">
        <h2 id="months-h">{t("dash.months")}</h2>
        <DueDoneChart id="months-chart" months={months.months} currentMonth={months.current} />
        <details>
          <summary>{t("dash.monthsTable")}</summary>
          <div className="table-scroll">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("dash.month")}</th>
                  <th scope="col">{t("dash.due")}</th>
                  <th scope="col">{t("dash.done")}</th>
                </tr>
              </thead>
              <tbody>
                {months.months.map((m) => (
                  <tr key={m.month}>
                    <td>{m.month}</td>
                    <td>{m.due}</td>
                    <td>{m.done}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </details>
      </section>

      <div className="grid grid-2">
        <section className="card" aria-labelledby="overdue-h">
          <h2 id="overdue-h">{t("dash.overdue", { count: overdue.total })}</h2>
          {overdue.rows.length === 0 ? (
            <p className="empty">{t("dash.nothingOverdue")}</p>
          ) : (
            <div className="table-scroll">
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t("dash.milestone")}</th>
                    <th scope="col">{t("dash.owner")}</th>
                    <th scope="col">{t("dash.due")}</th>
                    <th scope="col">{t("dash.daysLate")}</th>
                  </tr>
                </thead>
                <tbody>
                  {overdue.rows.map((m) => (
                    <tr key={m.id}>
                      <td>
                        <Link to={`/proposals/${m.proposal.id}`}>{m.proposal.reference}</Link> {m.title}
                      </td>
                      <td className="nowrap">{m.proposal.owner.name}</td>
                      <td className="nowrap">{formatDay(m.dueDate, t.locale)}</td>
                      <td className={m.daysOverdue > 30 ? "stale-red" : "stale-amber"}>{m.daysOverdue}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
        <section className="card" aria-labelledby="stale-h">
          <h2 id="stale-h">{t("dash.stale")}</h2>
          {stale.rows.length === 0 ? (
            <p className="empty">{t("dash.noStale")}</p>
          ) : (
            <ul className="milestones">
              {stale.rows.map((p) => (
                <li key={p.id}>
                  <div>
                    <Link to={`/proposals/${p.id}`}>
                      {p.reference} {p.title}
                    </Link>
                    <div className="muted">{p.owner.name}</div>
                  </div>
                  <div className={`stale-${p.level}`}>
                    <strong>{t("dash.days", { days: p.days })}</strong>
                    <span className="sr-only"> ({p.level === "red" ? t("dash.staleRed") : t("dash.staleAmber")})</span>
                  </div>
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>

      <div className="grid grid-2">
        <section className="card" aria-labelledby="risk-h">
          <h2 id="risk-h">{t("dash.riskList", { count: atRisk.length })}</h2>
          {atRisk.length === 0 ? (
            <p className="empty">{t("dash.allOnTrack")}</p>
          ) : (
            <ul className="milestones">
              {atRisk.map((p) => (
                <li key={p.id}>
                  <div>
                    <Link to={`/proposals/${p.id}`}>
                      {p.reference} {p.title}
                    </Link>
                    <div className="muted">{p.owner.name}</div>
                  </div>
                  <div>
                    <HealthBadge health={p.health} /> <StatusBadge status={p.status} />
                  </div>
                </li>
              ))}
            </ul>
          )}
        </section>
        <section className="card" aria-labelledby="activity-h">
          <h2 id="activity-h">{t("dash.activity")}</h2>
          <HistoryList events={activity} showTarget />
          <p>
            <Link to="/audit">{t("dash.openAudit")}</Link>
          </p>
        </section>
      </div>
      <p className="muted">{t("dash.footnote", { percent: formatPercent(progress.overall, t.locale) })}</p>
    </>
  );
}

/** The latest round's compliance by party, each a link to its scorecard under the same scope. */
function ComplianceByCountry({ compliance, scope }: { compliance: NonNullable<ReturnType<typeof useLoaderData<typeof loader>>["compliance"]>; scope: string }) {
  const t = useT();
  const query = scope ? `?${scope}` : "";
  return (
    <section className="card" aria-labelledby="compliance-h">
      <h2 id="compliance-h">{t("dash.compliance")}</h2>
      <p className="muted">
        <Link to={`/compliance?round=${compliance.round.id}${scope ? `&${scope}` : ""}`}>{t("dash.complianceRound", { round: compliance.round.name })}</Link> ·{" "}
        {t(`roundStatus.${compliance.round.status}`)}
        {compliance.previous ? ` · ${t("comp.change", { round: compliance.previous })}` : ""}
      </p>
      <div className="table-scroll">
        <table>
          <thead>
            <tr>
              <th scope="col">{t("comp.party")}</th>
              <th scope="col">{t("comp.compliance")}</th>
              <th scope="col" className="num">
                {t("comp.average")}
              </th>
              <th scope="col" className="num">
                {t("comp.scored")}
              </th>
              {compliance.previous ? (
                <th scope="col" className="num">
                  {t("comp.changeShort")}
                </th>
              ) : null}
            </tr>
          </thead>
          <tbody>
            {compliance.countries.map((c) => (
              <tr key={c.country}>
                <td>
                  <Link to={`/countries/${c.country}${query}`}>{t(`country.${c.country}`)}</Link>
                </td>
                <td>
                  <ProgressBar
                    value={c.summary.percent === null ? null : c.summary.percent / 100}
                    label={`${t("comp.compliance")}: ${t(`country.${c.country}`)}`}
                  />
                </td>
                <td className="num">{formatAverage(c.summary.average)}</td>
                <td className="num">{c.summary.counted}</td>
                {compliance.previous ? <td className="num">{changeText(c.change)}</td> : null}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
