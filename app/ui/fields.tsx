import type { FieldMetadata, FormMetadata } from "@conform-to/react";
import { getCollectionProps, getInputProps, getSelectProps, getTextareaProps } from "@conform-to/react";
import { COUNTRIES } from "~/modules/proposals/vocabulary";
import { useT } from "~/i18n";
import type { Message } from "~/i18n/message";
import type { FormErrors as Errors } from "~/lib/forms";

/** Errors next to the field, linked to it for screen readers; each a Message in the reader's language. */
export function FieldError({ id, errors, alert = false }: { id: string; errors?: readonly Message[]; alert?: boolean }) {
  const t = useT();
  if (!errors?.length) return null;
  return (
    <p className="field-error" id={id} role={alert ? "alert" : undefined}>
      {errors.map(t.message).join(" ")}
    </p>
  );
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a form of any schema
export function FormErrors({ form }: { form: FormMetadata<any, Errors> }) {
  const t = useT();
  if (!form.errors?.length) return null;
  return (
    <p className="form-error" role="alert" id={form.errorId}>
      {form.errors.map(t.message).join(" ")}
    </p>
  );
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a field of any schema
type Common = { field: FieldMetadata<any, any, Errors>; label: string; hint?: string };

export function TextField({
  field,
  label,
  hint,
  type = "text",
  autoComplete,
}: Common & { type?: "text" | "date" | "email" | "password"; autoComplete?: string }) {
  return (
    <div className="field">
      <label htmlFor={field.id}>{label}</label>
      {hint ? (
        <span className="hint" id={`${field.id}-hint`}>
          {hint}
        </span>
      ) : null}
      <input {...getInputProps(field, { type, ariaDescribedBy: hint ? `${field.id}-hint` : undefined })} autoComplete={autoComplete} />
      <FieldError id={field.errorId} errors={field.errors} />
    </div>
  );
}

export function TextArea({ field, label, hint, rows = 4 }: Common & { rows?: number }) {
  return (
    <div className="field">
      <label htmlFor={field.id}>{label}</label>
      {hint ? <span className="hint">{hint}</span> : null}
      <textarea {...getTextareaProps(field)} rows={rows} />
      <FieldError id={field.errorId} errors={field.errors} />
    </div>
  );
}

export function SelectField({ field, label, options, placeholder }: Common & { options: [string, string][]; placeholder?: string }) {
  return (
    <div className="field">
      <label htmlFor={field.id}>{label}</label>
      <select {...getSelectProps(field)}>
        {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
        {options.map(([v, l]) => (
          <option key={v} value={v}>
            {l}
          </option>
        ))}
      </select>
      <FieldError id={field.errorId} errors={field.errors} />
    </div>
  );
}

/** The participating countries as a row of checkboxes, with the errors under them. */
export function CountriesField({ field, label }: Omit<Common, "hint">) {
  const t = useT();
  return (
    <fieldset aria-describedby={field.errors ? field.errorId : undefined}>
      <legend className="label">{label}</legend>
      <div className="checks">
        {getCollectionProps(field, { type: "checkbox", options: [...COUNTRIES] }).map((props) => (
          <label key={props.key}>
            <input {...props} key={undefined} /> {t.known(`country.${props.value}`, props.value)}
          </label>
        ))}
      </div>
      <FieldError id={field.errorId} errors={field.errors} />
    </fieldset>
  );
}

/** One checkbox with its label beside it (a yes/no field such as "needs evidence"). */
export function CheckboxField({ field, label, hint }: Common) {
  return (
    <div className="field checkbox-field">
      <label htmlFor={field.id}>
        <input {...getInputProps(field, { type: "checkbox", ariaDescribedBy: hint ? `${field.id}-hint` : undefined })} /> {label}
      </label>
      {hint ? (
        <span className="hint" id={`${field.id}-hint`}>
          {hint}
        </span>
      ) : null}
      <FieldError id={field.errorId} errors={field.errors} />
    </div>
  );
}
