import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { getFormProps, getInputProps, useForm } from "@conform-to/react";
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
import { postProgressUpdate, transitionStatus } from "~/modules/proposals/service.server";
import { dateToDay } from "~/modules/proposals/text";
import { HEALTHS, MILESTONE_STATUSES, type Status } from "~/modules/proposals/vocabulary";
import { availableTransitions, canEditProposal, type TransitionRule } from "~/modules/proposals/workflow";
import { requireUser } from "~/modules/users/session.server";
import { HealthBadge, MilestoneBadge, ProgressBar, StatusBadge } from "~/ui/badges";
import { FieldError, FormErrors, SelectField, TextArea, TextField } from "~/ui/fields";
import { formatDay, formatUtc } from "~/ui/format";
import { HistoryList } from "~/ui/history";
import { MilestoneTimeline, TimelineLegend } from "~/ui/timeline";
import { AREA_LABEL, COUNTRY_LABEL, HEALTH_LABEL, MILESTONE_STATUS_LABEL, PRIORITY_LABEL, STATUS_LABEL, labelFor } from "~/ui/labels";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.proposal.reference} ${data.proposal.title} · Summit Tracker` : "Proposal · Summit Tracker" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const id = requireId(params.id, "That proposal");
  const proposal = await getProposal(id).catch(rethrowAsResponse);
  const history = await proposalHistory(id);
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
  const formData = await request.formData();
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
        `Status changed to ${STATUS_LABEL[formData.get("to") as Status] ?? "the new status"}.`,
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

type ActionData = { formId: string; result: any; conflict: Record<string, unknown> | null } | undefined;

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
  return (
    <>
      <p className="no-print">
        <Link to={backTo}>← All proposals</Link>
      </p>
      <div className="page-head">
        <div>
          <p className="eyebrow">
            {proposal.reference} · {labelFor(AREA_LABEL, proposal.area)}
            {proposal.historical ? " · historical" : ""}
          </p>
          <h1>{proposal.title}</h1>
          <p className="actions">
            <StatusBadge status={proposal.status} />
            <HealthBadge health={proposal.health} />
            <ProgressBar value={progress} label="Progress" />
          </p>
        </div>
        {canEdit ? (
          <Link to={`/proposals/${proposal.id}/edit${list ? `?list=${encodeURIComponent(list)}` : ""}`} className="button secondary">
            Edit fields
          </Link>
        ) : null}
      </div>

      <div className="detail-layout">
        <div>
          <section className="card" aria-labelledby="summary-h">
            <h2 id="summary-h">Summary</h2>
            <p>{proposal.summary || <span className="muted">No summary.</span>}</p>
            {proposal.sourceQuote ? (
              <>
                <h3>Source quote</h3>
                <blockquote className="source">{proposal.sourceQuote}</blockquote>
                <p className="muted">Source: {proposal.summit.sourceDocument}</p>
              </>
            ) : null}
          </section>

          <Milestones proposal={proposal} canEdit={canEdit} now={now} />
          <Updates proposal={proposal} canEdit={canEdit} />

          <section className="card" aria-labelledby="history-h">
            <h2 id="history-h">History</h2>
            <HistoryList events={history} />
          </section>
        </div>

        <aside>
          <section className="card" aria-labelledby="status-h">
            <h2 id="status-h">Status</h2>
            <p>
              Current: <StatusBadge status={proposal.status} />
            </p>
            {transitions.length ? (
              transitions.map((t) => <TransitionForm key={t.to} rule={t} version={proposal.version} />)
            ) : (
              <p className="muted">No status change is available to you from here.</p>
            )}
          </section>
          <section className="card" aria-labelledby="details-h">
            <h2 id="details-h">Details</h2>
            <dl className="meta-list">
              <dt>Owner</dt>
              <dd>{proposal.owner.name}</dd>
              <dt>Lead organisation</dt>
              <dd>{proposal.leadOrganisation || "—"}</dd>
              <dt>Proposed by</dt>
              <dd>{labelFor(COUNTRY_LABEL, proposal.proposingParty)}</dd>
              <dt>Countries</dt>
              <dd>
                {proposal.countries.map((c) => (
                  <span key={c.country} className="tag" title={labelFor(COUNTRY_LABEL, c.country)}>
                    {c.country}
                  </span>
                ))}
              </dd>
              <dt>Target date</dt>
              <dd>{formatDay(proposal.targetDate)}</dd>
              <dt>Priority</dt>
              <dd>{labelFor(PRIORITY_LABEL, proposal.priority)}</dd>
              <dt>Event</dt>
              <dd>
                {proposal.summit.name}, {proposal.summit.place}
              </dd>
              <dt>Last change</dt>
              <dd>{formatUtc(proposal.updatedAt)}</dd>
              <dt>Version</dt>
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
          Note for “{rule.label}”{rule.noteRequired ? " (required)" : " (optional)"}
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
        {rule.label} → {STATUS_LABEL[rule.to]}
      </button>
    </Form>
  );
}

function ConflictNote({ current }: { current: Record<string, unknown> }) {
  const rows = Object.entries(current).filter(([k]) => ["status", "title", "dueDate", "version", "health", "note"].includes(k));
  return (
    <div className="form-error" role="alert">
      <p>The current values are:</p>
      <ul>
        {rows.map(([k, v]) => (
          <li key={k}>
            {k}: {k === "status" ? (STATUS_LABEL[v as Status] ?? String(v)) : String(v instanceof Date ? v.toISOString() : (v ?? "—"))}
          </li>
        ))}
      </ul>
      <p>What you typed is kept below; submit again to apply it on top of the current version.</p>
    </div>
  );
}

type Proposal = ReturnType<typeof useLoaderData<typeof loader>>["proposal"];

function Milestones({ proposal, canEdit, now }: { proposal: Proposal; canEdit: boolean; now: Date }) {
  return (
    <section className="card" aria-labelledby="milestones-h">
      <h2 id="milestones-h">Milestones</h2>
      {proposal.milestones.length === 0 ? <p className="empty">No milestones yet.</p> : null}
      <ol className="milestones">
        {proposal.milestones.map((m, i) => (
          <li key={m.id}>
            <div>
              <strong>{m.title}</strong>
              <div className="muted">
                Due {formatDay(m.dueDate)}
                {m.completedOn ? ` · done ${formatDay(m.completedOn)}` : ""}
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
            caption={`Milestones of ${proposal.reference} over time`}
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
  return (
    <details className="inline-form" open={Boolean(lastResult)}>
      <summary>Update “{m.title}”</summary>
      <Form method="post" {...getFormProps(form)}>
        <input type="hidden" name="intent" value="edit-milestone" />
        <input type="hidden" name="formId" value={formId} />
        <input type="hidden" name="milestoneId" value={m.id} />
        <input type="hidden" name="version" value={m.version} />
        <FormErrors form={form} />
        {lastResult?.conflict ? <ConflictNote current={lastResult.conflict} /> : null}
        <div className="form-grid">
          <TextField field={fields.title} label="Milestone title" />
          <TextField field={fields.dueDate} label="Due date" type="date" />
          <SelectField field={fields.status} label="Status" options={MILESTONE_STATUSES.map((s) => [s, MILESTONE_STATUS_LABEL[s]])} />
          <TextField field={fields.completedOn} label="Completed on" type="date" hint="Needed when done." />
        </div>
        <TextArea field={fields.note} label="Note" rows={2} />
        <div className="actions">
          <button type="submit" className="button small">
            Save milestone
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
              <button type="submit" className="button small secondary" aria-label={`Move “${m.title}” ${direction}`}>
                Move {direction}
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
  return (
    <details className="inline-form" open={Boolean(lastResult)}>
      <summary>Add a milestone</summary>
      <Form method="post" {...getFormProps(form)}>
        <input type="hidden" name="intent" value="add-milestone" />
        <input type="hidden" name="formId" value={formId} />
        <FormErrors form={form} />
        <div className="form-grid">
          <TextField field={fields.title} label="Milestone title" />
          <TextField field={fields.dueDate} label="Due date" type="date" />
        </div>
        <TextArea field={fields.note} label="Note" rows={2} />
        <button type="submit" className="button small">
          Add milestone
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
  return (
    <section className="card" aria-labelledby="updates-h">
      <h2 id="updates-h">Progress updates</h2>
      {canEdit ? (
        <Form method="post" {...getFormProps(form)}>
          <input type="hidden" name="intent" value="post-update" />
          <input type="hidden" name="formId" value={formId} />
          <FormErrors form={form} />
          <div className="form-grid">
            <SelectField field={fields.health} label="Health" options={HEALTHS.map((h) => [h, HEALTH_LABEL[h]])} />
          </div>
          <TextArea field={fields.body} label="Update" rows={3} />
          <button type="submit" className="button small">
            Post update
          </button>
        </Form>
      ) : null}
      {proposal.updates.length === 0 ? <p className="empty">No progress updates yet.</p> : null}
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
