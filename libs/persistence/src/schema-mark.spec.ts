import {
  schemaIsCurrent,
  schemaMarkQuery,
  schemaMarkStatement,
  waitForSchema,
} from './schema-mark';

const SHIPPED = ['Migration1_a', 'Migration2_b', 'Migration3_c'];
const settings = { serverUrl: 'postgres://bp_x_app@db:5432/postgres', name: 'bp_x' };

describe('schema mark', () => {
  it('is current when marked with the newest shipped migration, or a later release’s', () => {
    expect(schemaIsCurrent('Migration3_c', SHIPPED)).toBe(true);
    expect(schemaIsCurrent('Migration4_from_a_later_release', SHIPPED)).toBe(true);
  });

  it('is not current unmarked or marked with an earlier shipped migration', () => {
    expect(schemaIsCurrent(null, SHIPPED)).toBe(false);
    expect(schemaIsCurrent('', SHIPPED)).toBe(false);
    expect(schemaIsCurrent('Migration2_b', SHIPPED)).toBe(false);
  });

  it('asks nothing of an app without migrations', () => {
    expect(schemaIsCurrent(null, [])).toBe(true);
  });

  it('quotes the mark as a literal and refuses an unsafe table name', () => {
    expect(schemaMarkStatement('schema_migration', "it's")).toBe(
      `comment on table "schema_migration" is 'it''s'`,
    );
    expect(() => schemaMarkStatement('x"; drop', 'm')).toThrow(/Unsafe/);
    expect(schemaMarkQuery('schema_migration')).toContain("to_regclass('public.schema_migration')");
  });

  it('waits through refusals and earlier marks until the newest shipped migration is there', async () => {
    const answers: (string | null | Error)[] = [
      new Error('password authentication failed'),
      null,
      'Migration2_b',
      'Migration3_c',
    ];
    const lines: string[] = [];
    let sleeps = 0;
    await waitForSchema(settings, 'schema_migration', SHIPPED, {
      readMark: async () => {
        const next = answers.shift();
        if (next instanceof Error) throw next;
        return next ?? null;
      },
      sleep: async () => {
        sleeps++;
      },
      log: (line) => lines.push(line),
    });
    expect(answers).toHaveLength(0);
    expect(sleeps).toBe(3);
    expect(lines[0]).toMatch(/waiting for Migration3_c in bp_x \(password authentication failed\)/);
  });
});
