import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { databasePath } from "~/db.server";
import { AUDIT_ACTIONS, ENTITY_TYPES } from "~/modules/audit/actions";
import { filterSearch, parseAuditFilters } from "~/modules/audit/filters";
import { auditActors, listAuditEvents } from "~/modules/audit/log.server";
import { verifyChainFile } from "~/modules/audit/verify.server";
import { requireUser } from "~/modules/users/session.server";
import { formatUtc } from "~/ui/format";
import { ChangeList } from "~/ui/history";
import { LocalTime } from "~/ui/local-time";

export const meta: MetaFunction = () => [{ title: "Audit log · Summit Tracker" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  const url = new URL(request.url);
  const filters = parseAuditFilters(url.searchParams);
  const [page, actors] = await Promise.all([listAuditEvents(filters), auditActors()]);
  // Verification reads the whole chain, so it runs on demand, not on every view.
  const verification = url.searchParams.get("verify") === "1" ? verifyChainFile(databasePath) : null;
  return json({ ...page, filters, actors, filterQuery: filterSearch(filters), verification, checkedAt: verification ? new Date().toISOString() : null });
}

const FAMILY_ICON: Record<string, string> = { proposal: "◆", milestone: "◎", update: "✎", user: "☺", auth: "⚑" };

function actionClass(action: string) {
  if (action === "auth.forbidden" || action === "auth.login_failed") return "act act-alert";
  return `act act-${action.split(".")[0]}`;
}

export default function AuditLog() {
  const { rows, hasOlder, hasNewer, filters, actors, filterQuery, verification, checkedAt } = useLoaderData<typeof loader>();
  const q = filterQuery ? `${filterQuery}&` : "";
  return (
    <>
      <div className="page-head">
        <div>
          <p className="eyebrow">Append-only · hash-chained</p>
          <h1>Audit log</h1>
        </div>
        <p className="actions">
          <a className="button secondary" href={`/audit/export?${q}format=csv`} download>
            Export CSV
          </a>
          <a className="button secondary" href={`/audit/export?${q}format=ndjson`} download>
            Export NDJSON
          </a>
        </p>
      </div>

      <section className="card chain-state" aria-labelledby="chain-h">
        <h2 id="chain-h">Chain integrity</h2>
        {verification ? (
          verification.ok ? (
            <p className="flash flash-success" role="status">
              Verified {checkedAt ? formatUtc(checkedAt) : ""}: all {verification.count} events are intact. Head{" "}
              <code>
                {verification.head.seq}:{verification.head.hash.slice(0, 16)}…
              </code>
            </p>
          ) : (
            <p className="flash flash-error" role="alert">
              Broken at event {verification.problem.seq}: {verification.problem.reason}. {verification.count} events verified before it.
            </p>
          )
        ) : (
          <p className="muted">Checked on demand: it reads the whole chain.</p>
        )}
        <Form method="get">
          {Object.entries(filters).map(([k, v]) => (v !== undefined && k !== "before" && k !== "after" ? <input key={k} type="hidden" name={k} value={String(v)} /> : null))}
          <input type="hidden" name="verify" value="1" />
          <button type="submit" className="button small">
            Verify the chain now
          </button>
        </Form>
      </section>

      <Form method="get" className="card filters" role="search" aria-label="Filter the audit log">
        <div className="field">
          <label htmlFor="a-actor">Actor</label>
          <select id="a-actor" name="actor" defaultValue={filters.actor ?? ""}>
            <option value="">Anyone</option>
            <option value="system">System / import</option>
            {actors.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name} ({a.role})
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="a-action">Action</label>
          <select id="a-action" name="action" defaultValue={filters.action ?? ""}>
            <option value="">Any action</option>
            <option value="auth.*">Security events (auth.*)</option>
            <option value="proposal.*">Proposal events</option>
            <option value="milestone.*">Milestone events</option>
            <option value="user.*">User events</option>
            {AUDIT_ACTIONS.map((a) => (
              <option key={a} value={a}>
                {a}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="a-proposal">Proposal (reference)</label>
          <input id="a-proposal" type="text" name="proposal" defaultValue={filters.proposal ?? ""} placeholder="e.g. CAJ25-05" />
        </div>
        <div className="field">
          <label htmlFor="a-entity">Entity type</label>
          <select id="a-entity" name="entity" defaultValue={filters.entity ?? ""}>
            <option value="">Any</option>
            {ENTITY_TYPES.map((t) => (
              <option key={t} value={t}>
                {t}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="a-from">From (UTC day)</label>
          <input id="a-from" type="date" name="from" defaultValue={filters.from ?? ""} />
        </div>
        <div className="field">
          <label htmlFor="a-to">To (UTC day)</label>
          <input id="a-to" type="date" name="to" defaultValue={filters.to ?? ""} />
        </div>
        <div className="actions">
          <button type="submit" className="button">
            Apply
          </button>
          <Link to="/audit" className="button secondary">
            Clear
          </Link>
        </div>
      </Form>

      {rows.length === 0 ? (
        <div className="card empty">No event matches these filters.</div>
      ) : (
        <div className="table-wrap">
          <table className="audit-table">
            <caption className="sr-only">Audit events, newest first</caption>
            <thead>
              <tr>
                <th scope="col">#</th>
                <th scope="col">Time (UTC)</th>
                <th scope="col">Local time</th>
                <th scope="col">Actor</th>
                <th scope="col">Action</th>
                <th scope="col">Target</th>
                <th scope="col">Changes</th>
                <th scope="col">Note</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((e) => (
                <tr key={e.seq} data-seq={e.seq}>
                  <td className="nowrap muted">{e.seq}</td>
                  <td className="nowrap">
                    <time dateTime={e.occurredAt} title={e.occurredAt}>
                      {formatUtc(e.occurredAt).replace(" UTC", "")}
                    </time>
                  </td>
                  <td className="nowrap">
                    <LocalTime iso={e.occurredAt} />
                  </td>
                  <td>
                    {e.actorName}
                    <div className="muted">{e.actorRole}</div>
                  </td>
                  <td>
                    <span className={actionClass(e.action)}>
                      <span aria-hidden="true">{FAMILY_ICON[e.action.split(".")[0]] ?? "•"}</span> {e.action}
                    </span>
                  </td>
                  <td>
                    {e.proposalId ? (
                      <Link to={`/proposals/${e.proposalId}`}>{e.proposalRef ?? e.proposalId}</Link>
                    ) : (
                      <span className="muted">
                        {e.entityType} {e.entityId.slice(0, 24)}
                      </span>
                    )}
                    {e.proposalId && e.entityType !== "proposal" ? <div className="muted">{e.entityType}</div> : null}
                  </td>
                  <td>
                    <ChangeList changes={e.changes} />
                  </td>
                  <td>{e.reason}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <nav className="pagination" aria-label="Audit pages">
        {hasNewer ? (
          <>
            <Link to={`/audit${filterQuery ? `?${filterQuery}` : ""}`}>⇤ Newest</Link>
            <Link to={`/audit?${q}after=${rows[0]?.seq ?? 0}`}>← Newer</Link>
          </>
        ) : null}
        {hasOlder ? <Link to={`/audit?${q}before=${rows[rows.length - 1].seq}`}>Older →</Link> : null}
      </nav>
    </>
  );
}
