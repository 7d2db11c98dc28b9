import { ValidationFailedError } from '@bp/contracts';

/**
 * Opaque cursors for keyset pagination over (timestamp, id), newest first: stable under inserts,
 * unlike offsets, and they reveal nothing a client could build on.
 */
export function encodeCursor(at: Date, id: string): string {
  return Buffer.from(JSON.stringify([at.toISOString(), id])).toString('base64url');
}

export function decodeCursor(cursor: string): [string, string] {
  try {
    const [at, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
    if (
      typeof at === 'string' &&
      !Number.isNaN(Date.parse(at)) &&
      typeof id === 'string' &&
      /^[0-9a-f-]{36}$/.test(id)
    ) {
      return [at, id];
    }
  } catch {
    // not ours: refused below
  }
  throw new ValidationFailedError('The cursor is not one this API gave out', [
    { field: 'cursor', message: 'invalid' },
  ]);
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
