import { SpanStatusCode } from '@opentelemetry/api';
import { ReadableSpan } from '@opentelemetry/sdk-trace';
import { errorStatus, withSafeStatus } from './safe-status';

/** An error as knex and MikroORM raise it: the SQL, with the values inlined, in its message. */
function uniqueViolation(): Error {
  const error = new Error(
    `insert into "notification" ("title") values ('Suspect Ivan Petrov, passport 1234') - duplicate key value`,
  );
  error.name = 'UniqueConstraintViolationException';
  Object.assign(error, { code: '23505' });
  return error;
}

describe('what a failed span says', () => {
  it('names the error type and SQLSTATE, never the message with its values', () => {
    const status = errorStatus(uniqueViolation());
    expect(status).toEqual({
      code: SpanStatusCode.ERROR,
      message: 'UniqueConstraintViolationException (23505)',
    });
  });

  it('says no more than "Error" for something that is not a plain error type', () => {
    expect(errorStatus('Ivan Petrov').message).toBe('string');
    expect(errorStatus(Object.assign(new Error('x'), { name: 'Bad name: Ivan' })).message).toBe(
      'Error',
    );
  });

  it("drops a status message someone else's code set, and keeps a safe one", () => {
    const span = (message: string) =>
      ({ name: 'pg.query', status: { code: SpanStatusCode.ERROR, message } }) as ReadableSpan;
    const leaking = withSafeStatus(span('invalid input syntax for type uuid: "Ivan Petrov"'));
    expect(leaking.status).toEqual({ code: SpanStatusCode.ERROR });
    expect(leaking.name).toBe('pg.query');
    const safe = span('QueryFailedError (22P02)');
    expect(withSafeStatus(safe)).toBe(safe);
  });
});
