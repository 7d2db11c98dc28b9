import { CursorErrors, ValidationFailedError } from '@bp/contracts';

export interface VisiblePage<T> {
  items: T[];
  nextCursor: string | null;
}

/**
 * Pages a list that need to know has already filtered (thread, history, compilation): the cursor
 * names the last item the caller was shown, so a page never counts or skips what the caller may
 * not see, and a cursor naming anything else (a hidden entry included) is refused alike.
 */
export function visiblePage<T>(
  items: readonly T[],
  keyOf: (item: T) => string,
  { limit = 20, cursor }: { limit?: number; cursor?: string },
): VisiblePage<T> {
  let start = 0;
  if (cursor !== undefined) {
    const key = decode(cursor);
    const at = key === null ? -1 : items.findIndex((item) => keyOf(item) === key);
    if (at < 0)
      throw new ValidationFailedError(
        CursorErrors.INVALID,
        'The cursor is not one this API gave out',
        [{ field: 'cursor', message: 'invalid' }],
      );
    start = at + 1;
  }
  const page = items.slice(start, start + limit);
  const last = page[page.length - 1];
  return {
    items: page,
    nextCursor: start + limit < items.length && last ? encode(keyOf(last)) : null,
  };
}

function encode(key: string): string {
  return Buffer.from(JSON.stringify(['v1', key])).toString('base64url');
}

function decode(cursor: string): string | null {
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(parsed) && parsed[0] === 'v1' && typeof parsed[1] === 'string')
      return parsed[1];
  } catch {
    // not ours: refused by the caller
  }
  return null;
}

/**
 * Cursor keys for history lines that say nothing the lines do not: their time, and their order
 * among the caller's lines of that same time. A stored position would be a global counter of
 * every line written anywhere (reads included).
 */
export function historyCursorKeys<T extends { at: Date }>(
  lines: readonly T[],
): (line: T) => string {
  const keys = new Map<T, string>();
  const seen = new Map<string, number>();
  for (const line of lines) {
    const at = line.at.toISOString();
    const n = seen.get(at) ?? 0;
    seen.set(at, n + 1);
    keys.set(line, `${at}#${n}`);
  }
  return (line) => keys.get(line)!;
}
