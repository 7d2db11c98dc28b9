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
  | 'VALIDATION';

/** Errors a domain rule or use case raises on purpose: plain classes, free of any framework. */
export abstract class DomainError extends Error {
  abstract readonly kind: DomainErrorKind;

  get fieldErrors(): readonly FieldError[] {
    return [];
  }
}

/** Absent, or not the caller's to see: the two are indistinguishable on purpose. */
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

export class ValidationFailedError extends DomainError {
  readonly kind = 'VALIDATION';

  constructor(
    message: string,
    readonly errors: FieldError[] = [],
  ) {
    super(message);
  }

  override get fieldErrors(): readonly FieldError[] {
    return this.errors;
  }
}
