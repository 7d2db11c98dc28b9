import { CursorErrors, ValidationFailedError } from '@bp/contracts';

/**
 * Opaque cursors for keyset pagination over (timestamp, id), newest first: stable under inserts,
 * unlike offsets, and they reveal nothing a client could build on.
 */
export function encodeCursor(at: Date, id: string): string {
  return Buffer.from(JSON.stringify([at.toISOString(), id])).toString('base64url');
}

// Exactly what encodeCursor writes: Date#toISOString in a year PostgreSQL takes, a canonical uuid.
// Anything looser (Date.parse accepts "1", year 0 or 275760) would reach the database as a cast
// that fails there, and a crafted cursor would answer 500 instead of 400.
const ISO_INSTANT = /^(\d{4})-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const BASE64URL = /^[A-Za-z0-9_-]{1,200}$/;

export function decodeCursor(cursor: string): [string, string] {
  const decoded = parseJson(cursor);
  if (Array.isArray(decoded) && decoded.length === 2) {
    const [at, id] = decoded as unknown[];
    if (typeof at === 'string' && isIsoInstant(at) && typeof id === 'string' && UUID.test(id)) {
      return [at, id];
    }
  }
  throw invalidCursor();
}

/** Cursors for lists ranked by relevance, where no stable key exists: the offset of the next page. */
export function encodeOffsetCursor(offset: number): string {
  return Buffer.from(String(offset)).toString('base64url');
}

/** Offsets beyond this are refused: nobody pages that deep, and the database need not skip that far. */
export const MAX_CURSOR_OFFSET = 10_000;

export function decodeOffsetCursor(cursor: string): number {
  const text = BASE64URL.test(cursor) ? Buffer.from(cursor, 'base64url').toString('utf8') : '';
  if (!/^(0|[1-9]\d{0,5})$/.test(text)) throw invalidCursor();
  const offset = Number(text);
  if (offset > MAX_CURSOR_OFFSET) throw invalidCursor();
  return offset;
}

function parseJson(cursor: string): unknown {
  if (!BASE64URL.test(cursor)) return undefined;
  try {
    return JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
  } catch {
    return undefined;
  }
}

function isIsoInstant(text: string): boolean {
  const match = ISO_INSTANT.exec(text);
  if (!match) return false;
  const year = Number(match[1]);
  const date = new Date(text);
  // The round trip refuses impossible dates such as February 30 that the pattern lets through.
  return year >= 1970 && !Number.isNaN(date.getTime()) && date.toISOString() === text;
}

function invalidCursor(): ValidationFailedError {
  return new ValidationFailedError(
    CursorErrors.INVALID,
    'The cursor is not one this API gave out',
    [{ field: 'cursor', message: 'invalid' }],
  );
}

/** The page of `limit` rows out of `limit + 1` fetched, and the cursor to the next one. */
export function pageOf<TRow, TItem>(
  rows: TRow[],
  limit: number,
  key: (row: TRow) => [Date, string],
  item: (row: TRow) => TItem,
) {
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    items: page.map(item),
    nextCursor: rows.length > limit && last ? encodeCursor(...key(last)) : null,
  };
}

/** Knex spreads a JS array bound to `?` into a list; PostgreSQL wants one array literal. */
export function textArray(values: readonly string[]): string {
  return `{${values.map((value) => `"${value.replace(/["\\]/g, '\\$&')}"`).join(',')}}`;
}
