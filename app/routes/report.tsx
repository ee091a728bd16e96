import { msg } from "~/i18n/message";
import { pageTitle } from "~/i18n/meta";
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData, useLocation } from "@remix-run/react";
import { isOverdue, progressOf } from "~/modules/milestones/progress";
import { parseProposalFilters } from "~/modules/proposals/filters.server";
import { briefingData } from "~/modules/proposals/queries.server";
import { figureScope } from "~/modules/dashboard/links";
import { scopeSummary } from "~/modules/dashboard/queries.server";
import { AREAS, STATUSES, type Status } from "~/modules/proposals/vocabulary";
import { requireUser } from "~/modules/users/session.server";
import { HealthBadge, StatusBadge } from "~/ui/badges";
import { formatDay, formatPercent } from "~/ui/format";
import { useT } from "~/i18n";
import { ScopeLine } from "~/ui/scope-line";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, msg("nav.report"));
// Page numbers, the date and a footer on every printed page (app/routes/report_.print[.]css.ts).
export const links: LinksFunction = () => [{ rel: "stylesheet", href: "/report/print.css", media: "print" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const params = new URL(request.url).searchParams;
  // The dashboard's scope (figureScope): historical records left out unless asked for; the
  // list's other filters narrow it further.
  params.set("historical", new URLSearchParams(figureScope(params)).get("historical")!);
  const [proposals, summary] = await Promise.all([briefingData(parseProposalFilters(params)), scopeSummary(params.toString())]);
  return json({ proposals, summary, preparedBy: user.name, today: new Date().toISOString() });
}

export default function Briefing() {
  const { proposals, summary, preparedBy, today } = useLoaderData<typeof loader>();
  const now = new Date(today);
  const all = proposals.flatMap((p) => p.milestones);
  const count = (s: Status) => proposals.filter((p) => p.status === s).length;
  const t = useT();
  return (
    <div className="report">
      <p className="no-print muted">{t("report.hint")}</p>
      <ScopeLine summary={summary} action="/report" search={useLocation().search} />
      <section className="report-page report-cover" aria-labelledby="cover-h">
        <p className="eyebrow">{t("report.eyebrow")}</p>
        <h1 id="cover-h">{t("report.title")}</h1>
        <p>
          {t("report.statusLine", {
            date: formatDay(today, t.locale),
            name: preparedBy,
            count: proposals.length,
            percent: formatPercent(progressOf(all), t.locale),
          })}
        </p>
        <table className="report-table">
          <thead>
            <tr>
              {STATUSES.map((s) => (
                <th key={s} scope="col">
                  {t(`status.${s}`)}
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
        <h2>{t("report.attention")}</h2>
        <ul>
          {proposals
            .filter((p) => p.health !== "on_track" || p.milestones.some((m) => isOverdue(m, now)))
            .map((p) => (
              <li key={p.id}>
                <strong>{p.reference}</strong> {p.title} — {t(`status.${p.status}`)}, <HealthBadge health={p.health} />
                {p.milestones
                  .filter((m) => isOverdue(m, now))
                  .map((m) => (
                    <span key={m.id} className="stale-red">
                      {" "}
                      · {t("report.overdue", { title: m.title, date: formatDay(m.dueDate, t.locale) })}
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
            <p className="eyebrow">{t("report.area")}</p>
            <h2 id={`area-${area}`}>{t(`area.${area}`)}</h2>
            <p className="muted">
              {t("report.areaLine", {
                count: items.length,
                percent: formatPercent(progressOf(items.flatMap((p) => p.milestones)), t.locale),
              })}
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
                      {t("report.itemLine", {
                        owner: p.owner.name,
                        lead: p.leadOrganisation || "—",
                        target: formatDay(p.targetDate, t.locale),
                        percent: formatPercent(progressOf(p.milestones), t.locale),
                      })}
                    </span>
                  </p>
                  {next ? (
                    <p>
                      {t("report.next", { title: next.title, date: formatDay(next.dueDate, t.locale) })}
                      {isOverdue(next, now) ? <strong className="stale-red">{t("report.late")}</strong> : null}
                    </p>
                  ) : null}
                  {p.updates[0] ? (
                    <p className="muted">{t("report.latest", { date: formatDay(p.updates[0].createdAt, t.locale), body: p.updates[0].body })}</p>
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
