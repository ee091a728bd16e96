import { pageTitle } from "~/i18n/meta";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData, useLocation } from "@remix-run/react";
import { msg } from "~/i18n/message";
import { intentOf, readAuthorisedForm, submitForm, type Done } from "~/lib/form-action.server";
import { requestContext } from "~/lib/request-context.server";
import { retryAfterHeaders } from "~/lib/retry-after";
import { newFormToken } from "~/lib/submissions.server";
import { parseProposalFilters } from "~/modules/proposals/filters.server";
import { filtersQuery } from "~/modules/proposals/list-links";
import type { ProposalFilters } from "~/modules/proposals/filter-types";
import { facetCounts, listOwners, listProposals, listSummits } from "~/modules/proposals/queries.server";
import { bulkSchema } from "~/modules/proposals/schemas";
import { bulkApply, type BulkOutcome } from "~/modules/proposals/service.server";
import { deleteViewSchema, saveViewSchema } from "~/modules/views/schemas";
import { deleteView, listViews, saveView } from "~/modules/views/service.server";
import { roleAtLeast } from "~/modules/users/roles";
import { requireRole, requireUser } from "~/modules/users/session.server";
import { cachedRead, today } from "~/lib/read-cache.server";
import { HealthBadge, ProgressBar, StatusBadge } from "~/ui/badges";
import { BulkBar, BulkSummary, SelectAll, SelectRow } from "~/ui/bulk-actions";
import { formatDay } from "~/ui/format";
import { useT } from "~/i18n";
import { ActiveFilters, ProposalFilterForm } from "~/ui/proposal-filters";
import { PageHeader } from "~/ui/page-header";
import { SavedViewsMenu } from "~/ui/saved-views";

// A 503 (busy, or the database cannot store anything) keeps its Retry-After on the document.
export const headers = retryAfterHeaders;

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, msg("nav.proposals"));

/** The list's own address for a request to it (without Remix's `index` marker). */
function listPath(request: Request): string {
  const params = new URL(request.url).searchParams;
  params.delete("index");
  const query = params.toString();
  return query ? `/proposals?${query}` : "/proposals";
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const actor = { id: user.id, name: user.name, role: user.role };
  const ctx = requestContext(context);
  const formData = await readAuthorisedForm(request);
  const back = listPath(request);
  const once = { userId: user.id, context: ctx, replay: (): Done => ({ redirectTo: back, flash: msg("flash.alreadySaved") }) };
  switch (intentOf(formData, ["save-view", "delete-view", "bulk"])) {
    case "save-view":
      return submitForm(request, formData, {
        formId: "save-view",
        schema: saveViewSchema,
        write: (v) => saveView(actor, v, ctx),
        once,
        done: (view) => ({ redirectTo: view.query ? `/proposals?${view.query}` : "/proposals", flash: msg("flash.viewSaved", { name: view.name }) }),
      });
    case "delete-view":
      return submitForm(request, formData, {
        formId: "views",
        schema: deleteViewSchema,
        write: (v) => deleteView(actor, v.viewId, ctx),
        once,
        done: (view) => ({ redirectTo: back, flash: msg("flash.viewDeleted", { name: view.name }) }),
      });
    case "bulk": {
      // Managers only, settled before the selection is parsed (a refusal is recorded).
      await requireRole(request, context, "manager");
      return submitForm(request, formData, {
        formId: "bulk",
        schema: bulkSchema,
        write: (v) => {
          const change =
            v.op === "owner"
              ? { op: v.op, ownerId: v.ownerId ?? "" }
              : v.op === "health"
                ? { op: v.op, health: v.health ?? "on_track", note: v.note }
                : { op: v.op, to: v.to ?? "proposed", note: v.note };
          return bulkApply(actor, v.ids, change, ctx);
        },
        once,
        // The summary is shown in place, above the list as it is now.
        done: (outcomes): { stay: BulkOutcome[] } => ({ stay: outcomes }),
      });
    }
  }
}

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const filters = parseProposalFilters(new URL(request.url).searchParams);
  const key = JSON.stringify(filters);
  // Overdue and stale filters depend on the day as well as the data.
  const [result, owners, facets, summits, views] = await Promise.all([
    cachedRead(`list:${today()}:${key}`, () => listProposals(filters)),
    cachedRead("owners", () => listOwners()),
    cachedRead(`facets:${today()}:${key}`, () => facetCounts(filters)),
    cachedRead("summits", () => listSummits()),
    // Per reader (their private views), so not from the shared cache.
    listViews(user.id),
  ]);
  return json({
    ...result,
    filters,
    owners,
    facets,
    summits,
    userId: user.id,
    canCreate: roleAtLeast(user.role, "analyst"),
    canBulk: roleAtLeast(user.role, "manager"),
    isManager: roleAtLeast(user.role, "manager"),
    views,
    currentQuery: filtersQuery(filters),
    // One per page render: the forms that write send it, so the same post twice writes once.
    formToken: newFormToken(),
  });
}

function exportQuery(search: string): string {
  const p = new URLSearchParams(search);
  p.delete("page");
  const rest = p.toString();
  return rest ? `&${rest}` : "";
}

const COLUMNS: { key: ProposalFilters["sort"] }[] = [
  { key: "reference" },
  { key: "title" },
  { key: "area" },
  { key: "status" },
  { key: "health" },
  { key: "owner" },
  { key: "targetDate" },
  { key: "progress" },
];

export default function ProposalList() {
  const { rows, total, page, pages, filters, owners, facets, summits, userId, canCreate, canBulk, isManager, views, currentQuery, formToken } =
    useLoaderData<typeof loader>();
  const location = useLocation();
  const params = new URLSearchParams(location.search);
  const withParam = (changes: Record<string, string | null>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      if (v === null) next.delete(k);
      else next.set(k, v);
    }
    return `?${next}`;
  };
  const listSearch = location.search;
  const t = useT();
  return (
    <>
      <PageHeader eyebrow={t("list.eyebrow")} title={t("list.title")}>
        {canCreate ? (
          <Link to="/proposals/new" className="button">
            {t("list.new")}
          </Link>
        ) : null}
      </PageHeader>
      <nav className="actions views" aria-label={t("list.viewsLabel")}>
        <span className="muted">{t("list.views")}</span>
        <Link to={`/proposals?owner=${userId}`}>{t("list.view.mine")}</Link>
        <Link to="/proposals?historical=exclude">{t("list.view.summit")}</Link>
        <Link to="/proposals?overdue=1">{t("list.view.overdue")}</Link>
        <Link to="/proposals?health=at_risk&health=off_track">{t("list.view.risk")}</Link>
        <Link to="/proposals?stale=amber">{t("list.view.amber")}</Link>
        <Link to="/proposals?stale=red">{t("list.view.red")}</Link>
        <Link to="/proposals?historical=only">{t("list.view.historical")}</Link>
        <SavedViewsMenu views={views} userId={userId} isManager={isManager} search={location.search} currentQuery={currentQuery} token={formToken} />
      </nav>
      <ProposalFilterForm filters={filters} owners={owners} action="/proposals" facets={facets} />
      <ActiveFilters search={location.search} owners={owners} summits={summits} />
      <div className="result-line">
        <p className="muted" aria-live="polite">
          {t("list.count", { count: total })}
          {pages > 1 ? t("list.page", { page, pages }) : ""}
          {filters.q && filters.sort === "relevance" ? t("list.bestFirst") : ""}
        </p>
        <p className="actions no-print">
          <span className="muted">{t("list.exportAs")}</span>
          <a href={`/proposals/export?format=csv${exportQuery(location.search)}`} download>
            CSV
          </a>
          <a href={`/proposals/export?format=json${exportQuery(location.search)}`} download>
            JSON
          </a>
          <a href={`/proposals/export?format=iati${exportQuery(location.search)}`} download>
            IATI XML
          </a>
          <span className="muted">{t("list.share")}</span>
        </p>
      </div>
      {canBulk ? <BulkSummary /> : null}
      {canBulk && rows.length ? <BulkBar owners={owners} token={formToken} /> : null}
      {rows.length === 0 ? (
        <div className="card empty">{t("list.none")}</div>
      ) : (
        <div className="table-wrap">
          <table>
            <caption className="sr-only">
              {t("list.caption", { sort: t(`list.col.${filters.sort}`), dir: t(filters.dir === "asc" ? "list.ascending" : "list.descending") })}
            </caption>
            <thead>
              <tr>
                {canBulk ? (
                  <th scope="col" className="select-cell">
                    <SelectAll />
                  </th>
                ) : null}
                {COLUMNS.map((c) => {
                  const active = filters.sort === c.key;
                  const nextDir = active && filters.dir === "asc" ? "desc" : "asc";
                  return (
                    <th key={c.key} aria-sort={active ? (filters.dir === "asc" ? "ascending" : "descending") : undefined} scope="col">
                      <Link to={withParam({ sort: c.key, dir: nextDir, page: null })}>
                        {t(`list.col.${c.key}`)}
                        {active ? (filters.dir === "asc" ? " ▲" : " ▼") : ""}
                      </Link>
                    </th>
                  );
                })}
              </tr>
            </thead>
            <tbody>
              {rows.map((p) => (
                <tr key={p.id}>
                  {canBulk ? (
                    <td className="select-cell">
                      <SelectRow id={p.id} reference={p.reference} />
                    </td>
                  ) : null}
                  <td className="ref">{p.reference}</td>
                  <td>
                    <Link to={`/proposals/${p.id}${listSearch ? `?list=${encodeURIComponent(listSearch)}` : ""}`}>{p.title}</Link>
                    {p.historical ? <span className="tag">{t("p.historical")}</span> : null}
                  </td>
                  <td>{t(`area.${p.area}`)}</td>
                  <td>
                    <StatusBadge status={p.status} />
                  </td>
                  <td>
                    <HealthBadge health={p.health} />
                  </td>
                  <td className="nowrap">{p.ownerName}</td>
                  <td className="nowrap">{formatDay(p.targetDate, t.locale)}</td>
                  <td>
                    <ProgressBar value={p.progress} label={t("list.progressOf", { reference: p.reference })} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {pages > 1 ? (
        <nav className="pagination" aria-label={t("list.pages")}>
          {page > 1 ? <Link to={withParam({ page: String(page - 1) })}>{t("list.previous")}</Link> : null}
          {Array.from({ length: pages }, (_, i) => i + 1)
            .filter((n) => n === 1 || n === pages || Math.abs(n - page) <= 2)
            .map((n) =>
              n === page ? (
                <span key={n} aria-current="page">
                  {n}
                </span>
              ) : (
                <Link key={n} to={withParam({ page: String(n) })}>
                  {n}
                </Link>
              ),
            )}
          {page < pages ? <Link to={withParam({ page: String(page + 1) })}>{t("list.next")}</Link> : null}
        </nav>
      ) : null}
    </>
  );
}
