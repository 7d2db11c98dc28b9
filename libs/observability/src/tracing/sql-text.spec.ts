import { sqlWithoutLiterals } from './sql-text';

describe('sqlWithoutLiterals', () => {
  it('replaces strings, numbers and dollar-quoted bodies, and keeps names, casts and placeholders', () => {
    expect(
      sqlWithoutLiterals(
        `insert into "information_request" ("id", "title", "version") values ('0d06', 'It''s secret', 3), ($1, E'a\\n', -2.5e3)`,
      ),
    ).toBe(
      `insert into "information_request" ("id", "title", "version") values (?, ?, ?), ($1, ?, ?)`,
    );
    expect(
      sqlWithoutLiterals(
        `select * from bp_rfi_test2 t where t.x = '{"a":1}'::jsonb and y = $$body$$ limit 10`,
      ),
    ).toBe(`select * from bp_rfi_test2 t where t.x = ?::jsonb and y = ? limit ?`);
    expect(sqlWithoutLiterals(`select $tag$ it's $$ here $tag$, t.c1 from t`)).toBe(
      `select ?, t.c1 from t`,
    );
  });
});
