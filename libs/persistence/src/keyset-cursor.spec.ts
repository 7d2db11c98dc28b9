import { ValidationFailedError } from '@bp/contracts';
import {
  MAX_CURSOR_OFFSET,
  decodeCursor,
  decodeOffsetCursor,
  encodeCursor,
  encodeOffsetCursor,
} from './keyset-cursor';

const ID = '0b7e3a52-5a3f-4c2e-9d61-6f1f0c4f2a10';
const base64 = (text: string) => Buffer.from(text).toString('base64url');

function refusal(decode: () => unknown): ValidationFailedError {
  try {
    decode();
  } catch (error) {
    if (error instanceof ValidationFailedError) return error;
    throw error;
  }
  throw new Error('the cursor was accepted');
}

describe('decodeCursor', () => {
  it('gives back what encodeCursor wrote', () => {
    const at = new Date('2026-03-01T10:20:30.456Z');
    expect(decodeCursor(encodeCursor(at, ID))).toEqual([at.toISOString(), ID]);
  });

  it.each([
    ['not base64url at all', '!!not base64!!'],
    ['standard base64 with padding', Buffer.from('["x"]').toString('base64')],
    ['base64 of garbage bytes', Buffer.from([0xff, 0xfe, 0x00, 0x7b]).toString('base64url')],
    ['base64 of text that is not JSON', base64('hello')],
    ['JSON null', base64('null')],
    ['a JSON number too large for an offset', base64('99999999999999999999')],
    ['a JSON string', base64('"2026-03-01T10:20:30.456Z"')],
    ['an object', base64(JSON.stringify({ at: '2026-03-01T10:20:30.456Z', id: ID }))],
    ['an array of three', base64(JSON.stringify(['2026-03-01T10:20:30.456Z', ID, 1]))],
    ['numbers instead of strings', base64(JSON.stringify([1, 2]))],
    ['a date JavaScript parses but PostgreSQL refuses', base64(JSON.stringify(['1', ID]))],
    ['a loose date', base64(JSON.stringify(['March 1, 2026', ID]))],
    ['an impossible day', base64(JSON.stringify(['2026-02-30T00:00:00.000Z', ID]))],
    ['year zero', base64(JSON.stringify(['0000-01-01T00:00:00.000Z', ID]))],
    ['an extended year', base64(JSON.stringify(['+275760-09-13T00:00:00.000Z', ID]))],
    ['an id of dashes', base64(JSON.stringify(['2026-03-01T10:20:30.456Z', '-'.repeat(36)]))],
    ['an id in capitals', base64(JSON.stringify(['2026-03-01T10:20:30.456Z', ID.toUpperCase()]))],
    ['SQL in the id', base64(JSON.stringify(['2026-03-01T10:20:30.456Z', "' or 1=1 --"]))],
    ['an empty cursor', ''],
    ['a cursor longer than any we give out', 'A'.repeat(201)],
  ])('refuses %s as invalid input on the field cursor', (_, cursor) => {
    const error = refusal(() => decodeCursor(cursor));
    expect(error.kind).toBe('VALIDATION');
    expect(error.errors).toEqual([{ field: 'cursor', message: 'invalid' }]);
  });
});

describe('decodeOffsetCursor', () => {
  it('gives back what encodeOffsetCursor wrote', () => {
    expect(decodeOffsetCursor(encodeOffsetCursor(0))).toBe(0);
    expect(decodeOffsetCursor(encodeOffsetCursor(40))).toBe(40);
    expect(decodeOffsetCursor(encodeOffsetCursor(MAX_CURSOR_OFFSET))).toBe(MAX_CURSOR_OFFSET);
  });

  it.each([
    ['a negative offset', base64('-20')],
    ['digits followed by text', base64('20abc')],
    ['a leading zero', base64('020')],
    ['an exponent', base64('1e3')],
    ['an offset past the cap', base64(String(MAX_CURSOR_OFFSET + 1))],
    ['an offset beyond any integer column', base64('99999999999999999999')],
    ['a keyset cursor', encodeCursor(new Date(), ID)],
    ['not base64url at all', '%%%'],
  ])('refuses %s', (_, cursor) => {
    expect(refusal(() => decodeOffsetCursor(cursor)).errors).toEqual([
      { field: 'cursor', message: 'invalid' },
    ]);
  });
});
