/**
 * Typed domain errors. Verbs throw them; the edge (server actions, route handlers) maps them to localized
 * messages and HTTP statuses. Anything else is unexpected: logged with a request id, shown generically.
 * Another comune's object is always NotFoundError, never ForbiddenError (existence must not leak).
 */
export class DomainError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly fieldErrors?: Record<string, string[]>,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class NotFoundError extends DomainError {
  constructor(what = "resource") {
    super("not_found", `${what} not found`);
  }
}

export class ForbiddenError extends DomainError {
  constructor(permission?: string) {
    super("forbidden", permission ? `missing permission ${permission}` : "forbidden");
  }
}

export class UnauthenticatedError extends DomainError {
  constructor() {
    super("unauthenticated", "sign-in required");
  }
}

/** Bad input. `code` is a message key (errors.<code>); fieldErrors values are message keys too. */
export class ValidationError extends DomainError {
  constructor(code: string, fieldErrors?: Record<string, string[]>) {
    super(code, code, fieldErrors);
  }
}

export class ConflictError extends DomainError {
  constructor(code = "conflict") {
    super(code, code);
  }
}

export class RateLimitedError extends DomainError {
  constructor(readonly retryAfterSeconds: number) {
    super("rate_limited", "too many requests");
  }
}

/** The comune's service is suspended: writes refused (billing excepted). */
export class SuspendedError extends DomainError {
  constructor() {
    super("suspended", "service suspended");
  }
}

export type ActionResult<T> =
  | { ok: true; data: T }
  | { ok: false; code: string; message: string; fieldErrors?: Record<string, string[]> };
