// Maps a service error on a form submission to an answer that keeps what the user typed.
import { json } from "@remix-run/node";
import type { Submission } from "@conform-to/react";
import { DatabaseBusyError } from "~/db.server";
import { ConflictError, ForbiddenError, NotFoundError, RuleError } from "./errors";

export function formFailure(error: unknown, submission: Submission<unknown>, formId: string) {
  if (error instanceof RuleError) {
    const reply = error.field ? submission.reply({ fieldErrors: { [error.field]: [error.message] } }) : submission.reply({ formErrors: [error.message] });
    return json({ formId, result: reply, conflict: null }, { status: error.status });
  }
  if (error instanceof ConflictError) {
    return json({ formId, result: submission.reply({ formErrors: [error.message] }), conflict: error.current as Record<string, unknown> }, { status: 409 });
  }
  if (error instanceof DatabaseBusyError) {
    return json({ formId, result: submission.reply({ formErrors: [error.message] }), conflict: null }, { status: 503, headers: { "Retry-After": "2" } });
  }
  if (error instanceof ForbiddenError || error instanceof NotFoundError) {
    throw json({ message: error.message }, { status: error.status });
  }
  throw error;
}
