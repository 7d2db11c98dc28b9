import {
  ConflictError,
  DomainError,
  ForbiddenError,
  NotFoundError,
  PreconditionFailedError,
  ValidationFailedError,
  problemOf,
} from './domain-errors';
import { PROBLEM_BASE } from './problem-details';

describe('problemOf, the one place a domain refusal becomes HTTP', () => {
  it.each<[DomainError, number, string]>([
    [new NotFoundError('RFI.NOT_FOUND', 'No request x'), 404, 'not-found'],
    [new ForbiddenError('ROLE.FORBIDDEN', 'Only admin may do this'), 403, 'forbidden'],
    [new ConflictError('ASSIGNMENT.ALREADY_DECLINED', 'Declined'), 409, 'conflict'],
    [new PreconditionFailedError('VERSION.STALE', 'Stale'), 412, 'precondition-failed'],
    [new ValidationFailedError('INPUT.INVALID', 'Bad'), 400, 'validation-error'],
  ])('answers %p with %i and carries its code and message', (error, status, type) => {
    expect(problemOf(error)).toEqual({
      type: PROBLEM_BASE + type,
      title: expect.any(String),
      status,
      detail: error.message,
      code: error.code,
    });
  });

  it('carries the field errors of invalid input', () => {
    const errors = [{ field: 'recipients[0].party', message: 'is the requesting party' }];
    expect(
      problemOf(new ValidationFailedError('RFI.RECIPIENT_IS_REQUESTER', 'No', errors)),
    ).toMatchObject({ status: 400, code: 'RFI.RECIPIENT_IS_REQUESTER', errors });
  });
});
