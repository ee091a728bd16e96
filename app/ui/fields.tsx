import type { FieldMetadata, FormMetadata } from "@conform-to/react";
import { getInputProps, getSelectProps, getTextareaProps } from "@conform-to/react";
import { useT } from "~/i18n";

/** Errors next to the field, linked to it for screen readers. */
export function FieldError({ id, errors }: { id: string; errors?: string[] }) {
  const t = useT();
  if (!errors?.length) return null;
  return (
    <p className="field-error" id={id}>
      {errors.map(t.sentence).join(" ")}
    </p>
  );
}

export function FormErrors({ form }: { form: Pick<FormMetadata<Record<string, unknown>, string[]>, "errors" | "errorId"> }) {
  const t = useT();
  if (!form.errors?.length) return null;
  return (
    <p className="form-error" role="alert" id={form.errorId}>
      {form.errors.map(t.sentence).join(" ")}
    </p>
  );
}

// Generic, so a field of any form fits: FieldMetadata is invariant in its form's schema.
type AnyForm = Record<string, unknown>;
type Common<S, F extends AnyForm> = { field: FieldMetadata<S, F, string[]>; label: string; hint?: string };

export function TextField<S, F extends AnyForm>({ field, label, hint, type = "text" }: Common<S, F> & { type?: "text" | "date" | "email" | "password" }) {
  return (
    <div className="field">
      <label htmlFor={field.id}>{label}</label>
      {hint ? (
        <span className="hint" id={`${field.id}-hint`}>
          {hint}
        </span>
      ) : null}
      <input {...getInputProps(field, { type, ariaDescribedBy: hint ? `${field.id}-hint` : undefined })} />
      <FieldError id={field.errorId} errors={field.errors} />
    </div>
  );
}

export function TextArea<S, F extends AnyForm>({ field, label, hint, rows = 4 }: Common<S, F> & { rows?: number }) {
  return (
    <div className="field">
      <label htmlFor={field.id}>{label}</label>
      {hint ? <span className="hint">{hint}</span> : null}
      <textarea {...getTextareaProps(field)} rows={rows} />
      <FieldError id={field.errorId} errors={field.errors} />
    </div>
  );
}

export function SelectField<S, F extends AnyForm>({
  field,
  label,
  options,
  placeholder,
}: Common<S, F> & { options: [string, string][]; placeholder?: string }) {
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
