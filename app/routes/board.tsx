import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { retryAfterHeaders } from "~/lib/retry-after";
import { Form, Link, useActionData, useLoaderData, useLocation } from "@remix-run/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { redirectWithFlash } from "~/lib/flash.server";
import { formFailure } from "~/lib/form-errors.server";
import { requireId, rethrowAsResponse } from "~/lib/http.server";
import { requestContext } from "~/lib/request-context.server";
import { boardProposals, listOwners } from "~/modules/proposals/queries.server";
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
import { STATUS_LABEL } from "~/ui/labels";
import { useT } from "~/i18n";
import type { MessageKey } from "~/i18n/messages";
import { ActiveFilters, ProposalFilterForm } from "~/ui/proposal-filters";
import { readFormData } from "~/lib/form-data.server";

// A 503 (busy, or the database cannot store anything) keeps its Retry-After on the document.
export const headers = retryAfterHeaders;

export const meta: MetaFunction = () => [{ title: "Board · Summit Tracker" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const filters = parseProposalFilters(new URL(request.url).searchParams);
  const [board, owners] = await Promise.all([boardProposals(filters), listOwners()]);
  const actor = { id: user.id, role: user.role };
  // Each card gets the moves this user may make from its status (the same rules as the proposal page).
  const cards = board.cards.map((c) => ({ ...c, moves: availableTransitions(actor, c).map((t) => ({ to: t.to, label: t.label, noteRequired: t.noteRequired })) }));
  return json({ cards, totals: board.totals, filters, owners });
}

/** Moving a card is a status transition through the same service and rules as the proposal page. */
export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const formData = await readFormData(request);
  const id = requireId(String(formData.get("proposalId") ?? ""), "That proposal");
  const actor = { id: user.id, role: user.role, name: user.name };
  await assertMayChangeProposal(actor, id, requestContext(context), "proposal.status (board)").catch(rethrowAsResponse);
  const submission = parseWithZod(formData, { schema: transitionSchema });
  const formId = `move-${id}-${formData.get("to")}`;
  if (submission.status !== "success") return json({ formId, result: submission.reply(), conflict: null }, { status: 400 });
  try {
    await transitionStatus(actor, id, submission.value, requestContext(context));
  } catch (error) {
    return formFailure(error, submission, formId);
  }
  const back = new URL(request.url).search;
  return redirectWithFlash(request, `/board${back}`, { kind: "success", message: `Moved to ${STATUS_LABEL[submission.value.to]}.` });
}

export default function Board() {
  const { cards, totals, filters, owners } = useLoaderData<typeof loader>();
  const failed = useActionData<typeof action>();
  const location = useLocation();
  const t = useT();
  return (
    <>
      <div className="page-head">
        <div>
          <p className="eyebrow">{t("board.eyebrow")}</p>
          <h1>{t("board.title")}</h1>
        </div>
        <Link to={`/proposals${location.search}`} className="button secondary">
          {t("board.asList")}
        </Link>
      </div>
      <ProposalFilterForm filters={filters} owners={owners} action="/board" />
      <ActiveFilters search={location.search} owners={owners} />
      <div className="board">
        {STATUSES.map((status) => {
          const column = cards.filter((c) => c.status === status);
          return (
            <section key={status} className="board-column" aria-labelledby={`col-${status}`}>
              <h2 id={`col-${status}`}>
                {t(`status.${status}` as MessageKey)} <span className="muted">({totals[status] ?? 0})</span>
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
                      {t("board.next", { title: c.nextTitle })} <span className="muted">({formatDay(c.nextDue)})</span>
                    </p>
                  ) : null}
                  {c.moves.length ? (
                    <details className="inline-form" open={failed?.formId?.startsWith(`move-${c.id}-`)}>
                      <summary>{t("board.move")}</summary>
                      {c.moves.map((m) => {
                        const formId = `move-${c.id}-${m.to}`;
                        const error = failed?.formId === formId ? failed.result : null;
                        const messages = error ? [...(error.error?.[""] ?? []), ...(error.error?.note ?? [])].map(t.sentence) : [];
                        const label = t(`transition.${m.label}` as MessageKey);
                        return (
                          <Form key={m.to} method="post" className="transition-form" aria-label={`${label}: ${c.reference}`}>
                            <input type="hidden" name="intent" value="transition" />
                            <input type="hidden" name="proposalId" value={c.id} />
                            <input type="hidden" name="to" value={m.to} />
                            <input type="hidden" name="version" value={c.version} />
                            {messages.length ? (
                              <p className="field-error" role="alert">
                                {messages.join(" ")}
                              </p>
                            ) : null}
                            {m.noteRequired ? (
                              <div className="field">
                                <label htmlFor={`${formId}-note`}>{t("board.noteRequired")}</label>
                                <input id={`${formId}-note`} type="text" name="note" required defaultValue={String(error?.initialValue?.note ?? "")} />
                              </div>
                            ) : null}
                            <button type="submit" className="button small">
                              {label} → {t(`status.${m.to}` as MessageKey)}
                            </button>
                          </Form>
                        );
                      })}
                    </details>
                  ) : null}
                </article>
              ))}
              {(totals[status] ?? 0) > column.length ? (
                <Link to={listHref(narrowedListQuery(location.search, "status", status))}>{t("board.more", { count: (totals[status] ?? 0) - column.length })}</Link>
              ) : null}
            </section>
          );
        })}
      </div>
    </>
  );
}
