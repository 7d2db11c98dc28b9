import { ValidationFailedError } from '@bp/contracts';
import { refuseBody } from './command-routes';

describe('an action that takes no body', () => {
  it.each([undefined, null, {}])('accepts %p as no body', (body) => {
    expect(() => refuseBody(body)).not.toThrow();
  });

  it.each([{ reason: 'late' }, [], 'text', 0])(
    'refuses %p: a client must not believe it sent something',
    (body) => {
      expect(() => refuseBody(body)).toThrow(ValidationFailedError);
    },
  );
});
