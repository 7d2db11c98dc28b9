/** One invalid field of an input, named by its path (e.g. `recipients[0].party`). */
export interface FieldError {
  field: string;
  message: string;
}

/**
 * What kind of refusal a rule raised. The domain says what went wrong; what that is on the wire
 * (an HTTP status, a problem type) is decided once, at the edge (libs/contracts problemOf).
 */
export type DomainErrorKind =
  | 'NOT_FOUND'
  | 'FORBIDDEN'
  | 'CONFLICT'
  | 'PRECONDITION_FAILED'
  | 'VALIDATION'
  | 'LIMIT_REACHED'
  | 'TOO_LARGE'
  | 'UNSUPPORTED_TYPE'
  | 'RANGE_NOT_SATISFIABLE';

/**
 * A stable, machine-readable name of a refusal, `AREA.REASON` in upper snake case (e.g.
 * `ASSIGNMENT.ALREADY_DECLINED`): clients branch on it, not on the human message, which may change.
 * Each area keeps its codes in an `as const` object, so a misspelt one does not compile.
 */
export type ErrorCode = `${Uppercase<string>}.${Uppercase<string>}`;

export const ERROR_CODE_PATTERN = /^[A-Z]+(_[A-Z]+)*\.[A-Z]+(_[A-Z]+)*$/;

/** Errors a domain rule or use case raises on purpose: plain classes, free of any framework. */
export abstract class DomainError extends Error {
  abstract readonly kind: DomainErrorKind;

  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
  }

  get fieldErrors(): readonly FieldError[] {
    return [];
  }
}

/**
 * Absent, or not the caller's to see: the two are indistinguishable on purpose, and so must be
 * their codes (one `X.NOT_FOUND` for both, never a code that tells them apart).
 */
export class NotFoundError extends DomainError {
  readonly kind = 'NOT_FOUND';
}

/** The caller's role may not do this at all. */
export class ForbiddenError extends DomainError {
  readonly kind = 'FORBIDDEN';
}

/** Not allowed in the current state. */
export class ConflictError extends DomainError {
  readonly kind = 'CONFLICT';
}

/** The version the caller saw is no longer the current one. */
export class PreconditionFailedError extends DomainError {
  readonly kind = 'PRECONDITION_FAILED';
}

/** A quota of the domain's (so many of a thing in a while) is used up: try again later. */
export class LimitReachedError extends DomainError {
  readonly kind = 'LIMIT_REACHED';
}

/** What was sent is larger than a limit allows (a file, or all files of a thing together). */
export class TooLargeError extends DomainError {
  readonly kind = 'TOO_LARGE';
}

/** What was sent is of a type that is not accepted, or not the type it claims to be. */
export class UnsupportedTypeError extends DomainError {
  readonly kind = 'UNSUPPORTED_TYPE';
}

/** The part asked for lies outside what there is; `size` is the whole's, for Content-Range. */
export class RangeNotSatisfiableError extends DomainError {
  readonly kind = 'RANGE_NOT_SATISFIABLE';

  constructor(
    code: ErrorCode,
    message: string,
    readonly size: number,
  ) {
    super(code, message);
  }
}

export class ValidationFailedError extends DomainError {
  readonly kind = 'VALIDATION';

  constructor(
    code: ErrorCode,
    message: string,
    readonly errors: FieldError[] = [],
  ) {
    super(code, message);
  }

  override get fieldErrors(): readonly FieldError[] {
    return this.errors;
  }
}
