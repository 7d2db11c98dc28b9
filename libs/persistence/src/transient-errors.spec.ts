import { ConnectionException, UniqueConstraintViolationException } from '@mikro-orm/core';
import { isTransientDatabaseError } from './transient-errors';

describe('isTransientDatabaseError', () => {
  it.each([
    [
      'a refused connection',
      Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }),
    ],
    [
      'a server shutting down (57P01)',
      Object.assign(new Error('terminating connection'), { code: '57P01' }),
    ],
    [
      'a connection exception class (08006)',
      Object.assign(new Error('connection failure'), { code: '08006' }),
    ],
    ['a deadlock (40P01)', Object.assign(new Error('deadlock detected'), { code: '40P01' })],
    [
      'a pool that cannot hand out a connection',
      new Error('Knex: Timeout acquiring a connection. The pool is probably full.'),
    ],
    [
      'a wrapped cause',
      new Error('query failed', { cause: Object.assign(new Error('x'), { code: 'ECONNRESET' }) }),
    ],
    [
      'MikroORM connection exception',
      new ConnectionException(new Error('Connection terminated unexpectedly')),
    ],
  ])('treats %s as transient', (_, error) => {
    expect(isTransientDatabaseError(error)).toBe(true);
  });

  it.each([
    [
      'a unique violation',
      new UniqueConstraintViolationException(
        Object.assign(new Error('duplicate key'), { code: '23505' }),
      ),
    ],
    ['a check violation', Object.assign(new Error('violates check constraint'), { code: '23514' })],
    ['a plain bug', new TypeError('cannot read properties of undefined')],
    ['not an error', 'oops'],
  ])('treats %s as permanent', (_, error) => {
    expect(isTransientDatabaseError(error)).toBe(false);
  });
});
