import { rangeOf } from './byte-range';

describe('one range of bytes (RFC 9110)', () => {
  const size = 1_000;

  it('serves a-b, a- and the suffix -n, ends past the file cut to its end', () => {
    expect(rangeOf('bytes=0-99', size)).toEqual({ kind: 'partial', start: 0, end: 99 });
    expect(rangeOf('bytes=900-', size)).toEqual({ kind: 'partial', start: 900, end: 999 });
    expect(rangeOf('bytes=-10', size)).toEqual({ kind: 'partial', start: 990, end: 999 });
    expect(rangeOf('bytes=-5000', size)).toEqual({ kind: 'partial', start: 0, end: 999 });
    expect(rangeOf('bytes=990-5000', size)).toEqual({ kind: 'partial', start: 990, end: 999 });
    expect(rangeOf(' bytes = 1 - 2 ', size)).toEqual({ kind: 'partial', start: 1, end: 2 });
  });

  it('refuses a start at or past the end, an empty suffix, and any range of an empty file', () => {
    expect(rangeOf('bytes=1000-', size)).toEqual({ kind: 'unsatisfiable' });
    expect(rangeOf('bytes=1000-1200', size)).toEqual({ kind: 'unsatisfiable' });
    expect(rangeOf('bytes=-0', size)).toEqual({ kind: 'unsatisfiable' });
    expect(rangeOf('bytes=0-', 0)).toEqual({ kind: 'unsatisfiable' });
  });

  it('serves the whole file for no range, several ranges, other units, bad syntax or b < a', () => {
    for (const header of [
      undefined,
      '',
      'bytes=0-1,5-6',
      'items=0-1',
      'bytes=a-b',
      'bytes=-',
      'bytes=5-1',
    ])
      expect(rangeOf(header, size)).toEqual({ kind: 'whole' });
  });
});
