import { longestMatch } from './pattern-length';

describe('longestMatch', () => {
  it.each([
    [/^[A-Z][A-Z_]{1,15}$/, 16],
    [/^\d{4}-\d{2}-\d{2}$/, 10],
    [/^(ab|c)?x{2}$/, 4],
    ['^[a-z_][a-z0-9_]{0,62}$', 63],
    [/^a$|^bcd$/, 3],
  ])('bounds %s at %i characters', (pattern, length) => {
    expect(longestMatch(pattern)).toBe(length);
  });

  it.each([
    [/\S/, 'not anchored at the start'],
    [/^abc/, 'not anchored at the end'],
    [/^a$|bcd$/, 'one alternative not anchored'],
    [/^a+$/, 'a repetition without bound'],
    [/^[a-z]{3,}$/, 'an open range'],
    [/^(a)\1$/, 'a back-reference'],
    ['^[', 'not a pattern at all'],
  ])('has no bound for %s (%s)', (pattern, _why) => {
    expect(longestMatch(pattern)).toBeUndefined();
  });
});
