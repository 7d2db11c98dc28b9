import { requestHash } from './idempotency';

describe('requestHash', () => {
  it('does not depend on key order or absent fields', () => {
    expect(requestHash('rfi.create', { a: 1, b: { c: [1, 2], d: 'x' }, e: undefined })).toBe(
      requestHash('rfi.create', { b: { d: 'x', c: [1, 2] }, a: 1 }),
    );
  });

  it('differs for another command, another value or another array order', () => {
    const base = requestHash('rfi.create', { a: [1, 2] });
    expect(requestHash('rfi.submit', { a: [1, 2] })).not.toBe(base);
    expect(requestHash('rfi.create', { a: [2, 1] })).not.toBe(base);
    expect(requestHash('rfi.create', { a: [1, 2], b: null })).not.toBe(base);
  });
});
