import { msg } from "~/i18n/message";
import { pageTitle } from "~/i18n/meta";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { isOverdue } from "~/modules/milestones/progress";
import { parseProposalFilters } from "~/modules/proposals/filters.server";
import { timelineProposals } from "~/modules/proposals/queries.server";
import { AREAS } from "~/modules/proposals/vocabulary";
import { requireUser } from "~/modules/users/session.server";
import { MilestoneBadge } from "~/ui/badges";
import { formatDay } from "~/ui/format";
import { useT } from "~/i18n";
import { MilestoneTimeline, TimelineLegend, type TimelineRow } from "~/ui/timeline";
import { PageHeader } from "~/ui/page-header";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, msg("nav.timeline"));

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  const params = new URL(request.url).searchParams;
  // Historical projects reach back to 1996; the timeline shows the summit's proposals unless asked.
  if (!params.has("historical")) params.set("historical", "exclude");
  const filters = parseProposalFilters(params);
  const group = params.get("group") === "area" ? "area" : "proposal";
  const proposals = await timelineProposals(filters);
  return json({ proposals, group, filters, today: new Date().toISOString() });
}

export default function Timeline() {
  const { proposals, group, filters, today } = useLoaderData<typeof loader>();
  const t = useT();
  const rows: TimelineRow[] = [];
  for (const area of AREAS) {
    const inArea = proposals.filter((p) => p.area === area);
    if (!inArea.length) continue;
    if (group === "area") {
      rows.push({ key: area, label: t(`area.${area}`), href: `/proposals?area=${area}`, milestones: inArea.flatMap((p) => p.milestones) });
    } else {
      rows.push({ key: `h-${area}`, label: t(`area.${area}`), heading: true, milestones: [] });
      for (const p of inArea) rows.push({ key: p.id, label: `${p.reference} ${p.title}`, href: `/proposals/${p.id}`, milestones: p.milestones });
    }
  }
  const now = new Date(today);
  const all = proposals.flatMap((p) => p.milestones.map((m) => ({ ...m, proposal: p })));
  return (
    <>
      <PageHeader eyebrow={t("timeline.eyebrow")} title={t("timeline.title")}>
        <Form method="get" className="actions no-print">
          <label htmlFor="t-group">{t("timeline.groupBy")}</label>
          <select id="t-group" name="group" defaultValue={group}>
            <option value="proposal">{t("timeline.group.proposal")}</option>
            <option value="area">{t("timeline.group.area")}</option>
          </select>
          <label htmlFor="t-hist">{t("timeline.records")}</label>
          <select id="t-hist" name="historical" defaultValue={filters.historical}>
            <option value="exclude">{t("timeline.records.exclude")}</option>
            <option value="include">{t("timeline.records.include")}</option>
            <option value="only">{t("timeline.records.only")}</option>
          </select>
          <button type="submit" className="button small">
            {t("timeline.show")}
          </button>
        </Form>
      </PageHeader>
      <section className="card">
        <TimelineLegend />
        {rows.length ? (
          <MilestoneTimeline id="timeline" rows={rows} today={today} caption={t("timeline.caption")} />
        ) : (
          <p className="empty">{t("timeline.empty")}</p>
        )}
      </section>
      <section className="card">
        <details>
          <summary>{t("timeline.table", { count: all.length })}</summary>
          <div className="table-scroll">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("timeline.col.due")}</th>
                  <th scope="col">{t("timeline.col.milestone")}</th>
                  <th scope="col">{t("timeline.col.proposal")}</th>
                  <th scope="col">{t("timeline.col.area")}</th>
                  <th scope="col">{t("timeline.col.status")}</th>
                </tr>
              </thead>
              <tbody>
                {all
                  .sort((a, b) => a.dueDate.localeCompare(b.dueDate))
                  .map((m) => (
                    <tr key={m.id}>
                      <td className="nowrap">{formatDay(m.dueDate, t.locale)}</td>
                      <td>{m.title}</td>
                      <td>
                        <Link to={`/proposals/${m.proposal.id}`}>{m.proposal.reference}</Link>
                      </td>
                      <td>{t(`area.${m.proposal.area}`)}</td>
                      <td>
                        <MilestoneBadge status={m.status} overdue={isOverdue(m, now)} />
                      </td>
                    </tr>
                  ))}
              </tbody>
            </table>
          </div>
        </details>
      </section>
    </>
  );
}
