import { msg } from "~/i18n/message";
import { pageTitle } from "~/i18n/meta";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useT } from "~/i18n";
import { cachedRead } from "~/lib/read-cache.server";
import { listEvents } from "~/modules/events/queries.server";
import { roleAtLeast } from "~/modules/users/roles";
import { requireUser } from "~/modules/users/session.server";
import { ProgressBar } from "~/ui/badges";
import { formatEventDate } from "~/ui/format";
import { PageHeader } from "~/ui/page-header";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, msg("nav.events"));

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return json({ events: await cachedRead("events", () => listEvents()), canAdd: roleAtLeast(user.role, "analyst") });
}

export default function Events() {
  const { events, canAdd } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <>
      <PageHeader eyebrow={t("events.eyebrow")} title={t("events.title")} meta={t("events.meta", { count: events.length })}>
        {canAdd ? (
          <Link to="/events/new" className="button secondary">
            {t("events.new")}
          </Link>
        ) : null}
      </PageHeader>
      <section className="card" aria-labelledby="events-h">
        <h2 id="events-h" className="sr-only">
          {t("events.title")}
        </h2>
        <div className="table-scroll">
          <table>
            <caption className="sr-only">{t("events.caption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("events.col.date")}</th>
                <th scope="col">{t("events.col.event")}</th>
                <th scope="col" className="num">
                  {t("events.col.proposals")}
                </th>
                <th scope="col">{t("events.col.progress")}</th>
                <th scope="col" className="num">
                  {t("events.col.documents")}
                </th>
              </tr>
            </thead>
            <tbody>
              {events.map((e) => (
                <tr key={e.id}>
                  <td className="nowrap">{formatEventDate(e.date, e.datePrecision, t.locale)}</td>
                  <td>
                    <Link to={`/events/${e.id}`} className="strong">
                      {e.name}
                    </Link>
                    <div className="muted small">
                      {t(`eventKind.${e.kind}`)} · {e.place || t("events.placeUnknown")}
                    </div>
                  </td>
                  <td className="num">
                    {e.proposals ? (
                      <Link
                        to={`/proposals?summit=${encodeURIComponent(e.id)}&historical=include`}
                        aria-label={t("events.proposalsOf", { count: e.proposals, name: e.name })}
                      >
                        {e.proposals}
                      </Link>
                    ) : (
                      0
                    )}
                    {e.proposals ? <div className="muted small">{t("events.completed", { count: e.completed })}</div> : null}
                  </td>
                  <td>
                    <ProgressBar value={e.progress} label={t("events.progressOf", { name: e.name })} />
                  </td>
                  <td className="num">{e.documents}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </>
  );
}
