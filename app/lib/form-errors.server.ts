// Maps a service error on a form submission to an answer that keeps what the user typed.
import { json } from "@remix-run/node";
import type { Submission } from "@conform-to/react";
import { ConflictError, ForbiddenError, NotFoundError, RuleError } from "./errors";
import { unavailable } from "./http.server";

export function formFailure(error: unknown, submission: Submission<unknown>, formId: string) {
  if (error instanceof RuleError) {
    const reply = error.field ? submission.reply({ fieldErrors: { [error.field]: [error.message] } }) : submission.reply({ formErrors: [error.message] });
    return json({ formId, result: reply, conflict: null }, { status: error.status });
  }
  if (error instanceof ConflictError) {
    return json({ formId, result: submission.reply({ formErrors: [error.message] }), conflict: error.current as Record<string, unknown> }, { status: 409 });
  }
  // Busy, or the database cannot store anything right now: nothing was saved, the input is kept.
  const notNow = unavailable(error);
  if (notNow) {
    return json({ formId, result: submission.reply({ formErrors: [notNow.message] }), conflict: null }, { status: notNow.status, headers: notNow.headers });
  }
  if (error instanceof ForbiddenError || error instanceof NotFoundError) {
    throw json({ message: error.message }, { status: error.status });
  }
  throw error;
}
