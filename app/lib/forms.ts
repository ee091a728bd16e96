// The form protocol both sides share (decision 014): one schema parse with messages as keys,
// one shape of action answer, one hook that gives a form its own answer. The server half is
// form-action.server.ts.
import { useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { useActionData, useNavigation } from "@remix-run/react";
import { useEffect, useRef } from "react";
import type { z } from "zod";
import { formErrors, type Message } from "~/i18n/message";

/** The hidden field a form that writes once carries its page's token in (submissions.server.ts). */
export const FORM_TOKEN_FIELD = "formToken";

/** Conform errors are Message values, translated where they are shown (ui/fields.tsx). */
export type FormErrors = Message[];
export type FormReply = SubmissionResult<FormErrors>;

/** Parses a form with its zod schema; each issue becomes its Message (browser and server alike). */
export function parseForm<S extends z.ZodType>(formData: FormData | URLSearchParams, schema: S) {
  return parseWithZod(formData, { schema, formatError: (issues: { message: string }[]) => formErrors(issues) });
}

/** What a 409 shows: the values saved now, and (for a whole-record form) the field-by-field merge. */
export type ConflictView = {
  current: Record<string, unknown>;
  submitted?: Record<string, unknown>;
  merge?: { merged: Record<string, unknown>; both: string[]; base: Record<string, unknown> };
};

/**
 * The one answer an action gives when it does not redirect: which form it is for, Conform's
 * reply (field and form errors, the submitted values), the current values on a 409, and the
 * result for an action whose result is shown in place (the audit chain's verification).
 */
export type ActionResult<D = never> = {
  formId: string;
  result: FormReply;
  conflict: ConflictView | null;
  data?: D;
};

/** The action's answer if it was for this form (a page holds several forms). */
export function useFormResult<D = never>(formId: string): ActionResult<D> | undefined {
  const data = useActionData() as ActionResult<D> | undefined;
  return data && typeof data === "object" && data.formId === formId ? data : undefined;
}

/** Conform's useForm on the shared schema, fed with this form's last answer. */
export function useAppForm<S extends z.ZodObject | z.ZodType<Record<string, unknown>>>(options: {
  id: string;
  schema: S;
  defaultValue?: Record<string, unknown>;
  /** "onSubmit" for small forms; long forms check a field when it is left. */
  validate?: "onSubmit" | "onBlur";
  /** An answer from elsewhere (a route passing it down); by default the form's own. */
  lastResult?: FormReply | null;
  /**
   * Empty the form once its post succeeded (a create, a move with a note): with JavaScript the
   * page is not reloaded, and what was typed would stay, ready to be posted twice.
   */
  resetOnSuccess?: boolean;
}) {
  const own = useFormResult(options.id);
  const posting = usePosting(options.id);
  const last = options.lastResult !== undefined ? options.lastResult : own?.result;
  const [form, fields] = useForm<z.input<S> & Record<string, unknown>, z.output<S>, FormErrors>({
    id: options.id,
    lastResult: last,
    defaultValue: options.defaultValue as never,
    onValidate: ({ formData }) => parseForm(formData, options.schema) as never,
    shouldValidate: options.validate ?? "onSubmit",
    // A long form rechecks a field with an error as the user types: on-blur revalidation made
    // the blur caused by clicking the submit button swallow that submit.
    shouldRevalidate: options.validate === "onBlur" ? "onInput" : "onSubmit",
  });
  // Success is a post of this form that ended without an answer for it (it redirected).
  const sent = useRef(false);
  useEffect(() => {
    if (posting) sent.current = true;
    else if (sent.current) {
      sent.current = false;
      if (!own && options.resetOnSuccess) form.reset();
    }
  }, [posting, own, options.resetOnSuccess, form]);
  return { form, fields, answer: own, posting };
}

/**
 * Whether this form's post is on its way (its button is disabled meanwhile, so a second click
 * does not post it twice). Forms name themselves in a hidden formId field (ui/form-meta.tsx).
 */
export function usePosting(formId: string): boolean {
  const navigation = useNavigation();
  return navigation.state !== "idle" && navigation.formData?.get("formId") === formId;
}

/**
 * The metadata useAppForm gives a form, for a form that has no answer yet (no errors, nothing
 * submitted), as plain values: what a page with many small forms renders instead of one
 * Conform form each (docs/decisions/020-benchmark-method.md). Conform builds a proxy on every
 * read of a field's metadata; ten milestone forms of six fields cost the proposal page 4 ms of
 * its 25. The same ids, names and defaults, so the HTML is the same as Conform's; the form is
 * checked on the server when posted, and its answer (errors, a conflict) brings the Conform
 * form back with what was typed.
 */
export function quietForm<K extends string>(id: string, defaults: Record<K, string>) {
  const field = (name: string) => ({
    id: `${id}-${name}`,
    name,
    formId: id,
    errorId: `${id}-${name}-error`,
    descriptionId: `${id}-${name}-description`,
    // Conform leaves empty values out of a form's initial state, so their inputs have no value.
    initialValue: defaults[name as K] === "" ? undefined : defaults[name as K],
    errors: undefined,
    valid: true,
  });
  const fields = Object.fromEntries(Object.keys(defaults).map((name) => [name, field(name)])) as Record<K, ReturnType<typeof field>>;
  const form = { id, errorId: `${id}-error`, descriptionId: `${id}-description`, errors: undefined, noValidate: true };
  return { form, fields };
}
