import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { getFormProps } from "@conform-to/react";
import { useT } from "~/i18n";
import { msg } from "~/i18n/message";
import { formIdFrom, intentOf, readAuthorisedForm, submitForm } from "~/lib/form-action.server";
import { useAppForm } from "~/lib/forms";
import { requireId, rethrowAsResponse } from "~/lib/http.server";
import { cachedRead } from "~/lib/read-cache.server";
import { requestContext } from "~/lib/request-context.server";
import { retryAfterHeaders } from "~/lib/retry-after";
import { proposalHistory } from "~/modules/audit/queries.server";
import { progressOf } from "~/modules/milestones/progress";
import { addMilestoneSchema, editMilestoneSchema, moveMilestoneSchema } from "~/modules/milestones/schemas";
import { addMilestone, moveMilestone, updateMilestone } from "~/modules/milestones/service.server";
import { assertMayChangeProposal } from "~/modules/proposals/guard.server";
import { getProposal } from "~/modules/proposals/queries.server";
import { progressUpdateSchema, transitionSchema } from "~/modules/proposals/schemas";
import { postProgressUpdate, transitionStatus } from "~/modules/proposals/service.server";
import { HEALTHS } from "~/modules/proposals/vocabulary";
import { availableTransitions, canEditProposal, type TransitionRule } from "~/modules/proposals/workflow";
import { requireUser } from "~/modules/users/session.server";
import { HealthBadge, ProgressBar, StatusBadge } from "~/ui/badges";
import { ConflictNote } from "~/ui/conflict-note";
import { FormErrors, SelectField, TextArea } from "~/ui/fields";
import { formatDay, formatUtc } from "~/ui/format";
import { HistoryList } from "~/ui/history";
import { Milestones } from "~/ui/milestones";
import { PageHeader } from "~/ui/page-header";

// A 503 (busy, or the database cannot store anything) keeps its Retry-After on the document.
export const headers = retryAfterHeaders;

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.proposal.reference} ${data.proposal.title} · Summit Tracker` : "Proposal · Summit Tracker" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const id = requireId(params.id, msg("what.proposal"));
  const [proposal, history] = await Promise.all([
    cachedRead(`proposal:${id}`, () => getProposal(id)).catch(rethrowAsResponse),
    cachedRead(`history:${id}`, () => proposalHistory(id)),
  ]);
  const actor = { id: user.id, role: user.role };
  return json({
    proposal,
    history,
    canEdit: canEditProposal(actor, proposal),
    transitions: availableTransitions(actor, proposal),
    today: new Date().toISOString(),
  });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const id = requireId(params.id, msg("what.proposal"));
  const actor = { id: user.id, role: user.role, name: user.name };
  const ctx = requestContext(context);
  // Every form on this page changes the proposal: who may do that is settled before parsing.
  const formData = await readAuthorisedForm(request, () => assertMayChangeProposal(actor, id, ctx, `POST /proposals/${id}`));
  const here = `/proposals/${id}${new URL(request.url).search}`;
  const intent = intentOf(formData, ["transition", "post-update", "add-milestone", "edit-milestone", "move-milestone"]);
  const formId = (fallback: string) => (fd: FormData) => formIdFrom(fd, fallback);
  switch (intent) {
    case "transition":
      return submitForm(request, formData, {
        formId: formId("transition"),
        schema: transitionSchema,
        write: (v) => transitionStatus(actor, id, v, ctx),
        done: (r) => ({ redirectTo: here, flash: msg("flash.statusChanged", { status: msg(`status.${r.to}`) }) }),
      });
    case "post-update":
      return submitForm(request, formData, {
        formId: "post-update",
        schema: progressUpdateSchema,
        write: (v) => postProgressUpdate(actor, id, v, ctx),
        done: () => ({ redirectTo: here, flash: msg("flash.updatePosted") }),
      });
    case "add-milestone":
      return submitForm(request, formData, {
        formId: "add-milestone",
        schema: addMilestoneSchema,
        write: (v) => addMilestone(actor, id, v, ctx),
        done: () => ({ redirectTo: here, flash: msg("flash.milestoneAdded") }),
      });
    case "edit-milestone":
      return submitForm(request, formData, {
        formId: formId("edit-milestone"),
        schema: editMilestoneSchema,
        write: (v) => updateMilestone(actor, id, v, ctx),
        done: () => ({ redirectTo: here, flash: msg("flash.milestoneSaved") }),
      });
    case "move-milestone":
      return submitForm(request, formData, {
        formId: formId("move-milestone"),
        schema: moveMilestoneSchema,
        write: (v) => moveMilestone(actor, id, v, ctx),
        done: () => ({ redirectTo: here, flash: msg("flash.milestonesReordered") }),
      });
  }
}

export default function ProposalPage() {
  const { proposal, history, canEdit, transitions, today } = useLoaderData<typeof loader>();
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
                <blockquote className="source">{proposal.sourceQuote}</blockquote>
                <p className="muted">{t("p.source", { source: proposal.summit.sourceDocument })}</p>
              </>
            ) : null}
          </section>

          <Milestones reference={proposal.reference} milestones={proposal.milestones} canEdit={canEdit} now={now} />
          <Updates proposal={proposal} canEdit={canEdit} />

          <section className="card" aria-labelledby="history-h">
            <h2 id="history-h">{t("p.history")}</h2>
            <HistoryList events={history} />
          </section>
        </div>

        <aside>
          <section className="card" aria-labelledby="status-h">
            <h2 id="status-h">{t("p.status")}</h2>
            <p>
              {t("p.current")} <StatusBadge status={proposal.status} />
            </p>
            {transitions.length ? (
              transitions.map((t) => <TransitionForm key={t.to} rule={t} version={proposal.version} />)
            ) : (
              <p className="muted">{t("p.noTransitions")}</p>
            )}
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
              <dd>{formatDay(proposal.targetDate)}</dd>
              <dt>{t("p.priority")}</dt>
              <dd>{t(`priority.${proposal.priority}`)}</dd>
              <dt>{t("p.event")}</dt>
              <dd>
                {proposal.summit.name}, {proposal.summit.place}
              </dd>
              <dt>{t("p.lastChange")}</dt>
              <dd>{formatUtc(proposal.updatedAt)}</dd>
              <dt>{t("p.version")}</dt>
              <dd>{proposal.version}</dd>
            </dl>
          </section>
        </aside>
      </div>
    </>
  );
}

function TransitionForm({ rule, version }: { rule: TransitionRule; version: number }) {
  const formId = `transition-${rule.to}`;
  const { form, fields, answer } = useAppForm({ id: formId, schema: transitionSchema });
  const busy = useNavigation().formData?.get("formId") === formId;
  const t = useT();
  const label = t(`transition.${rule.label}`);
  return (
    <Form method="post" {...getFormProps(form)} className="transition-form">
      <input type="hidden" name="intent" value="transition" />
      <input type="hidden" name="formId" value={formId} />
      <input type="hidden" name="to" value={rule.to} />
      <input type="hidden" name="version" value={version} />
      <FormErrors form={form} />
      {answer?.conflict ? <ConflictNote conflict={answer.conflict} /> : null}
      <TextArea field={fields.note} label={`${t("p.noteFor", { label })} ${rule.noteRequired ? t("p.required") : t("p.optional")}`} rows={2} />
      <button type="submit" className={`button small${rule.to === "dropped" ? " danger" : ""}`} disabled={busy}>
        {label} → {t(`status.${rule.to}`)}
      </button>
    </Form>
  );
}

type Proposal = ReturnType<typeof useLoaderData<typeof loader>>["proposal"];

function Updates({ proposal, canEdit }: { proposal: Proposal; canEdit: boolean }) {
  const { form, fields } = useAppForm({ id: "post-update", schema: progressUpdateSchema, defaultValue: { health: proposal.health } });
  const t = useT();
  return (
    <section className="card" aria-labelledby="updates-h">
      <h2 id="updates-h">{t("p.updates")}</h2>
      {canEdit ? (
        <Form method="post" {...getFormProps(form)}>
          <input type="hidden" name="intent" value="post-update" />
          <input type="hidden" name="formId" value="post-update" />
          <FormErrors form={form} />
          <div className="form-grid">
            <SelectField field={fields.health} label={t("p.health")} options={HEALTHS.map((h) => [h, t(`health.${h}`)])} />
          </div>
          <TextArea field={fields.body} label={t("p.update")} rows={3} />
          <button type="submit" className="button small">
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
    </section>
  );
}
