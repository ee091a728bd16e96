// Domain outcomes as HTTP answers for loaders and non-form actions; form actions use
// form-action.server.ts, which maps the same outcomes onto a form.
import { json } from "@remix-run/node";
import { msg, type Message } from "~/i18n/message";
import { DatabaseBusyError } from "~/db.server";
import { DomainError, RetryLaterError } from "./errors";
import { classifyStorageError, noteStorageFault, STORAGE_RETRY_AFTER_SECONDS, StorageError } from "./storage.server";

export type Unavailable = { status: 503; message: Message; kind: "busy" | "storage"; headers: Record<string, string> };

/** What the error boundary and the fetch-level callers read from a thrown answer. */
export type ErrorBody = { message: Message; kind?: "busy" | "storage" };

/** A thrown answer with a message in words: `throw answer(404, msg("error.notFound", …))`. */
export function answer(status: number, message: Message, init: { headers?: HeadersInit; kind?: ErrorBody["kind"] } = {}) {
  return json<ErrorBody>(init.kind ? { message, kind: init.kind } : { message }, { status, headers: init.headers });
}

/**
 * The 503 for an error that means "not now": the database is busy, or it cannot store (or, at
 * start-up on a full disk, even open) anything. Null for any other error.
 */
export function unavailable(error: unknown, storageMessage: Message = msg("error.storageWrite")): Unavailable | null {
  if (error instanceof DatabaseBusyError) return { status: 503, message: msg("error.busy"), kind: "busy", headers: { "Retry-After": "2" } };
  const fault = classifyStorageError(error);
  if (fault) {
    // Writes were noted by writeTransaction; a read that fails for storage (a server started on
    // a full disk) opens the episode here, so the log says why these 503s happen.
    if (!(error instanceof StorageError)) noteStorageFault(fault);
    return { status: 503, message: storageMessage, kind: "storage", headers: { "Retry-After": String(STORAGE_RETRY_AFTER_SECONDS) } };
  }
  return null;
}

/** Turns a domain outcome into the HTTP answer the error boundary shows; anything else is rethrown. */
export function rethrowAsResponse(error: unknown): never {
  if (error instanceof DomainError) {
    const headers = error instanceof RetryLaterError ? { "Retry-After": String(error.retryAfterSeconds) } : undefined;
    throw answer(error.status, error.detail, { headers });
  }
  const notNow = unavailable(error);
  if (notNow) throw answer(notNow.status, notNow.message, { headers: notNow.headers, kind: notNow.kind });
  throw error;
}

/** Ids are cuid-like; anything else cannot exist and gets a 404 without touching the database. */
export function requireId(value: string | undefined, what: Message = msg("what.page")): string {
  if (!value || !/^[a-z0-9]{10,40}$/i.test(value)) throw answer(404, msg("error.notFound", { what }));
  return value;
}
