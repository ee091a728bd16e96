import { pageTitle } from "~/i18n/meta";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useT } from "~/i18n";
import { msg } from "~/i18n/message";
import { requireId, rethrowAsResponse } from "~/lib/http.server";
import { cachedRead } from "~/lib/read-cache.server";
import { getEvent } from "~/modules/events/queries.server";
import { STATUSES } from "~/modules/proposals/vocabulary";
import { roleAtLeast } from "~/modules/users/roles";
import { requireUser } from "~/modules/users/session.server";
import { ProgressBar, StatusBadge } from "~/ui/badges";
import { formatDay, formatEventDate } from "~/ui/format";
import { PageHeader } from "~/ui/page-header";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageTitle(matches, data ? data.event.name : msg("title.event"));

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const id = requireId(params.id, msg("what.event"));
  const event = await cachedRead(`event:${id}`, () => getEvent(id)).catch(rethrowAsResponse);
  return json({ event, canAdd: roleAtLeast(user.role, "analyst") });
}

const kib = (bytes: number) => `${Math.max(1, Math.round(bytes / 1024)).toLocaleString("en")} KB`;

export default function EventPage() {
  const { event, canAdd } = useLoaderData<typeof loader>();
  const t = useT();
  const counts = new Map(event.statusCounts.map((s) => [s.status, s.n]));
  return (
    <>
      <PageHeader
        eyebrow={
          <>
            <Link to="/events">{t("events.title")}</Link> · {t(`eventKind.${event.kind}`)}
          </>
        }
        title={event.name}
        meta={
          <>
            {formatEventDate(event.date, event.datePrecision, t.locale)} · {event.place || t("events.placeUnknown")}
          </>
        }
      >
        {canAdd ? (
          <Link to={`/events/${event.id}/documents/new`} className="button secondary">
            {t("intake.addDocument")}
          </Link>
        ) : null}
      </PageHeader>
      <div className="detail-layout">
        <div>
          <section className="card" aria-labelledby="event-about-h">
            <h2 id="event-about-h">{t("event.about")}</h2>
            {event.description ? <p>{event.description}</p> : null}
            <p className="muted">{t("p.source", { source: event.sourceDocument })}</p>
          </section>

          <section className="card" aria-labelledby="event-proposals-h">
            <h2 id="event-proposals-h">{t("event.proposals", { count: event.proposals.length })}</h2>
            {event.proposals.length ? (
              <div className="table-scroll">
                <table>
                  <thead>
                    <tr>
                      <th scope="col">{t("list.col.reference")}</th>
                      <th scope="col">{t("list.col.title")}</th>
                      <th scope="col">{t("list.col.status")}</th>
                      <th scope="col">{t("list.col.progress")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {event.proposals.map((p) => (
                      <tr key={p.id}>
                        <td className="nowrap">
                          <Link to={`/proposals/${p.id}`}>{p.reference}</Link>
                        </td>
                        <td>
                          {p.title}
                          {p.followsUp ? (
                            <div className="muted small">
                              {t(`followUp.${p.followsUp.kind}`)} <Link to={`/proposals/${p.followsUp.id}`}>{p.followsUp.reference}</Link>
                            </div>
                          ) : null}
                        </td>
                        <td>
                          <StatusBadge status={p.status} />
                        </td>
                        <td>
                          <ProgressBar value={p.progress} label={t("list.progressOf", { reference: p.reference })} />
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            ) : (
              <p className="empty">{t("event.noProposals")}</p>
            )}
          </section>
        </div>
        <aside>
          <section className="card" aria-labelledby="event-details-h">
            <h2 id="event-details-h">{t("p.details")}</h2>
            <dl className="meta-list">
              <dt>{t("events.col.kind")}</dt>
              <dd>{t(`eventKind.${event.kind}`)}</dd>
              <dt>{t("events.col.date")}</dt>
              <dd>{formatEventDate(event.date, event.datePrecision, t.locale)}</dd>
              <dt>{t("events.col.place")}</dt>
              <dd>{event.place || t("events.placeUnknown")}</dd>
              <dt>{t("event.countries")}</dt>
              <dd>
                {event.countries.length
                  ? event.countries.map((c) => (
                      <span key={c} className="tag" title={t(`country.${c}`)}>
                        {c}
                      </span>
                    ))
                  : "—"}
              </dd>
              {event.proposals.length ? (
                <>
                  <dt>{t("event.byStatus")}</dt>
                  <dd>
                    <ul className="plain-list">
                      {STATUSES.filter((s) => counts.has(s)).map((s) => (
                        <li key={s}>
                          <Link to={`/proposals?summit=${encodeURIComponent(event.id)}&status=${s}&historical=include`}>
                            {t(`status.${s}`)}: {counts.get(s)}
                          </Link>
                        </li>
                      ))}
                    </ul>
                  </dd>
                </>
              ) : null}
            </dl>
          </section>
          <section className="card" aria-labelledby="event-docs-h">
            <h2 id="event-docs-h">{t("event.documents")}</h2>
            {event.documents.length ? (
              <ul className="plain-list">
                {event.documents.map((d) => (
                  <li key={d.id}>
                    <Link to={`/events/${event.id}/documents/${d.id}`} className="strong">
                      {d.title}
                    </Link>
                    <div className="muted small">
                      {[d.fileName, d.kind.toUpperCase(), kib(d.byteSize), t(`docLanguage.${d.language}`), formatDay(d.createdAt, t.locale)]
                        .filter(Boolean)
                        .join(" · ")}
                    </div>
                    <div className="muted small mono" title={t("event.sha256")}>
                      SHA-256 {d.sha256.slice(0, 16)}…
                    </div>
                  </li>
                ))}
              </ul>
            ) : (
              <p className="empty">{t("event.noDocuments")}</p>
            )}
          </section>
        </aside>
      </div>
    </>
  );
}
