import { Form, Link } from "@remix-run/react";
import { getFormProps } from "@conform-to/react";
import { useAppForm, type FormReply } from "~/lib/forms";
import type { z } from "zod";
import { AREAS, COUNTRIES, FOLLOW_UP_KINDS, PRIORITIES } from "~/modules/proposals/vocabulary";
import { useT } from "~/i18n";
import { CountriesField, FormErrors, SelectField, TextArea, TextField } from "./fields";
import { FormMeta } from "./form-meta";

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
  token,
}: {
  schema: z.ZodType<Record<string, unknown>>;
  /** Null: start from `defaultValue` (after a conflict's merge); undefined: the form's own answer. */
  lastResult?: FormReply | null;
  defaultValue?: Record<string, unknown>;
  owners: Option[];
  canAssign: boolean;
  summits?: Option[];
  version?: number;
  /** The values the form was read with, sent back so a conflict can be merged field by field. */
  base?: Record<string, unknown>;
  cancelTo: string;
  submitLabel: string;
  /** The page's form token: the same post twice writes once (app/lib/submissions.server.ts). */
  token: string;
}) {
  const { form, fields, posting: busy } = useAppForm({ id: "proposal-form", schema, lastResult, defaultValue, validate: "onBlur" });
  const t = useT();
  const f = fields as Record<string, (typeof fields)[keyof typeof fields]>;
  return (
    <Form method="post" {...getFormProps(form)} className="card">
      <FormMeta formId="proposal-form" token={token} />
      <FormErrors form={form} />
      {version !== undefined ? <input type="hidden" name="version" value={version} /> : null}
      {base ? <input type="hidden" name="base" value={JSON.stringify(base)} /> : null}
      <TextField field={f.title} label={t("field.title")} hint={t("form.titleHint")} />
      <TextArea field={f.summary} label={t("field.summary")} rows={3} />
      <div className="form-grid">
        {summits ? (
          <SelectField field={f.summitId} label={t("form.summit")} options={summits.map((s) => [s.id, s.name])} placeholder={t("form.choose")} />
        ) : null}
        <SelectField field={f.area} label={t("field.area")} options={AREAS.map((a) => [a, t(`area.${a}`)])} placeholder={t("form.choose")} />
        <SelectField
          field={f.proposingParty}
          label={t("field.proposingParty")}
          options={COUNTRIES.map((c) => [c, t(`country.${c}`)])}
          placeholder={t("form.choose")}
        />
        <SelectField field={f.priority} label={t("field.priority")} options={PRIORITIES.map((p) => [p, t(`priority.${p}`)])} />
        <TextField field={f.targetDate} label={t("field.targetDate")} type="date" />
        {canAssign ? <SelectField field={f.ownerId} label={t("field.owner")} options={owners.map((o) => [o.id, o.name])} placeholder={t("form.me")} /> : null}
      </div>
      <CountriesField field={f.countries} label={t("field.countries")} />
      <TextField field={f.leadOrganisation} label={t("field.leadOrganisation")} />
      <TextArea field={f.sourceQuote} label={t("field.sourceQuote")} hint={t("form.quoteHint")} rows={3} />
      <div className="form-grid">
        <TextField field={f.followsUp} label={t("field.followsUp")} hint={t("form.followUpHint")} />
        <SelectField
          field={f.followUpKind}
          label={t("field.followUpKind")}
          options={FOLLOW_UP_KINDS.map((k) => [k, t(`followUpKind.${k}`)])}
          placeholder={t("form.choose")}
        />
      </div>
      <div className="actions">
        <button type="submit" className="button" disabled={busy}>
          {busy ? t("form.saving") : submitLabel}
        </button>
        <Link to={cancelTo} className="button secondary">
          {t("form.cancel")}
        </Link>
      </div>
    </Form>
  );
}

const CONFLICT_FIELDS = [
  "title",
  "summary",
  "area",
  "proposingParty",
  "countries",
  "leadOrganisation",
  "targetDate",
  "priority",
  "sourceQuote",
  "followsUp",
  "followUpKind",
] as const;
type ConflictField = (typeof CONFLICT_FIELDS)[number];
const VOCABULARY_OF: Partial<Record<ConflictField, "area" | "country" | "priority">> = { area: "area", proposingParty: "country", priority: "priority" };

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
  const t = useT();
  // Values come from the saved row and the submitted form: a code is shown as its word when the
  // catalogue has one for the field's vocabulary.
  const show = (v: unknown, k: ConflictField | "" = "") => {
    if (v === null || v === undefined || v === "") return "—";
    if (Array.isArray(v)) return [...v].sort().join(", ");
    const prefix = k ? VOCABULARY_OF[k] : undefined;
    return (prefix ? t.known(`${prefix}.${String(v)}`, String(v)) : String(v)).slice(0, 300);
  };
  return (
    <section className="card" aria-labelledby="conflict-h">
      <h2 id="conflict-h">{t("conflict.title")}</h2>
      <p>
        {t("conflict.body", { version })}
        {both.length ? t("conflict.both", { fields: both.map((b) => t.known(`field.${b === "ownerId" ? "owner" : b}`, b)).join(", ") }) : ""}
      </p>
      <div className="table-wrap">
        <table className="conflict-table">
          <thead>
            <tr>
              <th scope="col">{t("conflict.field")}</th>
              <th scope="col">{t("conflict.saved")}</th>
              <th scope="col">{t("conflict.yours")}</th>
            </tr>
          </thead>
          <tbody>
            {CONFLICT_FIELDS.map((k) => {
              const differs = show(current[k], k) !== show(submitted[k], k);
              return (
                <tr key={k} className={both.includes(k) ? "conflict-both" : undefined}>
                  <th scope="row">
                    {t(`field.${k}`)}
                    {both.includes(k) ? t("conflict.bothMark") : ""}
                  </th>
                  <td>{show(current[k], k)}</td>
                  <td>{differs ? <span className="diff-to">{show(submitted[k], k)}</span> : <span className="muted">{t("conflict.same")}</span>}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}
