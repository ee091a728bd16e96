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
  staleProposals,
} from "~/modules/dashboard/queries.server";
import { AREAS, STATUSES } from "~/modules/proposals/vocabulary";
import { requireUser } from "~/modules/users/session.server";
import { HealthBadge, ProgressBar, StatusBadge } from "~/ui/badges";
import { DueDoneChart, HorizontalBarChart } from "~/ui/charts";
import { formatDay, formatPercent } from "~/ui/format";
import { HistoryList } from "~/ui/history";
import { AREA_LABEL, STATUS_LABEL } from "~/ui/labels";

export const meta: MetaFunction = () => [{ title: "Dashboard · Summit Tracker" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  const now = new Date();
  const [byStatus, byArea, progress, overdue, overdueProposals, atRisk, stale, months, activity] = await Promise.all([
    countsBy("status"),
    countsBy("area"),
    progressByArea(),
    overdueMilestones(now),
    overdueProposalCount(now),
    atRiskProposals(),
    staleProposals(now),
    milestonesByMonth(now),
    recentActivity(8),
  ]);
  return json({ byStatus, byArea, progress, overdue, overdueProposals, atRisk, stale, months, activity });
}

export default function Dashboard() {
  const { byStatus, byArea, progress, overdue, overdueProposals, atRisk, stale, months, activity } = useLoaderData<typeof loader>();
  const total = Object.values(byStatus).reduce((a, b) => a + b, 0);
  const areaProgress = new Map(progress.byArea.map((a) => [a.area, a.counted ? a.done / a.counted : null]));
  return (
    <>
      <div className="page-head">
        <div>
          <p className="eyebrow">Central Asia + Japan Dialogue</p>
          <h1>Where we stand</h1>
        </div>
        <p className="actions">
          <span className="muted">Overall progress</span> <ProgressBar value={progress.overall} label="Overall progress" />
        </p>
      </div>

      <section aria-labelledby="attention-h">
        <h2 id="attention-h" className="sr-only">
          What needs attention
        </h2>
        <div className="grid grid-3">
          <Link to="/proposals" className="stat">
            <span className="stat-value">{total}</span>
            <span className="stat-label">Proposals tracked</span>
          </Link>
          <Link to="/proposals?overdue=1" className="stat">
            <span className="stat-value stale-red">{overdueProposals}</span>
            <span className="stat-label">With overdue milestones ({overdue.total} milestones)</span>
          </Link>
          <Link to="/proposals?health=at_risk&health=off_track&status=proposed&status=under_review&status=agreed&status=in_progress&status=on_hold" className="stat">
            <span className="stat-value">{atRisk.length}</span>
            <span className="stat-label">At risk or off track</span>
          </Link>
          <Link to="/proposals?stale=amber" className="stat">
            <span className="stat-value stale-amber">{stale.amber}</span>
            <span className="stat-label">No change for 30–60 days</span>
          </Link>
          <Link to="/proposals?stale=red" className="stat">
            <span className="stat-value stale-red">{stale.red}</span>
            <span className="stat-label">No change for 60+ days</span>
          </Link>
        </div>
      </section>

      <div className="grid grid-2">
        <section className="card" aria-labelledby="by-status-h">
          <h2 id="by-status-h">By status</h2>
          <HorizontalBarChart
            id="status-chart"
            title="Proposals by status"
            description={STATUSES.map((s) => `${STATUS_LABEL[s]}: ${byStatus[s] ?? 0}`).join("; ")}
            bars={STATUSES.map((s) => ({ key: s, label: STATUS_LABEL[s], value: byStatus[s] ?? 0, href: `/proposals?status=${s}` }))}
          />
          <ul className="inline-list">
            {STATUSES.map((s) => (
              <li key={s}>
                <Link to={`/proposals?status=${s}`}>
                  {STATUS_LABEL[s]}: <strong>{byStatus[s] ?? 0}</strong>
                </Link>
              </li>
            ))}
          </ul>
        </section>
        <section className="card" aria-labelledby="by-area-h">
          <h2 id="by-area-h">By area, with progress</h2>
          <table>
            <thead>
              <tr>
                <th scope="col">Area</th>
                <th scope="col">Proposals</th>
                <th scope="col">Progress</th>
              </tr>
            </thead>
            <tbody>
              {AREAS.map((a) => (
                <tr key={a}>
                  <td>
                    <Link to={`/proposals?area=${a}`}>{AREA_LABEL[a]}</Link>
                  </td>
                  <td>
                    <Link to={`/proposals?area=${a}`} aria-label={`${byArea[a] ?? 0} proposals in ${AREA_LABEL[a]}`}>
                      {byArea[a] ?? 0}
                    </Link>
                  </td>
                  <td>
                    <ProgressBar value={areaProgress.get(a) ?? null} label={`Progress in ${AREA_LABEL[a]}`} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      </div>

      <section className="card" aria-labelledby="months-h">
        <h2 id="months-h">Milestones due and done, past twelve and next twelve months</h2>
        <DueDoneChart id="months-chart" months={months.months} currentMonth={months.current} />
        <details>
          <summary>The figures as a table</summary>
          <table>
            <thead>
              <tr>
                <th scope="col">Month</th>
                <th scope="col">Due</th>
                <th scope="col">Done</th>
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
        </details>
      </section>

      <div className="grid grid-2">
        <section className="card" aria-labelledby="overdue-h">
          <h2 id="overdue-h">Overdue milestones ({overdue.total})</h2>
          {overdue.rows.length === 0 ? (
            <p className="empty">Nothing is overdue.</p>
          ) : (
            <table>
              <thead>
                <tr>
                  <th scope="col">Milestone</th>
                  <th scope="col">Owner</th>
                  <th scope="col">Due</th>
                  <th scope="col">Days late</th>
                </tr>
              </thead>
              <tbody>
                {overdue.rows.map((m) => (
                  <tr key={m.id}>
                    <td>
                      <Link to={`/proposals/${m.proposal.id}`}>{m.proposal.reference}</Link> {m.title}
                    </td>
                    <td className="nowrap">{m.proposal.owner.name}</td>
                    <td className="nowrap">{formatDay(m.dueDate)}</td>
                    <td className={m.daysOverdue > 30 ? "stale-red" : "stale-amber"}>{m.daysOverdue}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
        <section className="card" aria-labelledby="stale-h">
          <h2 id="stale-h">Stale proposals</h2>
          {stale.rows.length === 0 ? (
            <p className="empty">Every active proposal changed in the last 30 days.</p>
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
                    <strong>{p.days} days</strong>
                    <span className="sr-only">{p.level === "red" ? " (over 60 days)" : " (30 to 60 days)"}</span>
                  </div>
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>

      <div className="grid grid-2">
        <section className="card" aria-labelledby="risk-h">
          <h2 id="risk-h">At risk or off track ({atRisk.length})</h2>
          {atRisk.length === 0 ? (
            <p className="empty">Every active proposal is on track.</p>
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
          <h2 id="activity-h">Recent activity</h2>
          <HistoryList events={activity} showTarget />
          <p>
            <Link to="/audit">Open the audit log →</Link>
          </p>
        </section>
      </div>
      <p className="muted">Overall progress {formatPercent(progress.overall)}: milestones done ÷ milestones not cancelled.</p>
    </>
  );
}
