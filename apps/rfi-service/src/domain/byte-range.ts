/**
 * One `Range: bytes=…` request (RFC 9110 §14.1.2) against a file of `size` bytes: `a-b`, `a-` and
 * the suffix `-n`. A header that is not one byte range (several ranges, other units, bad syntax)
 * is ignored, as the RFC allows: the whole file is served.
 */
export type RangeAnswer =
  | { kind: 'whole' }
  | { kind: 'partial'; start: number; end: number }
  | { kind: 'unsatisfiable' };

const ONE_RANGE = /^bytes=(\d*)-(\d*)$/;

export function rangeOf(header: string | undefined, size: number): RangeAnswer {
  const match = header ? ONE_RANGE.exec(header.trim().replace(/\s+/g, '')) : null;
  if (!match) return { kind: 'whole' };
  const [, first, last] = match as unknown as [string, string, string];
  if (first === '' && last === '') return { kind: 'whole' };
  if (first === '') {
    const suffix = Number(last);
    if (suffix === 0 || size === 0) return { kind: 'unsatisfiable' };
    return { kind: 'partial', start: Math.max(size - suffix, 0), end: size - 1 };
  }
  const start = Number(first);
  const end = last === '' ? size - 1 : Number(last);
  if (last !== '' && end < start) return { kind: 'whole' };
  if (start >= size) return { kind: 'unsatisfiable' };
  return { kind: 'partial', start, end: Math.min(end, size - 1) };
}
