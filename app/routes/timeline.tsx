import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { isOverdue } from "~/modules/milestones/progress";
import { parseProposalFilters } from "~/modules/proposals/schemas";
import { timelineProposals } from "~/modules/proposals/queries.server";
import { AREAS, type Area } from "~/modules/proposals/vocabulary";
import { requireUser } from "~/modules/users/session.server";
import { MilestoneBadge } from "~/ui/badges";
import { formatDay } from "~/ui/format";
import { AREA_LABEL } from "~/ui/labels";
import { MilestoneTimeline, TimelineLegend, type TimelineRow } from "~/ui/timeline";

export const meta: MetaFunction = () => [{ title: "Timeline · Summit Tracker" }];

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
  const rows: TimelineRow[] = [];
  for (const area of AREAS) {
    const inArea = proposals.filter((p) => p.area === area);
    if (!inArea.length) continue;
    if (group === "area") {
      rows.push({ key: area, label: AREA_LABEL[area], href: `/proposals?area=${area}`, milestones: inArea.flatMap((p) => p.milestones) });
    } else {
      rows.push({ key: `h-${area}`, label: AREA_LABEL[area], heading: true, milestones: [] });
      for (const p of inArea) rows.push({ key: p.id, label: `${p.reference} ${p.title}`, href: `/proposals/${p.id}`, milestones: p.milestones });
    }
  }
  const now = new Date(today);
  const all = proposals.flatMap((p) => p.milestones.map((m) => ({ ...m, proposal: p })));
  return (
    <>
      <div className="page-head">
        <div>
          <p className="eyebrow">Milestones of all proposals</p>
          <h1>Timeline</h1>
        </div>
        <Form method="get" className="actions no-print">
          <label htmlFor="t-group">Group by</label>
          <select id="t-group" name="group" defaultValue={group}>
            <option value="proposal">Proposal (under its area)</option>
            <option value="area">Area</option>
          </select>
          <label htmlFor="t-hist">Records</label>
          <select id="t-hist" name="historical" defaultValue={filters.historical}>
            <option value="exclude">Summit proposals</option>
            <option value="include">Including historical projects</option>
            <option value="only">Historical projects only</option>
          </select>
          <button type="submit" className="button small">
            Show
          </button>
        </Form>
      </div>
      <section className="card">
        <TimelineLegend />
        {rows.length ? <MilestoneTimeline id="timeline" rows={rows} today={today} caption="Milestones by proposal over time" /> : <p className="empty">No milestones.</p>}
      </section>
      <section className="card">
        <details>
          <summary>The milestones as a table ({all.length})</summary>
          <table>
            <thead>
              <tr>
                <th scope="col">Due</th>
                <th scope="col">Milestone</th>
                <th scope="col">Proposal</th>
                <th scope="col">Area</th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {all
                .sort((a, b) => a.dueDate.localeCompare(b.dueDate))
                .map((m) => (
                  <tr key={m.id}>
                    <td className="nowrap">{formatDay(m.dueDate)}</td>
                    <td>{m.title}</td>
                    <td>
                      <Link to={`/proposals/${m.proposal.id}`}>{m.proposal.reference}</Link>
                    </td>
                    <td>{AREA_LABEL[m.proposal.area as Area]}</td>
                    <td>
                      <MilestoneBadge status={m.status} overdue={isOverdue(m, now)} />
                    </td>
                  </tr>
                ))}
            </tbody>
          </table>
        </details>
      </section>
    </>
  );
}
