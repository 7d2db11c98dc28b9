import { FieldError } from '../validation';
import { ProblemDetails, ProblemTypes, problem } from './problem-details';

/**
 * Errors a domain rule or use case raises on purpose. Plain classes, so domain code can throw them
 * without a framework; the messaging layer turns them into problem details with their status.
 */
export abstract class DomainError extends Error {
  abstract readonly status: number;
  abstract readonly typeSlug: string;
  abstract readonly title: string;

  toProblem(): ProblemDetails {
    return problem(this.status, this.typeSlug, this.title, this.message, this.fieldErrors());
  }

  protected fieldErrors(): FieldError[] | undefined {
    return undefined;
  }
}

/** Absent, or not the caller's to see: the two are indistinguishable on purpose. */
export class NotFoundError extends DomainError {
  readonly status = 404;
  readonly typeSlug = ProblemTypes.notFound;
  readonly title = 'Not found';
}

/** The caller's role may not do this at all. */
export class ForbiddenError extends DomainError {
  readonly status = 403;
  readonly typeSlug = ProblemTypes.forbidden;
  readonly title = 'Forbidden';
}

/** Not allowed in the current state. */
export class ConflictError extends DomainError {
  readonly status = 409;
  readonly typeSlug = ProblemTypes.conflict;
  readonly title = 'Conflict';
}

/** The version the caller saw is no longer the current one. */
export class PreconditionFailedError extends DomainError {
  readonly status = 412;
  readonly typeSlug = ProblemTypes.preconditionFailed;
  readonly title = 'Precondition failed';
}

export class ValidationFailedError extends DomainError {
  readonly status = 400;
  readonly typeSlug = ProblemTypes.validation;
  readonly title = 'Invalid input';

  constructor(
    message: string,
    readonly errors: FieldError[] = [],
  ) {
    super(message);
  }

  protected override fieldErrors(): FieldError[] {
    return this.errors;
  }
}
