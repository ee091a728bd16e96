import { pageTitle } from "~/i18n/meta";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { getFormProps } from "@conform-to/react";
import { useT } from "~/i18n";
import { msg } from "~/i18n/message";
import { formIdFrom, intentOf, readAuthorisedForm, submitForm, type Done } from "~/lib/form-action.server";
import { useAppForm } from "~/lib/forms";
import { requireId, rethrowAsResponse } from "~/lib/http.server";
import { cachedRead } from "~/lib/read-cache.server";
import { requestContext } from "~/lib/request-context.server";
import { retryAfterHeaders } from "~/lib/retry-after";
import { newFormToken } from "~/lib/submissions.server";
import { proposalHistory } from "~/modules/audit/queries.server";
import { evidenceOf } from "~/modules/evidence/queries.server";
import { progressOf } from "~/modules/milestones/progress";
import { addMilestoneSchema, editMilestoneSchema, moveMilestoneSchema } from "~/modules/milestones/schemas";
import { addMilestone, moveMilestone, updateMilestone } from "~/modules/milestones/service.server";
import { mayComment } from "~/modules/comments/rules";
import { addCommentSchema, editCommentSchema } from "~/modules/comments/schemas";
import { addComment, assertMayComment, editComment } from "~/modules/comments/service.server";
import { commentsOf, mentionableUsers } from "~/modules/comments/queries.server";
import { assertMayChangeProposal } from "~/modules/proposals/guard.server";
import { getProposal, listOwners } from "~/modules/proposals/queries.server";
import { progressUpdateSchema, transitionSchema } from "~/modules/proposals/schemas";
import { postProgressUpdate, transitionStatus } from "~/modules/proposals/service.server";
import { HEALTHS } from "~/modules/proposals/vocabulary";
import { availableTransitions, canEditProposal } from "~/modules/proposals/workflow";
import { requireUser } from "~/modules/users/session.server";
import { watchersOf } from "~/modules/work/queries.server";
import { HealthBadge, ProgressBar, StatusBadge } from "~/ui/badges";
import { Comments } from "~/ui/comments";
import { EvidenceList } from "~/ui/evidence";
import { FormErrors, SelectField, TextArea } from "~/ui/fields";
import { FormMeta } from "~/ui/form-meta";
import { formatDay, formatUtc } from "~/ui/format";
import { HistoryList } from "~/ui/history";
import { Milestones } from "~/ui/milestones";
import { PageHeader } from "~/ui/page-header";
import { TransitionPanel } from "~/ui/transition-panel";

// A 503 (busy, or the database cannot store anything) keeps its Retry-After on the document.
export const headers = retryAfterHeaders;

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  pageTitle(matches, data ? `${data.proposal.reference} ${data.proposal.title}` : msg("title.proposal"));

/** The proposal's latest events shown on its page; the audit log, filtered to it, has them all. */
const HISTORY_SHOWN = 50;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const id = requireId(params.id, msg("what.proposal"));
  const updates = new URL(request.url).searchParams.get("updates") === "all" ? "all" : "latest";
  const [proposal, history, people, watchers, comments, mentionable, evidence] = await Promise.all([
    cachedRead(`proposal:${id}:${updates}`, () => getProposal(id, { updates })).catch(rethrowAsResponse),
    // One more than is shown, to know whether the audit log holds older events.
    cachedRead(`history:${id}`, () => proposalHistory(id, HISTORY_SHOWN + 1)),
    cachedRead("owners", () => listOwners()),
    watchersOf(id),
    cachedRead(`comments:${id}`, () => commentsOf(id)),
    cachedRead("mentionable", () => mentionableUsers()),
    cachedRead(`evidence:${id}`, () => evidenceOf(id)),
  ]);
  const actor = { id: user.id, role: user.role };
  return json({
    proposal,
    history: history.slice(0, HISTORY_SHOWN),
    olderHistory: history.length > HISTORY_SHOWN,
    // Who a milestone may be assigned to: the same people who may own a proposal.
    people,
    watchers,
    watching: watchers.some((w) => w.id === user.id),
    canEdit: canEditProposal(actor, proposal),
    transitions: availableTransitions(actor, proposal),
    comments,
    evidence,
    // Who a comment may mention: every active user.
    mentionable,
    canComment: mayComment(user.role),
    me: actor,
    today: new Date().toISOString(),
    // One per page render: the forms that write send it, so the same post twice writes once.
    formToken: newFormToken(),
  });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const id = requireId(params.id, msg("what.proposal"));
  const actor = { id: user.id, role: user.role, name: user.name };
  const ctx = requestContext(context);
  const formData = await readAuthorisedForm(request);
  const here = `/proposals/${id}${new URL(request.url).search}`;
  const intent = intentOf(formData, ["transition", "post-update", "add-milestone", "edit-milestone", "move-milestone", "add-comment", "edit-comment"]);
  // Who may act is settled before the form is parsed (docs/security.md, item 11): comments are
  // open to every role but viewer, on any proposal; every other form here changes the proposal.
  const attempted = `POST /proposals/${id}`;
  await (
    intent === "add-comment" || intent === "edit-comment" ? assertMayComment(actor, id, ctx, attempted) : assertMayChangeProposal(actor, id, ctx, attempted)
  ).catch(rethrowAsResponse);
  const formId = (fallback: string) => (fd: FormData) => formIdFrom(fd, fallback);
  // A repeat of a post already written (a double submit, a retry) lands where the first did.
  const once = { userId: user.id, context: ctx, replay: (): Done => ({ redirectTo: here, flash: msg("flash.alreadySaved") }) };
  switch (intent) {
    case "transition":
      return submitForm(request, formData, {
        formId: "transition",
        schema: transitionSchema,
        write: (v) => transitionStatus(actor, id, v, ctx),
        once,
        done: (r) => ({ redirectTo: here, flash: msg("flash.statusChanged", { status: msg(`status.${r.to}`) }) }),
      });
    case "post-update":
      return submitForm(request, formData, {
        formId: "post-update",
        schema: progressUpdateSchema,
        write: (v) => postProgressUpdate(actor, id, v, ctx),
        once,
        done: () => ({ redirectTo: here, flash: msg("flash.updatePosted") }),
      });
    case "add-milestone":
      return submitForm(request, formData, {
        formId: "add-milestone",
        schema: addMilestoneSchema,
        write: (v) => addMilestone(actor, id, v, ctx),
        once,
        done: () => ({ redirectTo: here, flash: msg("flash.milestoneAdded") }),
      });
    case "edit-milestone":
      return submitForm(request, formData, {
        formId: formId("edit-milestone"),
        schema: editMilestoneSchema,
        write: (v) => updateMilestone(actor, id, v, ctx),
        once,
        done: () => ({ redirectTo: here, flash: msg("flash.milestoneSaved") }),
      });
    case "move-milestone":
      return submitForm(request, formData, {
        formId: formId("move-milestone"),
        schema: moveMilestoneSchema,
        write: (v) => moveMilestone(actor, id, v, ctx),
        once,
        done: () => ({ redirectTo: here, flash: msg("flash.milestonesReordered") }),
      });
    case "add-comment":
      return submitForm(request, formData, {
        formId: "add-comment",
        schema: addCommentSchema,
        write: (v) => addComment(actor, id, v, ctx),
        once,
        done: (c) => ({ redirectTo: `${here}#comment-${c.id}`, flash: msg("flash.commentAdded") }),
      });
    case "edit-comment":
      return submitForm(request, formData, {
        formId: formId("edit-comment"),
        schema: editCommentSchema,
        write: (v) => editComment(actor, id, v, ctx),
        once,
        done: (r) => ({ redirectTo: `${here}#comment-${r.id}`, flash: msg(r.changed ? "flash.commentSaved" : "flash.commentUnchanged") }),
      });
  }
}

export default function ProposalPage() {
  const {
    proposal,
    history,
    olderHistory,
    people,
    watchers,
    watching,
    canEdit,
    transitions,
    comments,
    evidence,
    mentionable,
    canComment,
    me,
    today,
    formToken,
  } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const list = params.get("list");
  const backTo = `/proposals${list && list.startsWith("?") ? list : ""}`;
  const progress = progressOf(proposal.milestones);
  const now = new Date(today);
  const t = useT();
  return (
    <>
      <p className="no-print">
        <Link to={backTo}>{t("p.back")}</Link>
      </p>
      <PageHeader
        eyebrow={
          <>
            {proposal.reference} · {t(`area.${proposal.area}`)}
            {proposal.historical ? ` · ${t("p.historical")}` : ""}
          </>
        }
        title={proposal.title}
        meta={
          <>
            <StatusBadge status={proposal.status} />
            <HealthBadge health={proposal.health} />
            <ProgressBar value={progress} label={t("dash.progress")} />
          </>
        }
      >
        {canEdit ? (
          <Link to={`/proposals/${proposal.id}/edit${list ? `?list=${encodeURIComponent(list)}` : ""}`} className="button secondary">
            {t("p.edit")}
          </Link>
        ) : null}
      </PageHeader>

      <div className="detail-layout">
        <div>
          <section className="card" aria-labelledby="summary-h">
            <h2 id="summary-h">{t("p.summary")}</h2>
            <p>{proposal.summary || <span className="muted">{t("p.noSummary")}</span>}</p>
            {proposal.sourceQuote ? (
              <>
                <h3>{t("p.sourceQuote")}</h3>
                {proposal.quote ? (
                  <figure className="quote-in-context">
                    <blockquote className="source" cite={`/events/${proposal.summit.id}`}>
                      {proposal.quote.clippedBefore ? "… " : null}
                      {proposal.quote.before}
                      <mark className="quote">{proposal.quote.quote}</mark>
                      {proposal.quote.after}
                      {proposal.quote.clippedAfter ? " …" : null}
                    </blockquote>
                    <figcaption className="muted">
                      {t("p.quoteFrom")} <Link to={`/events/${proposal.summit.id}`}>{proposal.quote.documentTitle}</Link>
                    </figcaption>
                  </figure>
                ) : (
                  <>
                    <blockquote className="source">{proposal.sourceQuote}</blockquote>
                    <p className="muted">{t("p.source", { source: proposal.summit.sourceDocument })}</p>
                  </>
                )}
              </>
            ) : null}
          </section>

          <FollowUps proposal={proposal} />
          <Milestones reference={proposal.reference} milestones={proposal.milestones} people={people} canEdit={canEdit} now={now} token={formToken} />
          <Updates proposal={proposal} canEdit={canEdit} token={formToken} />
          <section className="card" aria-labelledby="evidence-h" id="evidence">
            <h2 id="evidence-h">{t("evidence.title")}</h2>
            <EvidenceList items={evidence} empty={t("evidence.none")} />
            {canEdit ? (
              <p>
                <Link to={`/proposals/${proposal.id}/evidence`} className="button small secondary">
                  {t("evidence.add")}
                </Link>
              </p>
            ) : null}
          </section>
          <Comments comments={comments} people={mentionable} me={me} canComment={canComment} now={now} token={formToken} />

          <section className="card" aria-labelledby="history-h">
            <h2 id="history-h">{t("p.history")}</h2>
            <HistoryList events={history} />
            {olderHistory ? (
              <p className="muted">
                {t("p.latestHistory", { shown: history.length })}{" "}
                <Link to={`/audit?proposal=${encodeURIComponent(proposal.reference)}`}>{t("p.fullHistory")}</Link>
              </p>
            ) : null}
          </section>
        </div>

        <aside>
          <section className="card" aria-labelledby="status-h">
            <h2 id="status-h">{t("p.status")}</h2>
            <p>
              {t("p.current")} <StatusBadge status={proposal.status} />
            </p>
            <TransitionPanel formId="transition" moves={transitions} version={proposal.version} token={formToken} />
          </section>
          <section className="card" aria-labelledby="details-h">
            <h2 id="details-h">{t("p.details")}</h2>
            <dl className="meta-list">
              <dt>{t("p.owner")}</dt>
              <dd>{proposal.owner.name}</dd>
              <dt>{t("p.lead")}</dt>
              <dd>{proposal.leadOrganisation || "—"}</dd>
              <dt>{t("p.proposedBy")}</dt>
              <dd>{t(`country.${proposal.proposingParty}`)}</dd>
              <dt>{t("p.countries")}</dt>
              <dd>
                {proposal.countries.map((c) => (
                  <span key={c.country} className="tag" title={t(`country.${c.country}`)}>
                    {c.country}
                  </span>
                ))}
              </dd>
              <dt>{t("p.target")}</dt>
              <dd>{formatDay(proposal.targetDate, t.locale)}</dd>
              <dt>{t("p.priority")}</dt>
              <dd>{t(`priority.${proposal.priority}`)}</dd>
              <dt>{t("p.event")}</dt>
              <dd>
                <Link to={`/events/${proposal.summit.id}`}>{proposal.summit.name}</Link>
                {proposal.summit.place ? `, ${proposal.summit.place}` : null}
              </dd>
              <dt>{t("p.lastChange")}</dt>
              <dd>{formatUtc(proposal.updatedAt)}</dd>
              <dt>{t("p.version")}</dt>
              <dd>{proposal.version}</dd>
            </dl>
            <Form method="post" action={`/proposals/${proposal.id}/watch`} className="watch-form">
              <p className="muted">
                {watchers.some((w) => w.id !== proposal.owner.id)
                  ? t("p.watchersWithOwner", { names: watchers.filter((w) => w.id !== proposal.owner.id).map((w) => w.name), owner: proposal.owner.name })
                  : t("p.noWatchers")}
              </p>
              <input type="hidden" name="formId" value="watch" />
              <button type="submit" name="intent" value={watching ? "unwatch" : "watch"} className="button small secondary">
                {watching ? t("p.unwatch") : t("p.watch")}
              </button>
            </Form>
          </section>
        </aside>
      </div>
    </>
  );
}

type Proposal = ReturnType<typeof useLoaderData<typeof loader>>["proposal"];

function Updates({ proposal, canEdit, token }: { proposal: Proposal; canEdit: boolean; token: string }) {
  const [params] = useSearchParams();
  const withAll = new URLSearchParams(params);
  withAll.set("updates", "all");
  const allUpdatesLink = `?${withAll.toString()}#updates-h`;
  const { form, fields, posting } = useAppForm({
    id: "post-update",
    schema: progressUpdateSchema,
    defaultValue: { health: proposal.health },
    resetOnSuccess: true,
  });
  const t = useT();
  return (
    <section className="card" aria-labelledby="updates-h">
      <h2 id="updates-h">{t("p.updates")}</h2>
      {canEdit ? (
        <Form method="post" {...getFormProps(form)}>
          <FormMeta formId="post-update" token={token} intent="post-update" />
          <FormErrors form={form} />
          <div className="form-grid">
            <SelectField field={fields.health} label={t("p.health")} options={HEALTHS.map((h) => [h, t(`health.${h}`)])} />
          </div>
          <TextArea field={fields.body} label={t("p.update")} rows={3} />
          <button type="submit" className="button small" disabled={posting}>
            {t("p.postUpdate")}
          </button>
        </Form>
      ) : null}
      {proposal.updates.length === 0 ? <p className="empty">{t("p.noUpdates")}</p> : null}
      <ol className="timeline-list">
        {proposal.updates.map((u) => (
          <li key={u.id}>
            <div>
              <strong>{u.author.name}</strong> · <HealthBadge health={u.health} />
            </div>
            <div className="muted">{formatUtc(u.createdAt)}</div>
            <p>{u.body}</p>
          </li>
        ))}
      </ol>
      {proposal.moreUpdates ? (
        <p className="muted">
          {t("p.latestUpdates", { shown: proposal.updates.length })} <Link to={allUpdatesLink}>{t("p.allUpdates")}</Link>
        </p>
      ) : null}
    </section>
  );
}

/**
 * The follow-up chain both ways: the earlier proposals this one follows up (oldest first), then
 * this one, then the later proposals that follow it up. Shown only when there is a chain.
 */
function FollowUps({ proposal }: { proposal: Proposal }) {
  const t = useT();
  if (!proposal.chain.length) return null;
  const earlier = proposal.chain.filter((c) => c.direction === "earlier").reverse();
  const later = proposal.chain.filter((c) => c.direction === "later");
  const item = (c: Proposal["chain"][number]) => (
    <li key={`${c.direction}-${c.id}`}>
      <Link to={`/proposals/${c.id}`}>{c.reference}</Link> {c.title} <StatusBadge status={c.status} />
      <div className="muted small">
        {c.summitName}
        {c.kind && c.direction === "later"
          ? ` · ${t(`followUp.${c.kind}`)} ${proposal.chain.find((x) => x.id === c.earlierId)?.reference ?? proposal.reference}`
          : null}
      </div>
    </li>
  );
  return (
    <section className="card" aria-labelledby="followups-h">
      <h2 id="followups-h">{t("p.followUps")}</h2>
      {earlier.length ? (
        <>
          <h3>{t("p.followsUpEarlier")}</h3>
          <ol className="plain-list chain">{earlier.map(item)}</ol>
          {proposal.followsUp ? (
            <p className="muted">
              {t("p.thisFollowsUp", { kind: t(`followUp.${proposal.followsUp.kind}`) })}{" "}
              <Link to={`/proposals/${proposal.followsUp.earlierId}`}>{earlier.at(-1)?.reference}</Link>
            </p>
          ) : null}
        </>
      ) : null}
      {later.length ? (
        <>
          <h3>{t("p.followedUpBy")}</h3>
          <ol className="plain-list chain">{later.map(item)}</ol>
        </>
      ) : null}
    </section>
  );
}
