import { valuesRows } from './prepared-statement';

describe('valuesRows', () => {
  it('numbers the placeholders row after row, with each column its cast', () => {
    expect(valuesRows(2, ['', '::jsonb'])).toBe('($1, $2::jsonb), ($3, $4::jsonb)');
  });

  it('puts the computed columns after the bound ones of every row', () => {
    expect(valuesRows(2, ['', ''], ["nextval('s')"])).toBe(
      "($1, $2, nextval('s')), ($3, $4, nextval('s'))",
    );
  });
});
