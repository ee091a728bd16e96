// The one way a route action handles a form (decision 014): authorise, read, parse with the
// shared schema, call the service, and map its outcome:
//   success         → a redirect with a flash (or the Response `done` makes, e.g. sign-in's cookie)
//   invalid input   → 400, the field errors next to their fields, the input kept
//   RuleError       → its status (400/409/422), the message on its field or on the form
//   ConflictError   → 409 with the current values beside the submitted ones
//   TooManyError, UnavailableError → 429 / 503 with Retry-After, on the form
//   busy / storage  → 503 with Retry-After, on the form, the input kept
//   Forbidden/NotFound → thrown 403/404 answer (the error boundary says it in words)
//   the same post again → answered as the first was (`once`, app/lib/submissions.server.ts)
// Every answer that is not a redirect is an ActionResult (app/lib/forms.ts).
import { json, type TypedResponse } from "@remix-run/node";
import type { z } from "zod";
import { msg, type Message } from "~/i18n/message";
import type { RequestContext } from "~/modules/audit/record.server";
import { ConflictError, DomainError, RetryLaterError, RuleError } from "./errors";
import { redirectWithFlash } from "./flash.server";
import { readFormData } from "./form-data.server";
import { parseForm, type ActionResult, type ConflictView, type FormErrors, type FormReply } from "./forms";
import { answer, rethrowAsResponse, unavailable } from "./http.server";
import { claimedSubmission, DuplicateSubmissionError, submissionKey, type ClaimedSubmission } from "./submissions.server";

/** Where a successful submission goes: a path and the flash shown there, or a ready Response. */
export type Done = { redirectTo: string; flash: Message; headers?: HeadersInit } | Response;

export type FormSpec<S extends z.ZodType, R, D = never> = {
  /** The form's id on the page (its answer goes back to it alone); may come from the payload. */
  formId: string | ((formData: FormData) => string);
  schema: S;
  write: (value: z.output<S>) => Promise<R>;
  done: (result: R, value: z.output<S>) => Done | { stay: D };
  /** What a 409 shows beside the error; by default the current values. */
  conflict?: (current: Record<string, unknown>, value: z.output<S>, formData: FormData) => ConflictView;
  /** Fields never sent back in the answer (passwords). */
  hideFields?: string[];
  /** The words for a storage fault, when "nothing was saved" is not what happened (sign-in). */
  storageMessage?: Message;
  /**
   * For a route with no page of its own (sign-out, language): a failure is thrown as an error
   * answer the error boundary shows in words, rather than returned to a form that is not there.
   */
  noPage?: boolean;
  /**
   * Writes once per page token and values (a double submit, a browser retry): the write's
   * context carries the submission's key, and a repeat is answered by `replay` with what the
   * first post wrote. Forms carry the token in a hidden field (ui/form-meta.tsx).
   */
  once?: { userId: string; context: RequestContext; replay: (first: ClaimedSubmission, value: z.output<S>) => Done };
};

type Answer<D> = TypedResponse<ActionResult<D>> | Response;

/**
 * Settles who may act before anything the request sent is parsed (403/404 in words), then reads
 * the form (400 when the body cannot be read as one).
 */
export async function readAuthorisedForm(request: Request, authorise?: () => Promise<unknown>): Promise<FormData> {
  if (authorise) await authorise().catch(rethrowAsResponse);
  return readFormData(request);
}

/** The submitted intent, or a 400 for one this route does not know. */
export function intentOf<const I extends string>(formData: FormData, intents: readonly I[]): I {
  const intent = formData.get("intent");
  if (typeof intent === "string" && (intents as readonly string[]).includes(intent)) return intent as I;
  throw answer(400, msg("error.unknownAction"));
}

/** A form id a page can match; whatever the payload held, it is a short plain string. */
export function formIdFrom(formData: FormData, fallback: string): string {
  const sent = formData.get("formId");
  return typeof sent === "string" && /^[\w-]{1,100}$/.test(sent) ? sent : fallback;
}

export async function submitForm<S extends z.ZodType, R, D = never>(request: Request, formData: FormData, spec: FormSpec<S, R, D>): Promise<Answer<D>> {
  const formId = typeof spec.formId === "string" ? spec.formId : spec.formId(formData);
  const submission = parseForm(formData, spec.schema);
  const reply = (options: { formErrors?: FormErrors; fieldErrors?: Record<string, FormErrors> } = {}) =>
    submission.reply({ ...options, hideFields: spec.hideFields });
  const respond = (status: number, result = reply(), conflict: ConflictView | null = null, headers?: HeadersInit) => {
    if (spec.noPage) throw answer(status, firstMessage(result) ?? msg("v.invalid"), { headers });
    return json<ActionResult<D>>({ formId, result, conflict }, { status, headers });
  };

  if (submission.status !== "success") return respond(400);
  const value = submission.value as z.output<S>;
  // Fields never sent back (passwords) are not part of the key either.
  const keyed = spec.hideFields?.length ? Object.fromEntries(Object.entries(value as object).filter(([k]) => !spec.hideFields?.includes(k))) : value;
  const key = spec.once ? submissionKey(spec.once.userId, formId, formData, keyed) : null;
  const repeated = async () => {
    const first = key && spec.once ? await claimedSubmission(key).catch(rethrowAsResponse) : null;
    return first && spec.once ? finish(request, formId, reply, spec.once.replay(first, value)) : null;
  };
  if (key && spec.once) {
    const replayed = await repeated();
    if (replayed) return replayed;
    spec.once.context.submission = { key, userId: spec.once.userId };
  }
  let result: R;
  try {
    result = await spec.write(value);
  } catch (error) {
    // A repeat that raced the first post: its claim (or the version the first one bumped) stopped
    // it, and it is answered as the first was.
    if (key && (error instanceof DuplicateSubmissionError || error instanceof ConflictError || error instanceof RuleError)) {
      const replayed = await repeated();
      if (replayed) return replayed;
    }
    if (error instanceof ConflictError) {
      const current = (error.current ?? {}) as Record<string, unknown>;
      return respond(409, reply({ formErrors: [error.detail] }), spec.conflict?.(current, value, formData) ?? { current });
    }
    if (error instanceof RuleError) {
      const where = error.field ? { fieldErrors: { [error.field]: [error.detail] } } : { formErrors: [error.detail] };
      return respond(error.status, reply(where));
    }
    if (error instanceof RetryLaterError) {
      return respond(error.status, reply({ formErrors: [error.detail] }), null, { "Retry-After": String(error.retryAfterSeconds) });
    }
    const notNow = unavailable(error, spec.storageMessage);
    if (notNow && spec.noPage) throw answer(notNow.status, notNow.message, { headers: notNow.headers, kind: notNow.kind });
    if (notNow) return respond(notNow.status, reply({ formErrors: [notNow.message] }), null, notNow.headers);
    // Forbidden and not found (and any other outcome): the error boundary says it in words.
    if (error instanceof DomainError) rethrowAsResponse(error);
    throw error;
  }
  return finish(request, formId, reply, spec.done(result, value));
}

function finish<D>(request: Request, formId: string, reply: () => FormReply, done: Done | { stay: D }): Answer<D> | Promise<Answer<D>> {
  if (done instanceof Response) return done;
  if ("stay" in done) return json<ActionResult<D>>({ formId, result: reply(), conflict: null, data: done.stay });
  return redirectWithFlash(request, done.redirectTo, { kind: "success", message: done.flash }, done.headers);
}

function firstMessage(result: { error?: Record<string, FormErrors | null> | null }): Message | undefined {
  return Object.values(result.error ?? {}).find((errors) => errors?.length)?.[0];
}
