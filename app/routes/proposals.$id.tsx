import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { retryAfterHeaders } from "~/lib/retry-after";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { z } from "zod";
import { redirectWithFlash } from "~/lib/flash.server";
import { formFailure } from "~/lib/form-errors.server";
import { requireId, rethrowAsResponse } from "~/lib/http.server";
import { requestContext } from "~/lib/request-context.server";
import { proposalHistory } from "~/modules/audit/queries.server";
import { isOverdue, progressOf } from "~/modules/milestones/progress";
import { addMilestoneSchema, editMilestoneSchema, moveMilestoneSchema } from "~/modules/milestones/schemas";
import { addMilestone, moveMilestone, updateMilestone } from "~/modules/milestones/service.server";
import { getProposal } from "~/modules/proposals/queries.server";
import { progressUpdateSchema, transitionSchema } from "~/modules/proposals/schemas";
import { assertMayChangeProposal } from "~/modules/proposals/guard.server";
import { postProgressUpdate, transitionStatus } from "~/modules/proposals/service.server";
import { dateToDay } from "~/modules/proposals/text";
import { HEALTHS, MILESTONE_STATUSES, type Status } from "~/modules/proposals/vocabulary";
import { availableTransitions, canEditProposal, type TransitionRule } from "~/modules/proposals/workflow";
import { requireUser } from "~/modules/users/session.server";
import { cachedRead } from "~/lib/read-cache.server";
import { HealthBadge, MilestoneBadge, ProgressBar, StatusBadge } from "~/ui/badges";
import { FieldError, FormErrors, SelectField, TextArea, TextField } from "~/ui/fields";
import { formatDay, formatUtc } from "~/ui/format";
import { HistoryList } from "~/ui/history";
import { MilestoneTimeline, TimelineLegend } from "~/ui/timeline";
import { labelOf, STATUS_LABEL } from "~/ui/labels";
import { useT } from "~/i18n";
import type { MessageKey } from "~/i18n/messages";
import { readFormData } from "~/lib/form-data.server";

// A 503 (busy, or the database cannot store anything) keeps its Retry-After on the document.
export const headers = retryAfterHeaders;

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.proposal.reference} ${data.proposal.title} · Summit Tracker` : "Proposal · Summit Tracker" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const id = requireId(params.id, "That proposal");
  const [proposal, history] = await Promise.all([
    cachedRead(`proposal:${id}`, () => getProposal(id)).catch(rethrowAsResponse),
    cachedRead(`history:${id}`, () => proposalHistory(id)),
  ]);
  const actor = { id: user.id, role: user.role };
  return json({
    proposal,
    history,
    canEdit: canEditProposal(actor, proposal),
    transitions: availableTransitions(actor, { status: proposal.status as Status, ownerId: proposal.ownerId }),
    today: new Date().toISOString(),
  });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const id = requireId(params.id, "That proposal");
  const actor = { id: user.id, role: user.role, name: user.name };
  const ctx = requestContext(context);
  // Every form on this page changes the proposal: who may do that is settled before parsing.
  await assertMayChangeProposal(actor, id, ctx, `POST /proposals/${id}`).catch(rethrowAsResponse);
  const formData = await readFormData(request);
  const intent = String(formData.get("intent") ?? "");
  const here = `/proposals/${id}${new URL(request.url).search}`;

  async function run<S extends z.ZodType>(schema: S, formId: (v: z.infer<S>) => string, write: (v: z.infer<S>) => Promise<unknown>, done: string) {
    const submission = parseWithZod(formData, { schema });
    if (submission.status !== "success") {
      return json({ formId: String(formData.get("formId") ?? intent), result: submission.reply(), conflict: null }, { status: 400 });
    }
    try {
      await write(submission.value);
    } catch (error) {
      return formFailure(error, submission, formId(submission.value));
    }
    return redirectWithFlash(request, here, { kind: "success", message: done });
  }

  switch (intent) {
    case "transition":
      return run(
        transitionSchema,
        (v) => `transition-${v.to}`,
        (v) => transitionStatus(actor, id, v, ctx),
        `Status changed to ${labelOf(STATUS_LABEL, formData.get("to")) ?? "the new status"}.`,
      );
    case "post-update":
      return run(progressUpdateSchema, () => "post-update", (v) => postProgressUpdate(actor, id, v, ctx), "Progress update posted.");
    case "add-milestone":
      return run(addMilestoneSchema, () => "add-milestone", (v) => addMilestone(actor, id, v, ctx), "Milestone added.");
    case "edit-milestone":
      return run(editMilestoneSchema, (v) => `ms-${v.milestoneId}`, (v) => updateMilestone(actor, id, v, ctx), "Milestone saved.");
    case "move-milestone":
      return run(moveMilestoneSchema, (v) => `ms-${v.milestoneId}`, (v) => moveMilestone(actor, id, v, ctx), "Milestones reordered.");
    default:
      throw json({ message: "Unknown action." }, { status: 400 });
  }
}

type ActionData = { formId: string; result: SubmissionResult<string[]>; conflict: Record<string, unknown> | null } | undefined;

/** The action's answer, if it was for this form. */
function useLastResult(formId: string) {
  const data = useActionData<typeof action>() as ActionData;
  return data?.formId === formId ? data : undefined;
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
      <div className="page-head">
        <div>
          <p className="eyebrow">
            {proposal.reference} · {t(`area.${proposal.area}` as MessageKey)}
            {proposal.historical ? ` · ${t("p.historical")}` : ""}
          </p>
          <h1>{proposal.title}</h1>
          <p className="actions">
            <StatusBadge status={proposal.status} />
            <HealthBadge health={proposal.health} />
            <ProgressBar value={progress} label={t("dash.progress")} />
          </p>
        </div>
        {canEdit ? (
          <Link to={`/proposals/${proposal.id}/edit${list ? `?list=${encodeURIComponent(list)}` : ""}`} className="button secondary">
            {t("p.edit")}
          </Link>
        ) : null}
      </div>

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

          <Milestones proposal={proposal} canEdit={canEdit} now={now} />
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
              <dd>{t(`country.${proposal.proposingParty}` as MessageKey)}</dd>
              <dt>{t("p.countries")}</dt>
              <dd>
                {proposal.countries.map((c) => (
                  <span key={c.country} className="tag" title={t(`country.${c.country}` as MessageKey)}>
                    {c.country}
                  </span>
                ))}
              </dd>
              <dt>{t("p.target")}</dt>
              <dd>{formatDay(proposal.targetDate)}</dd>
              <dt>{t("p.priority")}</dt>
              <dd>{t(`priority.${proposal.priority}` as MessageKey)}</dd>
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
  const last = useLastResult(formId);
  const [form, fields] = useForm({
    id: formId,
    lastResult: last?.result,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: transitionSchema }),
    shouldValidate: "onSubmit",
  });
  const busy = useNavigation().formData?.get("formId") === formId;
  const t = useT();
  const label = t(`transition.${rule.label}` as MessageKey);
  return (
    <Form method="post" {...getFormProps(form)} className="transition-form">
      <input type="hidden" name="intent" value="transition" />
      <input type="hidden" name="formId" value={formId} />
      <input type="hidden" name="to" value={rule.to} />
      <input type="hidden" name="version" value={version} />
      <FormErrors form={form} />
      {last?.conflict ? <ConflictNote current={last.conflict} /> : null}
      <div className="field">
        <label htmlFor={fields.note.id}>
          {t("p.noteFor", { label })} {rule.noteRequired ? t("p.required") : t("p.optional")}
        </label>
        <textarea
          id={fields.note.id}
          name={fields.note.name}
          defaultValue={fields.note.initialValue as string | undefined}
          rows={2}
          aria-invalid={fields.note.errors ? true : undefined}
          aria-describedby={fields.note.errors ? fields.note.errorId : undefined}
        />
        <FieldError id={fields.note.errorId} errors={fields.note.errors} />
      </div>
      <button type="submit" className={`button small${rule.to === "dropped" ? " danger" : ""}`} disabled={busy}>
        {label} → {t(`status.${rule.to}` as MessageKey)}
      </button>
    </Form>
  );
}

function ConflictNote({ current }: { current: Record<string, unknown> }) {
  const t = useT();
  const rows = Object.entries(current).filter(([k]) => ["status", "title", "dueDate", "version", "health", "note"].includes(k));
  return (
    <div className="form-error" role="alert">
      <p>{t("p.currentValues")}</p>
      <ul>
        {rows.map(([k, v]) => (
          <li key={k}>
            {t(`field.${k}` as MessageKey)}: {k === "status" ? t(`status.${String(v)}` as MessageKey) : String(v ?? "—")}
          </li>
        ))}
      </ul>
      <p>{t("p.keptBelow")}</p>
    </div>
  );
}

type Proposal = ReturnType<typeof useLoaderData<typeof loader>>["proposal"];

function Milestones({ proposal, canEdit, now }: { proposal: Proposal; canEdit: boolean; now: Date }) {
  const t = useT();
  return (
    <section className="card" aria-labelledby="milestones-h">
      <h2 id="milestones-h">{t("p.milestones")}</h2>
      {proposal.milestones.length === 0 ? <p className="empty">{t("p.noMilestones")}</p> : null}
      <ol className="milestones">
        {proposal.milestones.map((m, i) => (
          <li key={m.id}>
            <div>
              <strong>{m.title}</strong>
              <div className="muted">
                {t("p.due", { date: formatDay(m.dueDate) })}
                {m.completedOn ? ` · ${t("p.doneOn", { date: formatDay(m.completedOn) })}` : ""}
              </div>
              {m.note ? <div className="muted">{m.note}</div> : null}
              {canEdit ? <MilestoneEditForm milestone={m} first={i === 0} last={i === proposal.milestones.length - 1} /> : null}
            </div>
            <div>
              <MilestoneBadge status={m.status} overdue={isOverdue(m, now)} />
            </div>
          </li>
        ))}
      </ol>
      {canEdit ? <AddMilestoneForm /> : null}
      {proposal.milestones.length ? (
        <>
          <TimelineLegend />
          <MilestoneTimeline
            id="proposal-timeline"
            today={now.toISOString()}
            caption={t("p.timelineCaption", { reference: proposal.reference })}
            rows={proposal.milestones.map((m) => ({ key: m.id, label: m.title, milestones: [m] }))}
          />
        </>
      ) : null}
    </section>
  );
}

function MilestoneEditForm({ milestone: m, first, last }: { milestone: Proposal["milestones"][number]; first: boolean; last: boolean }) {
  const formId = `ms-${m.id}`;
  const lastResult = useLastResult(formId);
  const [form, fields] = useForm({
    id: formId,
    lastResult: lastResult?.result,
    defaultValue: {
      title: m.title,
      dueDate: dateToDay(new Date(m.dueDate)),
      status: m.status,
      completedOn: m.completedOn ? dateToDay(new Date(m.completedOn)) : "",
      note: m.note,
    },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: editMilestoneSchema }),
    shouldValidate: "onSubmit",
  });
  const t = useT();
  return (
    <details className="inline-form" open={Boolean(lastResult)}>
      <summary>{t("p.updateMilestone", { title: m.title })}</summary>
      <Form method="post" {...getFormProps(form)}>
        <input type="hidden" name="intent" value="edit-milestone" />
        <input type="hidden" name="formId" value={formId} />
        <input type="hidden" name="milestoneId" value={m.id} />
        <input type="hidden" name="version" value={m.version} />
        <FormErrors form={form} />
        {lastResult?.conflict ? <ConflictNote current={lastResult.conflict} /> : null}
        <div className="form-grid">
          <TextField field={fields.title} label={t("p.milestoneTitle")} />
          <TextField field={fields.dueDate} label={t("p.dueDate")} type="date" />
          <SelectField field={fields.status} label={t("field.status")} options={MILESTONE_STATUSES.map((s) => [s, t(`milestone.${s}` as MessageKey)])} />
          <TextField field={fields.completedOn} label={t("p.completedOn")} type="date" hint={t("p.completedHint")} />
        </div>
        <TextArea field={fields.note} label={t("p.note")} rows={2} />
        <div className="actions">
          <button type="submit" className="button small">
            {t("p.saveMilestone")}
          </button>
        </div>
      </Form>
      <div className="actions">
        {(["up", "down"] as const).map((direction) =>
          (direction === "up" && first) || (direction === "down" && last) ? null : (
            <Form method="post" key={direction}>
              <input type="hidden" name="intent" value="move-milestone" />
              <input type="hidden" name="formId" value={formId} />
              <input type="hidden" name="milestoneId" value={m.id} />
              <input type="hidden" name="direction" value={direction} />
              <input type="hidden" name="version" value={m.version} />
              <button type="submit" className="button small secondary" aria-label={`${t("p.move", { direction: t(direction === "up" ? "p.moveUp" : "p.moveDown") })}: ${m.title}`}>
                {t("p.move", { direction: t(direction === "up" ? "p.moveUp" : "p.moveDown") })}
              </button>
            </Form>
          ),
        )}
      </div>
    </details>
  );
}

function AddMilestoneForm() {
  const formId = "add-milestone";
  const lastResult = useLastResult(formId);
  const [form, fields] = useForm({
    id: formId,
    lastResult: lastResult?.result,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: addMilestoneSchema }),
    shouldValidate: "onSubmit",
  });
  const t = useT();
  return (
    <details className="inline-form" open={Boolean(lastResult)}>
      <summary>{t("p.addMilestone")}</summary>
      <Form method="post" {...getFormProps(form)}>
        <input type="hidden" name="intent" value="add-milestone" />
        <input type="hidden" name="formId" value={formId} />
        <FormErrors form={form} />
        <div className="form-grid">
          <TextField field={fields.title} label={t("p.milestoneTitle")} />
          <TextField field={fields.dueDate} label={t("p.dueDate")} type="date" />
        </div>
        <TextArea field={fields.note} label={t("p.note")} rows={2} />
        <button type="submit" className="button small">
          {t("p.addMilestoneButton")}
        </button>
      </Form>
    </details>
  );
}

function Updates({ proposal, canEdit }: { proposal: Proposal; canEdit: boolean }) {
  const formId = "post-update";
  const lastResult = useLastResult(formId);
  const [form, fields] = useForm({
    id: formId,
    lastResult: lastResult?.result,
    defaultValue: { health: proposal.health },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: progressUpdateSchema }),
    shouldValidate: "onSubmit",
  });
  const t = useT();
  return (
    <section className="card" aria-labelledby="updates-h">
      <h2 id="updates-h">{t("p.updates")}</h2>
      {canEdit ? (
        <Form method="post" {...getFormProps(form)}>
          <input type="hidden" name="intent" value="post-update" />
          <input type="hidden" name="formId" value={formId} />
          <FormErrors form={form} />
          <div className="form-grid">
            <SelectField field={fields.health} label={t("p.health")} options={HEALTHS.map((h) => [h, t(`health.${h}` as MessageKey)])} />
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
