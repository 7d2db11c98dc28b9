import { limitsOf, withImpliedLength } from './validator-limits';

describe('limits taken from the validators', () => {
  it('keeps the keywords that bound a value, and no others', () => {
    expect(
      limitsOf({ type: 'string', maxLength: 200, minLength: 1, description: 'x', example: 'y' }),
    ).toEqual({ maxLength: 200, minLength: 1 });
  });

  it("puts an array's element limits under items", () => {
    expect(
      limitsOf({ type: 'array', maxItems: 10, items: { type: 'string', pattern: '^[A-Z]{3}$' } }),
    ).toEqual({ maxItems: 10, items: { type: 'string', pattern: '^[A-Z]{3}$', maxLength: 3 } });
  });

  it('states the length a UUID or a bounded pattern implies, and nothing for an open one', () => {
    expect(withImpliedLength({ format: 'uuid' })).toEqual({ format: 'uuid', maxLength: 36 });
    expect(withImpliedLength({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' })).toMatchObject({
      maxLength: 10,
    });
    expect(withImpliedLength({ pattern: '\\S' })).toEqual({ pattern: '\\S' });
    expect(withImpliedLength({ pattern: '^[a-z]{1,9}$', maxLength: 5 })).toEqual({
      pattern: '^[a-z]{1,9}$',
      maxLength: 5,
    });
  });
});
