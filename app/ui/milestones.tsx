// A proposal's milestones: the list, the inline edit and move forms, the add form and the
// proposal's own timeline. The forms post to the proposal page's action (intents
// add-milestone, edit-milestone, move-milestone).
import { useState } from "react";
import { Form, Link } from "@remix-run/react";
import { getFormProps } from "@conform-to/react";
import { useT } from "~/i18n";
import { quietForm, useAppForm, useFormResult, usePosting } from "~/lib/forms";
import { isOverdue } from "~/modules/milestones/progress";
import { addMilestoneSchema, editMilestoneSchema } from "~/modules/milestones/schemas";
import { dateToDay } from "~/modules/proposals/text";
import { MILESTONE_STATUSES } from "~/modules/proposals/vocabulary";
import { MilestoneBadge } from "./badges";
import { ConflictNote } from "./conflict-note";
import { CheckboxField, FormErrors, SelectField, TextArea, TextField } from "./fields";
import { FormMeta } from "./form-meta";
import { formatDay } from "./format";
import { MilestoneTimeline, TimelineLegend, type TimelineMilestone } from "./timeline";

export type MilestoneRow = TimelineMilestone & {
  note: string;
  version: number;
  assigneeId: string | null;
  assignee: { name: string } | null;
  evidenceRequired: boolean;
  _count: { evidence: number };
};
type Person = { id: string; name: string };

export function Milestones(props: { reference: string; milestones: MilestoneRow[]; people: Person[]; canEdit: boolean; now: Date; token: string }) {
  const { reference, milestones, people, canEdit, now, token } = props;
  const t = useT();
  return (
    <section className="card" aria-labelledby="milestones-h">
      <h2 id="milestones-h">{t("p.milestones")}</h2>
      {milestones.length === 0 ? <p className="empty">{t("p.noMilestones")}</p> : null}
      <ol className="milestones">
        {milestones.map((m, i) => (
          <li key={m.id}>
            <div>
              <strong>{m.title}</strong>
              <div className="muted">
                {t("p.due", { date: formatDay(m.dueDate, t.locale) })}
                {m.completedOn ? ` · ${t("p.doneOn", { date: formatDay(m.completedOn, t.locale) })}` : ""}
                {m.assignee && m.assigneeId ? (
                  <>
                    {" · "}
                    <Link to={`/proposals?assignee=${encodeURIComponent(m.assigneeId)}`}>{t("p.assignedTo", { name: m.assignee.name })}</Link>
                  </>
                ) : null}
              </div>
              {m.note ? <div className="muted">{m.note}</div> : null}
              {m.evidenceRequired || m._count.evidence ? (
                <div className="muted small">
                  {m.evidenceRequired ? t("p.needsEvidence") : null}
                  {m.evidenceRequired && m._count.evidence ? " · " : null}
                  {m._count.evidence ? t("p.evidenceCount", { count: m._count.evidence }) : null}
                </div>
              ) : null}
              {canEdit ? <MilestoneEditForm milestone={m} first={i === 0} last={i === milestones.length - 1} people={people} token={token} /> : null}
            </div>
            <div>
              <MilestoneBadge status={m.status} overdue={isOverdue(m, now)} />
            </div>
          </li>
        ))}
      </ol>
      {canEdit ? <AddMilestoneForm people={people} token={token} /> : null}
      {milestones.length ? (
        <>
          <TimelineLegend />
          <MilestoneTimeline
            id="proposal-timeline"
            size="compact"
            today={now.toISOString()}
            caption={t("p.timelineCaption", { reference })}
            rows={milestones.map((m) => ({ key: m.id, label: m.title, milestones: [m] }))}
          />
        </>
      ) : null}
    </section>
  );
}

type EditProps = { milestone: MilestoneRow; first: boolean; last: boolean; people: Person[]; token: string };

const editDefaults = (m: MilestoneRow) => ({
  title: m.title,
  dueDate: dateToDay(new Date(m.dueDate)),
  status: m.status,
  completedOn: m.completedOn ? dateToDay(new Date(m.completedOn)) : "",
  note: m.note,
  assigneeId: m.assigneeId ?? "",
  evidenceRequired: m.evidenceRequired ? "on" : "",
});

/**
 * A milestone's edit form, folded in a <details> that stays put: plain HTML (lib/forms.ts,
 * quietForm) while folded, the Conform form from the moment it is opened or has an answer, so
 * the browser checks what is typed and a refusal moves focus to the field, as on other forms.
 */
function MilestoneEditForm(props: EditProps) {
  const answered = Boolean(useFormResult(`ms-${props.milestone.id}`));
  const [opened, setOpened] = useState(answered);
  // An answer (a refusal, a conflict) opens the form, whether it came with the first render or later.
  const [seenAnswer, setSeenAnswer] = useState(answered);
  if (answered !== seenAnswer) {
    setSeenAnswer(answered);
    if (answered) setOpened(true);
  }
  const t = useT();
  return (
    <details className="inline-form" open={opened} onToggle={(e) => setOpened(e.currentTarget.open)}>
      <summary>{t("p.updateMilestone", { title: props.milestone.title })}</summary>
      {opened || answered ? <LiveMilestoneForm {...props} /> : <QuietMilestoneForm {...props} />}
    </details>
  );
}

function LiveMilestoneForm(props: EditProps) {
  const { form, fields, answer, posting } = useAppForm({
    id: `ms-${props.milestone.id}`,
    schema: editMilestoneSchema,
    defaultValue: editDefaults(props.milestone),
  });
  return <MilestoneFormBody {...props} form={form} fields={fields} answer={answer} posting={posting} />;
}

function QuietMilestoneForm(props: EditProps) {
  const formId = `ms-${props.milestone.id}`;
  const { form, fields } = quietForm(formId, editDefaults(props.milestone));
  const posting = usePosting(formId);
  // The plain values stand in for Conform's metadata wherever the field components read it.
  return <MilestoneFormBody {...props} form={form as never} fields={fields as never} answer={undefined} posting={posting} />;
}

type Live = ReturnType<typeof useAppForm<typeof editMilestoneSchema>>;

function MilestoneFormBody(props: EditProps & Pick<Live, "form" | "fields" | "answer" | "posting">) {
  const { milestone: m, first, last, people, token, form, fields, answer, posting } = props;
  const formId = `ms-${m.id}`;
  const t = useT();
  const move = (direction: "up" | "down") => t("p.move", { direction: t(direction === "up" ? "p.moveUp" : "p.moveDown") });
  return (
    <>
      <Form method="post" {...getFormProps(form)}>
        <FormMeta formId={formId} token={token} intent="edit-milestone" />
        <input type="hidden" name="milestoneId" value={m.id} />
        <input type="hidden" name="version" value={m.version} />
        <FormErrors form={form} />
        {answer?.conflict ? <ConflictNote conflict={answer.conflict} /> : null}
        <div className="form-grid">
          <TextField field={fields.title} label={t("p.milestoneTitle")} />
          <TextField field={fields.dueDate} label={t("p.dueDate")} type="date" />
          <SelectField field={fields.status} label={t("field.status")} options={MILESTONE_STATUSES.map((s) => [s, t(`milestone.${s}`)])} />
          <TextField field={fields.completedOn} label={t("p.completedOn")} type="date" hint={t("p.completedHint")} />
          <AssigneeField field={fields.assigneeId} people={people} />
        </div>
        <TextArea field={fields.note} label={t("p.note")} rows={2} />
        <CheckboxField field={fields.evidenceRequired} label={t("field.evidenceRequired")} />
        <div className="actions">
          <button type="submit" className="button small" disabled={posting}>
            {t("p.saveMilestone")}
          </button>
        </div>
      </Form>
      <div className="actions">
        {(["up", "down"] as const).map((direction) =>
          (direction === "up" && first) || (direction === "down" && last) ? null : (
            <Form method="post" key={direction}>
              <FormMeta formId={formId} token={token} intent="move-milestone" />
              <input type="hidden" name="milestoneId" value={m.id} />
              <input type="hidden" name="direction" value={direction} />
              <input type="hidden" name="version" value={m.version} />
              <button type="submit" className="button small secondary" aria-label={`${move(direction)}: ${m.title}`} disabled={posting}>
                {move(direction)}
              </button>
            </Form>
          ),
        )}
      </div>
    </>
  );
}

function AddMilestoneForm({ people, token }: { people: Person[]; token: string }) {
  const { form, fields, answer, posting } = useAppForm({ id: "add-milestone", schema: addMilestoneSchema, resetOnSuccess: true });
  const t = useT();
  return (
    <details className="inline-form" open={Boolean(answer)}>
      <summary>{t("p.addMilestone")}</summary>
      <Form method="post" {...getFormProps(form)}>
        <FormMeta formId="add-milestone" token={token} intent="add-milestone" />
        <FormErrors form={form} />
        <div className="form-grid">
          <TextField field={fields.title} label={t("p.milestoneTitle")} />
          <TextField field={fields.dueDate} label={t("p.dueDate")} type="date" />
          <AssigneeField field={fields.assigneeId} people={people} />
        </div>
        <TextArea field={fields.note} label={t("p.note")} rows={2} />
        <CheckboxField field={fields.evidenceRequired} label={t("field.evidenceRequired")} />
        <button type="submit" className="button small" disabled={posting}>
          {t("p.addMilestoneButton")}
        </button>
      </Form>
    </details>
  );
}

function AssigneeField({ field, people }: { field: Parameters<typeof SelectField>[0]["field"]; people: Person[] }) {
  const t = useT();
  return <SelectField field={field} label={t("field.assignee")} options={people.map((p) => [p.id, p.name])} placeholder={t("p.nobody")} />;
}
