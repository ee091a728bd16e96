// A manager's bulk actions on the list (issue 12 item 10). The row checkboxes belong to the bulk
// form by its id (form="bulk"), so the table needs no form around it and it all works without
// JavaScript; with it, a header checkbox selects every row on the page. The summary says, per
// record, what was done and what was refused and why.
import { Form, Link } from "@remix-run/react";
import { useEffect, useRef, useSyncExternalStore } from "react";
import { useT } from "~/i18n";
import { useFormResult, usePosting } from "~/lib/forms";
import type { BulkOutcome } from "~/modules/proposals/service.server";
import { HEALTHS, STATUSES } from "~/modules/proposals/vocabulary";
import { FieldError } from "~/ui/fields";
import { FormMeta } from "~/ui/form-meta";
import { PhoneFold } from "~/ui/phone-fold";

export const BULK_FORM = "bulk";

/** What the last bulk post sent, when it was refused as a whole: the page shows it again (no JavaScript). */
function useRefusedValues(): Record<string, unknown> | null {
  const answer = useFormResult<BulkOutcome[]>(BULK_FORM);
  if (!answer || answer.data) return null;
  return (answer.result.initialValue ?? null) as Record<string, unknown> | null;
}

export function BulkBar({ owners, token }: { owners: { id: string; name: string }[]; token: string }) {
  const t = useT();
  const answer = useFormResult<BulkOutcome[]>(BULK_FORM);
  const posting = usePosting(BULK_FORM);
  const refused = useRefusedValues();
  const errors = answer?.data ? {} : (answer?.result.error ?? {});
  const form = useRef<HTMLFormElement>(null);
  // After a bulk action the selection and the note start afresh (its checkboxes included).
  useEffect(() => {
    if (answer?.data) form.current?.reset();
  }, [answer]);
  const value = (name: string) => (typeof refused?.[name] === "string" ? (refused[name] as string) : "");
  const op = (name: "ownerId" | "health" | "to", label: string, options: [string, string][], button: string, opValue: string) => (
    <div className="bulk-op">
      <div className="field">
        <label htmlFor={`bulk-${name}`}>{label}</label>
        <select id={`bulk-${name}`} name={name} defaultValue={value(name)} aria-describedby={errors[name]?.length ? `bulk-${name}-error` : undefined}>
          <option value="">{t("bulk.choose")}</option>
          {options.map(([v, l]) => (
            <option key={v} value={v}>
              {l}
            </option>
          ))}
        </select>
        <FieldError id={`bulk-${name}-error`} errors={errors[name] ?? undefined} />
      </div>
      <button type="submit" name="op" value={opValue} className="button secondary" disabled={posting}>
        {button}
      </button>
    </div>
  );
  // A phone folds the form away under its title (open again when a post was refused as a whole).
  return (
    <PhoneFold summary={t("bulk.title")} open={Boolean(answer && !answer.data)} className="no-print">
      <Form method="post" id={BULK_FORM} ref={form} className="card bulk-bar" aria-labelledby="bulk-heading">
        <FormMeta formId={BULK_FORM} token={token} intent="bulk" />
        <h2 id="bulk-heading">{t("bulk.title")}</h2>
        <p className="muted">{t("bulk.intro")}</p>
        <FieldError id="bulk-error" errors={[...(errors.ids ?? []), ...(errors[""] ?? []), ...(errors.op ?? [])]} alert />
        <div className="bulk-grid">
          {op(
            "ownerId",
            t("bulk.owner"),
            owners.map((o) => [o.id, o.name]),
            t("bulk.reassign"),
            "owner",
          )}
          {op(
            "health",
            t("bulk.health"),
            HEALTHS.map((h) => [h, t(`health.${h}`)]),
            t("bulk.setHealth"),
            "health",
          )}
          {op(
            "to",
            t("bulk.to"),
            STATUSES.map((s) => [s, t(`status.${s}`)]),
            t("bulk.move"),
            "transition",
          )}
        </div>
        <div className="field">
          <label htmlFor="bulk-note">{t("bulk.note")}</label>
          <span className="hint" id="bulk-note-hint">
            {t("bulk.noteHint")}
          </span>
          <textarea id="bulk-note" name="note" rows={2} defaultValue={value("note")} aria-describedby="bulk-note-hint" />
          <FieldError id="bulk-note-error" errors={errors.note ?? undefined} />
        </div>
      </Form>
    </PhoneFold>
  );
}

/** One row's checkbox, part of the bulk form wherever the row is. */
export function SelectRow({ id, reference }: { id: string; reference: string }) {
  const t = useT();
  const refused = useRefusedValues();
  const ids = refused?.ids;
  const checked = Array.isArray(ids) ? ids.includes(id) : ids === id;
  return <input type="checkbox" name="ids" value={id} form={BULK_FORM} defaultChecked={checked} aria-label={t("bulk.selectOne", { reference })} />;
}

const neverChanges = () => () => {};
const inBrowser = () => true;
const onServer = () => false;

/** "Select all on this page": it needs JavaScript, so it is drawn only once the page has it. */
export function SelectAll() {
  const t = useT();
  // False on the server and at hydration, true once the page runs in the browser.
  const ready = useSyncExternalStore(neverChanges, inBrowser, onServer);
  if (!ready) return <span className="sr-only">{t("bulk.select")}</span>;
  return (
    <input
      type="checkbox"
      // Part of the bulk form (with no name, so never sent): the form's reset clears it too.
      form={BULK_FORM}
      aria-label={t("bulk.selectAll")}
      onChange={(event) => {
        const on = event.currentTarget.checked;
        document.querySelectorAll<HTMLInputElement>(`input[name="ids"][form="${BULK_FORM}"]`).forEach((box) => {
          box.checked = on;
        });
      }}
    />
  );
}

/** What the last bulk action did, record by record. */
export function BulkSummary() {
  const t = useT();
  const outcomes = useFormResult<BulkOutcome[]>(BULK_FORM)?.data;
  const heading = useRef<HTMLHeadingElement>(null);
  // With JavaScript the page is not reloaded: the summary takes the focus, so it is read out.
  useEffect(() => {
    if (outcomes) heading.current?.focus();
  }, [outcomes]);
  if (!outcomes) return null;
  const count = (o: BulkOutcome["outcome"]) => outcomes.filter((x) => x.outcome === o).length;
  return (
    <section className="card bulk-summary" aria-labelledby="bulk-summary-heading">
      <h2 id="bulk-summary-heading" ref={heading} tabIndex={-1}>
        {t("bulk.summary.title")}
      </h2>
      <p role="status">{t("bulk.summary.counts", { done: count("done"), unchanged: count("unchanged"), refused: count("refused") })}</p>
      <div className="table-wrap">
        <table>
          <caption className="sr-only">{t("bulk.summary.title")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("list.col.reference")}</th>
              <th scope="col">{t("bulk.summary.result")}</th>
              <th scope="col">{t("bulk.summary.detail")}</th>
            </tr>
          </thead>
          <tbody>
            {outcomes.map((o) => (
              <tr key={o.id} className={`bulk-${o.outcome}`}>
                <td className="ref">{o.reference ? <Link to={`/proposals/${o.id}`}>{o.reference}</Link> : "—"}</td>
                <td>
                  <span className={`tag outcome-${o.outcome}`}>{t(`bulk.outcome.${o.outcome}`)}</span>
                </td>
                <td>{t.message(o.message)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
