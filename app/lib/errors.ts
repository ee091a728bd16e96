// Typed outcomes a service throws when it does not do what was asked. Each carries the Message
// a person reads (translated where it is shown); `error.message` is its English wording, for
// logs and tests. The form-action helper (form-action.server.ts) maps each to an HTTP answer.
import { render } from "~/i18n/translate";
import { msg, type Message } from "~/i18n/message";

export abstract class DomainError extends Error {
  abstract readonly status: number;
  constructor(readonly detail: Message) {
    super(render("en", detail));
  }
}

export class NotFoundError extends DomainError {
  readonly status = 404;
  constructor(what: Message = msg("what.page")) {
    super(msg("error.notFound", { what }));
    this.name = "NotFoundError";
  }
}

export class ForbiddenError extends DomainError {
  readonly status = 403;
  constructor(detail: Message = msg("error.forbidden")) {
    super(detail);
    this.name = "ForbiddenError";
  }
}

/** A rule refuses the change (impossible transition, missing note, wrong sign-in…). */
export class RuleError extends DomainError {
  readonly status: 400 | 409 | 422;
  readonly field?: string;
  constructor(detail: Message, options: { status?: 400 | 409 | 422; field?: string } = {}) {
    super(detail);
    this.name = "RuleError";
    this.status = options.status ?? 409;
    this.field = options.field;
  }
}

/** Someone else saved first: the version the form was read at is stale. `current` is what is saved now. */
export class ConflictError<T = unknown> extends DomainError {
  readonly status = 409;
  constructor(readonly current: T) {
    super(msg("error.conflict"));
    this.name = "ConflictError";
  }
}

/** Not now: try again after `retryAfterSeconds` (sent as Retry-After). */
export abstract class RetryLaterError extends DomainError {
  constructor(
    detail: Message,
    readonly retryAfterSeconds: number,
  ) {
    super(detail);
  }
}

/** Too many attempts (sign-in, chain verification). */
export class TooManyError extends RetryLaterError {
  readonly status = 429;
  readonly name = "TooManyError";
}

/** Unavailable for a reason other than the database (the chain verifier could not finish). */
export class UnavailableError extends RetryLaterError {
  readonly status = 503;
  readonly name = "UnavailableError";
}
