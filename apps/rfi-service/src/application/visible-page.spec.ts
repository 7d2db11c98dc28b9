import { ValidationFailedError } from '@bp/contracts';
import { historyCursorKeys, visiblePage } from './visible-page';

const items = ['a', 'b', 'c', 'd', 'e'].map((id) => ({ id }));
const key = (item: { id: string }) => item.id;

describe('visiblePage', () => {
  it('walks the list in pages of the limit, ending with no cursor', () => {
    const first = visiblePage(items, key, { limit: 2 });
    expect(first.items.map(key)).toEqual(['a', 'b']);
    const second = visiblePage(items, key, { limit: 2, cursor: first.nextCursor! });
    expect(second.items.map(key)).toEqual(['c', 'd']);
    const third = visiblePage(items, key, { limit: 2, cursor: second.nextCursor! });
    expect(third).toEqual({ items: [{ id: 'e' }], nextCursor: null });
  });

  it('gives no cursor when the page holds the rest exactly', () => {
    expect(visiblePage(items, key, { limit: 5 }).nextCursor).toBeNull();
    expect(visiblePage([], key, {})).toEqual({ items: [], nextCursor: null });
  });

  it.each([
    ['garbage', '%%%'],
    ['valid base64 of other JSON', Buffer.from('{"a":1}').toString('base64url')],
    ['a key that is not in the visible list', Buffer.from('["v1","zzz"]').toString('base64url')],
  ])('refuses %s as a cursor with a validation error', (_what, cursor) => {
    expect(() => visiblePage(items, key, { cursor })).toThrow(ValidationFailedError);
  });
});

describe('historyCursorKeys', () => {
  it('keys lines by their time and their order within it, nothing stored', () => {
    const at = (iso: string) => ({ at: new Date(iso) });
    const lines = [
      at('2026-05-19T09:00:00Z'),
      at('2026-05-19T09:00:00Z'),
      at('2026-05-19T10:00:00Z'),
    ];
    const key = historyCursorKeys(lines);
    expect(lines.map(key)).toEqual([
      '2026-05-19T09:00:00.000Z#0',
      '2026-05-19T09:00:00.000Z#1',
      '2026-05-19T10:00:00.000Z#0',
    ]);
    const page = visiblePage(lines, key, { limit: 1 });
    expect(visiblePage(lines, key, { limit: 1, cursor: page.nextCursor! }).items).toEqual([
      lines[1],
    ]);
  });
});
