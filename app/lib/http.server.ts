import { json } from "@remix-run/node";
import { ConflictError, ForbiddenError, NotFoundError, RuleError } from "./errors";
import { DatabaseBusyError } from "~/db.server";
import { classifyStorageError, noteStorageFault, STORAGE_FAULT_MESSAGE, STORAGE_RETRY_AFTER_SECONDS, StorageError } from "./storage.server";

export type Unavailable = { status: 503; message: string; kind: "busy" | "storage"; headers: Record<string, string> };

/**
 * The 503 for an error that means "not now": the database is busy, or it cannot store (or, at
 * start-up on a full disk, even open) anything. Null for any other error.
 */
export function unavailable(error: unknown, storageMessage = STORAGE_FAULT_MESSAGE): Unavailable | null {
  if (error instanceof DatabaseBusyError) return { status: 503, message: error.message, kind: "busy", headers: { "Retry-After": "2" } };
  const fault = classifyStorageError(error);
  if (fault) {
    // Writes were noted by writeTransaction; a read that fails for storage (a server started on
    // a full disk) opens the episode here, so the log says why these 503s happen.
    if (!(error instanceof StorageError)) noteStorageFault(fault);
    return { status: 503, message: storageMessage, kind: "storage", headers: { "Retry-After": String(STORAGE_RETRY_AFTER_SECONDS) } };
  }
  return null;
}

/** Turns a domain error into the HTTP answer the error boundary shows; anything else is rethrown. */
export function rethrowAsResponse(error: unknown): never {
  if (error instanceof NotFoundError || error instanceof ForbiddenError || error instanceof RuleError) {
    throw json({ message: error.message }, { status: error.status });
  }
  if (error instanceof ConflictError) throw json({ message: error.message }, { status: 409 });
  const notNow = unavailable(error);
  if (notNow) throw json({ message: notNow.message, kind: notNow.kind }, { status: notNow.status, headers: notNow.headers });
  throw error;
}

/** Ids are cuid-like; anything else cannot exist and gets a 404 without touching the database. */
export function requireId(value: string | undefined, what = "That page"): string {
  if (!value || !/^[a-z0-9]{10,40}$/i.test(value)) throw json({ message: `${what} does not exist.` }, { status: 404 });
  return value;
}
