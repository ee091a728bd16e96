import { pageTitle } from "~/i18n/meta";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { retryAfterHeaders } from "~/lib/retry-after";
import { Link, useActionData, useLoaderData, useLocation } from "@remix-run/react";
import { msg } from "~/i18n/message";
import { readAuthorisedForm, submitForm, type Done } from "~/lib/form-action.server";
import type { ActionResult } from "~/lib/forms";
import { requireId, rethrowAsResponse } from "~/lib/http.server";
import { requestContext } from "~/lib/request-context.server";
import { newFormToken } from "~/lib/submissions.server";
import { boardProposals, listOwners, listSummits } from "~/modules/proposals/queries.server";
import { parseProposalFilters } from "~/modules/proposals/filters.server";
import { listHref, narrowedListQuery } from "~/modules/proposals/list-links";
import { assertMayChangeProposal } from "~/modules/proposals/guard.server";
import { transitionSchema } from "~/modules/proposals/schemas";
import { transitionStatus } from "~/modules/proposals/service.server";
import { STATUSES } from "~/modules/proposals/vocabulary";
import { availableTransitions } from "~/modules/proposals/workflow";
import { requireUser } from "~/modules/users/session.server";
import { HealthBadge, ProgressBar } from "~/ui/badges";
import { formatDay } from "~/ui/format";
import { useT } from "~/i18n";
import { ActiveFilters, ProposalFilterForm } from "~/ui/proposal-filters";
import { PageHeader } from "~/ui/page-header";
import { TransitionPanel } from "~/ui/transition-panel";

// A 503 (busy, or the database cannot store anything) keeps its Retry-After on the document.
export const headers = retryAfterHeaders;

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, msg("nav.board"));

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const filters = parseProposalFilters(new URL(request.url).searchParams);
  const [board, owners, summits] = await Promise.all([boardProposals(filters), listOwners(), listSummits()]);
  const actor = { id: user.id, role: user.role };
  // Each card gets the moves this user may make from its status (the same rules as the proposal page).
  const cards = board.cards.map((c) => ({
    ...c,
    moves: availableTransitions(actor, c).map((t) => ({ to: t.to, label: t.label, noteRequired: t.noteRequired })),
  }));
  return json({ cards, totals: board.totals, filters, owners, summits, formToken: newFormToken() });
}

/** Moving a card is a status transition through the same service and rules as the proposal page. */
export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const actor = { id: user.id, role: user.role, name: user.name };
  const ctx = requestContext(context);
  // The card's proposal comes from the form, so the form is read first; who may move it is
  // still settled before the move is parsed.
  const formData = await readAuthorisedForm(request);
  const id = requireId(String(formData.get("proposalId") ?? ""), msg("what.proposal"));
  await assertMayChangeProposal(actor, id, ctx, "proposal.status (board)").catch(rethrowAsResponse);
  const back = new URL(request.url).search;
  return submitForm(request, formData, {
    formId: `move-${id}`,
    schema: transitionSchema,
    write: (v) => transitionStatus(actor, id, v, ctx),
    done: (r) => ({ redirectTo: `/board${back}`, flash: msg("flash.moved", { status: msg(`status.${r.to}`) }) }),
    once: { userId: user.id, context: ctx, replay: (): Done => ({ redirectTo: `/board${back}`, flash: msg("flash.alreadySaved") }) },
  });
}

export default function Board() {
  const { cards, totals, filters, owners, summits, formToken } = useLoaderData<typeof loader>();
  const failed = useActionData<ActionResult>();
  const location = useLocation();
  const t = useT();
  return (
    <>
      <PageHeader eyebrow={t("board.eyebrow")} title={t("board.title")}>
        <Link to={`/proposals${location.search}`} className="button secondary">
          {t("board.asList")}
        </Link>
      </PageHeader>
      <ProposalFilterForm filters={filters} owners={owners} action="/board" />
      <ActiveFilters search={location.search} owners={owners} summits={summits} />
      <div className="board">
        {STATUSES.map((status) => {
          const column = cards.filter((c) => c.status === status);
          return (
            <section key={status} className="board-column" aria-labelledby={`col-${status}`}>
              <h2 id={`col-${status}`}>
                {t(`status.${status}`)} <span className="muted">({totals[status] ?? 0})</span>
              </h2>
              {column.map((c) => (
                <article key={c.id} className="board-card" aria-labelledby={`card-${c.id}`}>
                  <p className="eyebrow">{c.reference}</p>
                  <h3 id={`card-${c.id}`}>
                    <Link to={`/proposals/${c.id}`}>{c.title}</Link>
                  </h3>
                  <p className="muted">{c.ownerName}</p>
                  <p className="actions">
                    <HealthBadge health={c.health} />
                    <ProgressBar value={c.progress} label={t("list.progressOf", { reference: c.reference })} />
                  </p>
                  {c.nextTitle ? (
                    <p className="next">
                      {t("board.next", { title: c.nextTitle })} <span className="muted">({formatDay(c.nextDue, t.locale)})</span>
                    </p>
                  ) : null}
                  {c.moves.length || failed?.formId === `move-${c.id}` ? (
                    <details className="inline-form" open={failed?.formId === `move-${c.id}`}>
                      <summary>{t("board.move")}</summary>
                      <TransitionPanel
                        formId={`move-${c.id}`}
                        moves={c.moves}
                        version={c.version}
                        token={formToken}
                        proposalId={c.id}
                        label={t("board.moveOf", { reference: c.reference })}
                      />
                    </details>
                  ) : null}
                </article>
              ))}
              {(totals[status] ?? 0) > column.length ? (
                <Link to={listHref(narrowedListQuery(location.search, "status", status))}>
                  {t("board.more", { count: (totals[status] ?? 0) - column.length })}
                </Link>
              ) : null}
            </section>
          );
        })}
      </div>
    </>
  );
}
