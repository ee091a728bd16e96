// Typed domain errors; routes turn them into HTTP answers (app/lib/http.server.ts).
export class NotFoundError extends Error {
  status = 404 as const;
  constructor(what = "That page") {
    super(`${what} does not exist.`);
    this.name = "NotFoundError";
  }
}

export class ForbiddenError extends Error {
  status = 403 as const;
  constructor(message = "You are not allowed to do that.") {
    super(message);
    this.name = "ForbiddenError";
  }
}

/** A rule of the workflow refuses the change (impossible transition, missing note…). */
export class RuleError extends Error {
  status: 409 | 422;
  field?: string;
  constructor(message: string, options: { status?: 409 | 422; field?: string } = {}) {
    super(message);
    this.name = "RuleError";
    this.status = options.status ?? 409;
    this.field = options.field;
  }
}

/** Someone else saved first: the version the form was read at is stale. */
export class ConflictError<T = unknown> extends Error {
  status = 409 as const;
  constructor(public current: T) {
    super("Someone else changed this while you were editing. Your changes were not saved.");
    this.name = "ConflictError";
  }
}
