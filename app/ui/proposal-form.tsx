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
  base,
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
  /** The values the form was read with, sent back so a conflict can be merged field by field. */
  base?: Record<string, unknown>;
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
      {base ? <input type="hidden" name="base" value={JSON.stringify(base)} /> : null}
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
export function ConflictTable({
  current,
  version,
  submitted,
  both,
}: {
  current: Record<string, unknown>;
  version: number;
  submitted: Record<string, unknown>;
  both: string[];
}) {
  const keys = ["title", "summary", "area", "proposingParty", "countries", "leadOrganisation", "targetDate", "priority", "sourceQuote"];
  const words: Record<string, Record<string, string>> = { area: AREA_LABEL, proposingParty: COUNTRY_LABEL, priority: PRIORITY_LABEL };
  const show = (v: unknown, k = "") =>
    v === null || v === undefined || v === "" ? "—" : Array.isArray(v) ? [...v].sort().join(", ") : (words[k]?.[String(v)] ?? String(v)).slice(0, 300);
  return (
    <section className="card" aria-labelledby="conflict-h">
      <h2 id="conflict-h">Someone else saved this proposal while you were editing</h2>
      <p>
        Nothing you typed was lost. The form below now holds the saved version (version {version}) with your changes applied on top;
        check it and save again.
        {both.length ? ` You both changed: ${both.map((b) => FIELD_LABEL[b] ?? b).join(", ")} — your value is the one in the form.` : ""}
      </p>
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">Field</th>
              <th scope="col">Saved now</th>
              <th scope="col">What you submitted</th>
            </tr>
          </thead>
          <tbody>
            {keys.map((k) => {
              const differs = show(current[k], k) !== show(submitted[k], k);
              return (
                <tr key={k} className={both.includes(k) ? "conflict-both" : undefined}>
                  <th scope="row">
                    {FIELD_LABEL[k] ?? k}
                    {both.includes(k) ? " (changed by both)" : ""}
                  </th>
                  <td>{show(current[k], k)}</td>
                  <td>{differs ? <span className="diff-to">{show(submitted[k], k)}</span> : <span className="muted">same</span>}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}
