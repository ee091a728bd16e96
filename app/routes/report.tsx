import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { isOverdue, progressOf } from "~/modules/milestones/progress";
import { parseProposalFilters } from "~/modules/proposals/schemas";
import { briefingData } from "~/modules/proposals/queries.server";
import { AREAS, STATUSES, type Status } from "~/modules/proposals/vocabulary";
import { requireUser } from "~/modules/users/session.server";
import { HealthBadge, StatusBadge } from "~/ui/badges";
import { formatDay, formatPercent } from "~/ui/format";
import { AREA_LABEL, STATUS_LABEL } from "~/ui/labels";

export const meta: MetaFunction = () => [{ title: "Briefing · Summit Tracker" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const params = new URL(request.url).searchParams;
  if (!params.has("historical")) params.set("historical", "exclude");
  const proposals = await briefingData(parseProposalFilters(params));
  return json({ proposals, preparedBy: user.name, today: new Date().toISOString() });
}

export default function Briefing() {
  const { proposals, preparedBy, today } = useLoaderData<typeof loader>();
  const now = new Date(today);
  const all = proposals.flatMap((p) => p.milestones);
  const count = (s: Status) => proposals.filter((p) => p.status === s).length;
  return (
    <div className="report">
      <p className="no-print actions">
        <span className="muted">One page per area when printed. Use your browser's Print (Ctrl+P) to print or save as PDF.</span>
        <Link to="/report?historical=include" className="button small secondary">
          Include historical projects
        </Link>
      </p>
      <section className="report-page report-cover" aria-labelledby="cover-h">
        <p className="eyebrow">Briefing · Central Asia + Japan Dialogue</p>
        <h1 id="cover-h">Implementation of the Tokyo summit proposals</h1>
        <p>
          Status on {formatDay(today)} · prepared by {preparedBy} · {proposals.length} proposals · overall progress {formatPercent(progressOf(all))}
        </p>
        <table className="report-table">
          <thead>
            <tr>
              {STATUSES.map((s) => (
                <th key={s} scope="col">
                  {STATUS_LABEL[s]}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            <tr>
              {STATUSES.map((s) => (
                <td key={s}>{count(s)}</td>
              ))}
            </tr>
          </tbody>
        </table>
        <h2>Needs attention</h2>
        <ul>
          {proposals
            .filter((p) => p.health !== "on_track" || p.milestones.some((m) => isOverdue(m, now)))
            .map((p) => (
              <li key={p.id}>
                <strong>{p.reference}</strong> {p.title} — {STATUS_LABEL[p.status as Status]}, <HealthBadge health={p.health} />
                {p.milestones.filter((m) => isOverdue(m, now)).map((m) => (
                  <span key={m.id} className="stale-red">
                    {" "}
                    · overdue: {m.title} (due {formatDay(m.dueDate)})
                  </span>
                ))}
              </li>
            ))}
        </ul>
      </section>
      {AREAS.map((area) => {
        const items = proposals.filter((p) => p.area === area);
        if (!items.length) return null;
        return (
          <section key={area} className="report-page" aria-labelledby={`area-${area}`}>
            <p className="eyebrow">Area</p>
            <h2 id={`area-${area}`}>{AREA_LABEL[area]}</h2>
            <p className="muted">
              {items.length} proposals · progress {formatPercent(progressOf(items.flatMap((p) => p.milestones)))}
            </p>
            {items.map((p) => {
              const next = p.milestones.find((m) => m.status === "planned");
              return (
                <article key={p.id} className="report-item">
                  <h3>
                    {p.reference} · {p.title}
                  </h3>
                  <p className="actions">
                    <StatusBadge status={p.status} /> <HealthBadge health={p.health} />
                    <span className="muted">
                      Owner {p.owner.name} · lead {p.leadOrganisation || "—"} · target {formatDay(p.targetDate)} · progress {formatPercent(progressOf(p.milestones))}
                    </span>
                  </p>
                  {next ? (
                    <p>
                      Next milestone: {next.title}, due {formatDay(next.dueDate)}
                      {isOverdue(next, now) ? <strong className="stale-red"> — overdue</strong> : null}
                    </p>
                  ) : null}
                  {p.updates[0] ? (
                    <p className="muted">
                      Latest update ({formatDay(p.updates[0].createdAt)}): {p.updates[0].body}
                    </p>
                  ) : null}
                </article>
              );
            })}
          </section>
        );
      })}
    </div>
  );
}
