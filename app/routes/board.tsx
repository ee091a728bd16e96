import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { retryAfterHeaders } from "~/lib/retry-after";
import { Form, Link, useActionData, useLoaderData, useLocation } from "@remix-run/react";
import { getFormProps, getInputProps } from "@conform-to/react";
import { msg } from "~/i18n/message";
import { readAuthorisedForm, submitForm } from "~/lib/form-action.server";
import { useAppForm, type ActionResult } from "~/lib/forms";
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
import { FieldError, FormErrors } from "~/ui/fields";
import { formatDay } from "~/ui/format";
import { useT } from "~/i18n";
import { ActiveFilters, ProposalFilterForm } from "~/ui/proposal-filters";
import { PageHeader } from "~/ui/page-header";

// A 503 (busy, or the database cannot store anything) keeps its Retry-After on the document.
export const headers = retryAfterHeaders;

export const meta: MetaFunction = () => [{ title: "Board · Summit Tracker" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const filters = parseProposalFilters(new URL(request.url).searchParams);
  const [board, owners] = await Promise.all([boardProposals(filters), listOwners()]);
  const actor = { id: user.id, role: user.role };
  // Each card gets the moves this user may make from its status (the same rules as the proposal page).
  const cards = board.cards.map((c) => ({
    ...c,
    moves: availableTransitions(actor, c).map((t) => ({ to: t.to, label: t.label, noteRequired: t.noteRequired })),
  }));
  return json({ cards, totals: board.totals, filters, owners });
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
    formId: (fd) => `move-${id}-${String(fd.get("to") ?? "").slice(0, 20)}`,
    schema: transitionSchema,
    write: (v) => transitionStatus(actor, id, v, ctx),
    done: (r) => ({ redirectTo: `/board${back}`, flash: msg("flash.moved", { status: msg(`status.${r.to}`) }) }),
  });
}

export default function Board() {
  const { cards, totals, filters, owners } = useLoaderData<typeof loader>();
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
      <ActiveFilters search={location.search} owners={owners} />
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
                      {t("board.next", { title: c.nextTitle })} <span className="muted">({formatDay(c.nextDue)})</span>
                    </p>
                  ) : null}
                  {c.moves.length ? (
                    <details className="inline-form" open={failed?.formId?.startsWith(`move-${c.id}-`)}>
                      <summary>{t("board.move")}</summary>
                      {c.moves.map((m) => (
                        <BoardMove key={m.to} card={c} move={m} />
                      ))}
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

type Card = ReturnType<typeof useLoaderData<typeof loader>>["cards"][number];

/** One move of a card: a small form whose errors (and typed note) come back to it alone. */
function BoardMove({ card, move }: { card: Card; move: Card["moves"][number] }) {
  const formId = `move-${card.id}-${move.to}`;
  const { form, fields } = useAppForm({ id: formId, schema: transitionSchema });
  const t = useT();
  const label = t(`transition.${move.label}`);
  return (
    <Form method="post" {...getFormProps(form)} className="transition-form" aria-label={`${label}: ${card.reference}`}>
      <input type="hidden" name="intent" value="transition" />
      <input type="hidden" name="proposalId" value={card.id} />
      <input type="hidden" name="to" value={move.to} />
      <input type="hidden" name="version" value={card.version} />
      <FormErrors form={form} />
      {move.noteRequired ? (
        <div className="field">
          <label htmlFor={fields.note.id}>{t("board.noteRequired")}</label>
          <input {...getInputProps(fields.note, { type: "text" })} required />
          <FieldError id={fields.note.errorId} errors={fields.note.errors} alert />
        </div>
      ) : null}
      <button type="submit" className="button small">
        {label} → {t(`status.${move.to}`)}
      </button>
    </Form>
  );
}
