import { DomainError, DomainErrorKind } from '@bp/domain-kernel';
import { ProblemDetails, ProblemTypes, problem } from './problem-details';

export {
  CommandErrors,
  ConflictError,
  CursorErrors,
  DomainError,
  ERROR_CODE_PATTERN,
  IdempotencyErrors,
  InputErrors,
  KERNEL_ERROR_CODES,
  RoleErrors,
  VersionErrors,
  ForbiddenError,
  NotFoundError,
  PreconditionFailedError,
  LimitReachedError,
  RangeNotSatisfiableError,
  TooLargeError,
  UnsupportedTypeError,
  ValidationFailedError,
} from '@bp/domain-kernel';
export type { DomainErrorKind, ErrorCode } from '@bp/domain-kernel';

/** The one place where a kind of domain refusal becomes an HTTP status and a problem type. */
const ON_THE_WIRE: Record<DomainErrorKind, { status: number; type: string; title: string }> = {
  NOT_FOUND: { status: 404, type: ProblemTypes.notFound, title: 'Not found' },
  FORBIDDEN: { status: 403, type: ProblemTypes.forbidden, title: 'Forbidden' },
  CONFLICT: { status: 409, type: ProblemTypes.conflict, title: 'Conflict' },
  PRECONDITION_FAILED: {
    status: 412,
    type: ProblemTypes.preconditionFailed,
    title: 'Precondition failed',
  },
  VALIDATION: { status: 400, type: ProblemTypes.validation, title: 'Invalid input' },
  LIMIT_REACHED: { status: 429, type: ProblemTypes.rateLimited, title: 'Too many requests' },
  TOO_LARGE: { status: 413, type: ProblemTypes.payloadTooLarge, title: 'Payload too large' },
  UNSUPPORTED_TYPE: {
    status: 415,
    type: ProblemTypes.unsupportedMediaType,
    title: 'Unsupported media type',
  },
  RANGE_NOT_SATISFIABLE: {
    status: 416,
    type: ProblemTypes.rangeNotSatisfiable,
    title: 'Range not satisfiable',
  },
};

/** A domain refusal as RFC 9457 problem details, with its code for clients to branch on. */
export function problemOf(error: DomainError): ProblemDetails {
  const { status, type, title } = ON_THE_WIRE[error.kind];
  return problem(status, type, title, error.message, [...error.fieldErrors], error.code);
}
