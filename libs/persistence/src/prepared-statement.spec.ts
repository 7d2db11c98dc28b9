import { columnArrays, unnestRows, valuesRow } from './prepared-statement';

describe('unnestRows', () => {
  it('binds one typed array a column and keeps the rows in their order', () => {
    expect(unnestRows(['uuid', 'jsonb']).replace(/\s+/g, ' ')).toBe(
      'select c1, c2 from unnest($1::uuid[], $2::jsonb[]) with ordinality as run (c1, c2, ordinal) order by ordinal',
    );
  });

  it('puts the computed columns after the bound ones', () => {
    expect(unnestRows(['text'], ["nextval('s')"]).replace(/\s+/g, ' ')).toBe(
      "select c1, nextval('s') from unnest($1::text[]) with ordinality as run (c1, ordinal) order by ordinal",
    );
  });
});

describe('columnArrays', () => {
  it('turns rows into one array a column, a missing value into null', () => {
    expect(
      columnArrays(
        [
          ['a', 1, undefined],
          ['b', 2, 'x'],
        ],
        3,
      ),
    ).toEqual([
      ['a', 'b'],
      [1, 2],
      [null, 'x'],
    ]);
  });
});

describe('valuesRow', () => {
  it('numbers the placeholders of one row, each with its cast', () => {
    expect(valuesRow(['', '::jsonb', '::text[]'])).toBe('($1, $2::jsonb, $3::text[])');
  });
});
