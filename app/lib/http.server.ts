import { json } from "@remix-run/node";
import { ConflictError, ForbiddenError, NotFoundError, RuleError } from "./errors";
import { DatabaseBusyError } from "~/db.server";

/** Turns a domain error into the HTTP answer the error boundary shows; anything else is rethrown. */
export function rethrowAsResponse(error: unknown): never {
  if (error instanceof NotFoundError || error instanceof ForbiddenError || error instanceof RuleError) {
    throw json({ message: error.message }, { status: error.status });
  }
  if (error instanceof ConflictError) throw json({ message: error.message }, { status: 409 });
  if (error instanceof DatabaseBusyError) throw json({ message: error.message }, { status: 503, headers: { "Retry-After": "2" } });
  throw error;
}

/** Ids are cuid-like; anything else cannot exist and gets a 404 without touching the database. */
export function requireId(value: string | undefined, what = "That page"): string {
  if (!value || !/^[a-z0-9]{10,40}$/i.test(value)) throw json({ message: `${what} does not exist.` }, { status: 404 });
  return value;
}
