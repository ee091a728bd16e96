import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { recentActivity } from "~/modules/audit/queries.server";
import { atRiskProposals, countsBy, overdueMilestones, progressByArea } from "~/modules/dashboard/queries.server";
import { AREAS, STATUSES } from "~/modules/proposals/vocabulary";
import { requireUser } from "~/modules/users/session.server";
import { HealthBadge, ProgressBar, StatusBadge } from "~/ui/badges";
import { formatDay } from "~/ui/format";
import { HistoryList } from "~/ui/history";
import { AREA_LABEL, STATUS_LABEL } from "~/ui/labels";

export const meta: MetaFunction = () => [{ title: "Dashboard · Summit Tracker" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  const [byStatus, byArea, progress, overdue, atRisk, activity] = await Promise.all([
    countsBy("status"),
    countsBy("area"),
    progressByArea(),
    overdueMilestones(),
    atRiskProposals(),
    recentActivity(8),
  ]);
  return json({ byStatus, byArea, progress, overdue, atRisk, activity });
}

export default function Dashboard() {
  const { byStatus, byArea, progress, overdue, atRisk, activity } = useLoaderData<typeof loader>();
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

      <section aria-labelledby="by-status-h">
        <h2 id="by-status-h" className="sr-only">
          Proposals by status
        </h2>
        <div className="grid grid-3">
          <Link to="/proposals" className="stat">
            <span className="stat-value">{total}</span>
            <span className="stat-label">All proposals</span>
          </Link>
          {STATUSES.map((s) => (
            <Link key={s} to={`/proposals?status=${s}`} className="stat">
              <span className="stat-value">{byStatus[s] ?? 0}</span>
              <span className="stat-label">{STATUS_LABEL[s]}</span>
            </Link>
          ))}
        </div>
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
                    <td>{m.daysOverdue}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>

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
      </div>

      <div className="grid grid-2">
        <section className="card" aria-labelledby="areas-h">
          <h2 id="areas-h">By area</h2>
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
                    <Link to={`/proposals?area=${a}`}>{byArea[a] ?? 0}</Link>
                  </td>
                  <td>
                    <ProgressBar value={areaProgress.get(a) ?? null} label={`Progress in ${AREA_LABEL[a]}`} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
        <section className="card" aria-labelledby="activity-h">
          <h2 id="activity-h">Recent activity</h2>
          <HistoryList events={activity} showTarget />
          <p>
            <Link to="/audit">Open the audit log →</Link>
          </p>
        </section>
      </div>
    </>
  );
}
