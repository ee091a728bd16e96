import { Form, Link, useNavigation } from "@remix-run/react";
import { getCollectionProps, getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { z } from "zod";
import { AREAS, COUNTRIES, PRIORITIES } from "~/modules/proposals/vocabulary";
import { AREA_LABEL, COUNTRY_LABEL, FIELD_LABEL, PRIORITY_LABEL } from "./labels";
import { FieldError, FormErrors, SelectField, TextArea, TextField } from "./fields";

type Option = { id: string; name: string };

/** Create and edit share this form and its zod schema (checked in the browser and again on the server). */
export function ProposalForm({
  schema,
  lastResult,
  defaultValue,
  owners,
  canAssign,
  summits,
  version,
  cancelTo,
  submitLabel,
}: {
  schema: z.ZodType<Record<string, unknown>>;
  lastResult?: SubmissionResult<string[]> | null;
  defaultValue?: Record<string, string | string[] | null | undefined>;
  owners: Option[];
  canAssign: boolean;
  summits?: Option[];
  version?: number;
  cancelTo: string;
  submitLabel: string;
}) {
  const [form, fields] = useForm({
    id: "proposal-form",
    lastResult,
    defaultValue: defaultValue as never,
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  const busy = useNavigation().state === "submitting";
  const f = fields as Record<string, (typeof fields)[keyof typeof fields]>;
  return (
    <Form method="post" {...getFormProps(form)} className="card">
      <FormErrors form={form} />
      {version !== undefined ? <input type="hidden" name="version" value={version} /> : null}
      <TextField field={f.title} label="Title" hint="At most 200 characters." />
      <TextArea field={f.summary} label="Summary" rows={3} />
      <div className="form-grid">
        {summits ? <SelectField field={f.summitId} label="Summit" options={summits.map((s) => [s.id, s.name])} placeholder="Choose…" /> : null}
        <SelectField field={f.area} label="Area" options={AREAS.map((a) => [a, AREA_LABEL[a]])} placeholder="Choose…" />
        <SelectField field={f.proposingParty} label="Proposing party" options={COUNTRIES.map((c) => [c, COUNTRY_LABEL[c]])} placeholder="Choose…" />
        <SelectField field={f.priority} label="Priority" options={PRIORITIES.map((p) => [p, PRIORITY_LABEL[p]])} />
        <TextField field={f.targetDate} label="Target date" type="date" />
        {canAssign ? <SelectField field={f.ownerId} label="Owner" options={owners.map((o) => [o.id, o.name])} placeholder="Me" /> : null}
      </div>
      <fieldset aria-describedby={f.countries.errors ? f.countries.errorId : undefined}>
        <legend className="label">Participating countries</legend>
        <div className="checks">
          {getCollectionProps(f.countries, { type: "checkbox", options: [...COUNTRIES] }).map((props) => (
            <label key={props.key}>
              <input {...props} key={undefined} /> {COUNTRY_LABEL[props.value as keyof typeof COUNTRY_LABEL]}
            </label>
          ))}
        </div>
        <FieldError id={f.countries.errorId} errors={f.countries.errors} />
      </fieldset>
      <TextField field={f.leadOrganisation} label="Lead organisation" />
      <TextArea field={f.sourceQuote} label="Source quote" hint="The words of the source text, verbatim." rows={3} />
      <div className="actions">
        <button type="submit" className="button" disabled={busy}>
          {busy ? "Saving…" : submitLabel}
        </button>
        <Link to={cancelTo} className="button secondary">
          Cancel
        </Link>
      </div>
    </Form>
  );
}

/** The 409 view: what is saved now, next to what this user typed (which stays in the form). */
export function ConflictTable({ current, submitted }: { current: Record<string, unknown>; submitted: Record<string, unknown> }) {
  const keys = ["title", "summary", "area", "proposingParty", "countries", "leadOrganisation", "targetDate", "priority", "status"];
  const show = (v: unknown) => (v === null || v === undefined || v === "" ? "—" : Array.isArray(v) ? v.join(", ") : String(v).slice(0, 300));
  return (
    <section className="card" aria-labelledby="conflict-h">
      <h2 id="conflict-h">Someone else saved this proposal while you were editing</h2>
      <p>Nothing you typed was lost: it is still in the form below. Compare, adjust, and save again to apply your version on top of theirs.</p>
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">Field</th>
              <th scope="col">Saved now (version {String(current.version)})</th>
              <th scope="col">What you typed</th>
            </tr>
          </thead>
          <tbody>
            {keys
              .filter((k) => k in current)
              .map((k) => {
                const now = k === "targetDate" && current[k] ? String(current[k]).slice(0, 10) : current[k];
                const differs = k in submitted && show(now) !== show(submitted[k]);
                return (
                  <tr key={k}>
                    <th scope="row">{FIELD_LABEL[k] ?? k}</th>
                    <td>{show(now)}</td>
                    <td>{k in submitted ? <span className={differs ? "diff-to" : ""}>{show(submitted[k])}</span> : <span className="muted">—</span>}</td>
                  </tr>
                );
              })}
          </tbody>
        </table>
      </div>
    </section>
  );
}
