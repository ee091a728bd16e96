// A proposal's status moves as one form (issue 12): one note, one button per move the reader may
// make. Its answer always comes back to it, whatever the status is by then: a refusal, a 409 with
// the status as it stands now, and the note as typed. Used by the proposal page and the board.
import { Form } from "@remix-run/react";
import { getFormProps, getTextareaProps } from "@conform-to/react";
import { useT } from "~/i18n";
import { useAppForm } from "~/lib/forms";
import { transitionSchema } from "~/modules/proposals/schemas";
import type { TransitionRule } from "~/modules/proposals/workflow";
import { ConflictNote } from "./conflict-note";
import { FieldError, FormErrors } from "./fields";
import { FormMeta } from "./form-meta";

export type Move = Pick<TransitionRule, "to" | "label" | "noteRequired">;

export function TransitionPanel(props: { formId: string; moves: readonly Move[]; version: number; token: string; proposalId?: string; label?: string }) {
  const { formId, moves, version, token, proposalId } = props;
  const { form, fields, answer, posting } = useAppForm({ id: formId, schema: transitionSchema, resetOnSuccess: true });
  const t = useT();
  const needNote = [...new Set(moves.filter((m) => m.noteRequired).map((m) => t(`transition.${m.label}`)))];
  const hintId = `${fields.note.id}-hint`;
  return (
    <Form method="post" {...getFormProps(form)} className="transition-form" aria-label={props.label}>
      <FormMeta formId={formId} token={token} intent="transition" />
      {proposalId ? <input type="hidden" name="proposalId" value={proposalId} /> : null}
      <input type="hidden" name="version" value={version} />
      <FormErrors form={form} />
      {answer?.conflict ? <ConflictNote conflict={answer.conflict} /> : null}
      {moves.length ? (
        <>
          <div className="field">
            <label htmlFor={fields.note.id}>{t("p.moveNote")}</label>
            <span className="hint" id={hintId}>
              {needNote.length ? t("p.moveNoteNeeded", { moves: needNote }) : t("p.optional")}
            </span>
            <textarea {...getTextareaProps(fields.note, { ariaDescribedBy: hintId })} rows={2} />
            <FieldError id={fields.note.errorId} errors={fields.note.errors} alert />
          </div>
          <div className="move-buttons" role="group" aria-label={t("p.moves")}>
            {moves.map((m) => (
              <button key={m.to} type="submit" name="to" value={m.to} className={`button small${m.to === "dropped" ? " danger" : ""}`} disabled={posting}>
                {t(`transition.${m.label}`)} → {t(`status.${m.to}`)}
              </button>
            ))}
          </div>
          <FieldError id={fields.to.errorId} errors={fields.to.errors} alert />
        </>
      ) : (
        <p className="muted">{t("p.noTransitions")}</p>
      )}
    </Form>
  );
}
