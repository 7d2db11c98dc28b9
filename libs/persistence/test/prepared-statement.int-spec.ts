import { MikroORM, UniqueConstraintViolationException } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { PreparedStatement, columnArrays, runPrepared, unnestRows } from '@bp/persistence';
import { createMessagingTestDatabase, fork } from '../../../test/support/database-fixtures';

const SECRET = 'secret-name-0815';

const INSERT: PreparedStatement = {
  name: 'it.probe-prepared-insert',
  text: 'insert into probe_prepared (name) values ($1) returning name',
};
const BACKEND: PreparedStatement = {
  name: 'it.probe-prepared-backend',
  text: 'select pg_backend_pid() as pid',
};

describe('runPrepared (real PostgreSQL)', () => {
  let orm: MikroORM;

  beforeAll(async () => {
    orm = (await createMessagingTestDatabase('bp_prepared_it')).orm;
    await fork(orm).execute('create table if not exists probe_prepared (name text primary key)');
    await fork(orm).execute('truncate probe_prepared');
    await fork(orm).execute(
      `create table if not exists probe_rows (
        position bigint generated always as identity, tag text, at timestamptz, body jsonb, drawn bigint)`,
    );
    await fork(orm).execute('create sequence if not exists probe_drawn');
  });

  afterAll(() => orm.close(true));

  it('runs by name, once prepared, with values bound apart from the text', async () => {
    const rows = await runPrepared<{ name: string }>(fork(orm), INSERT, ["o'brien; drop table x"]);
    expect(rows).toEqual([{ name: "o'brien; drop table x" }]);
    await runPrepared(fork(orm), INSERT, ['second']);
    const [prepared] = await fork(orm).execute<{ count: string }[]>(
      `select count(*) from probe_prepared where name in ('second', 'o''brien; drop table x')`,
    );
    expect(Number(prepared!.count)).toBe(2);
  });

  it("runs inside em's transaction: on its connection, and undone with it", async () => {
    const em = fork(orm);
    await expect(
      em.transactional(async (tx) => {
        const [{ pid: inside }] = (await tx.execute<{ pid: number }[]>(
          'select pg_backend_pid() as pid',
        )) as [{ pid: number }];
        const [ran] = await runPrepared<{ pid: number }>(tx, BACKEND, []);
        expect(ran!.pid).toBe(inside);
        await runPrepared(tx, INSERT, ['rolled-back']);
        throw new Error('undo');
      }),
    ).rejects.toThrow('undo');
    const rows = await fork(orm).execute(`select 1 from probe_prepared where name = 'rolled-back'`);
    expect(rows).toEqual([]);
  });

  it('refuses to run in a transaction that has ended, as em.execute does', async () => {
    let ended: EntityManager | undefined;
    await fork(orm).transactional(async (tx) => {
      ended = tx;
      await runPrepared(tx, BACKEND, []);
    });
    await expect(ended!.execute('select 1')).rejects.toThrow();
    await expect(runPrepared(ended!, INSERT, ['after-commit'])).rejects.toThrow(
      'the transaction it belongs to has already ended',
    );
    const rows = await fork(orm).execute(
      `select 1 from probe_prepared where name = 'after-commit'`,
    );
    expect(rows).toEqual([]);
  });

  it("fails as em.execute does: the driver's exception, with no value in it", async () => {
    await runPrepared(fork(orm), INSERT, [SECRET]);
    const failure = await runPrepared(fork(orm), INSERT, [SECRET]).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(UniqueConstraintViolationException);
    const printed = `${String(failure)}\n${(failure as Error).stack}\n${JSON.stringify(failure)}`;
    expect(printed).not.toContain(SECRET);
    expect(printed).toContain('23505');
  });

  it('inserts any number of rows with one statement, in their order, values intact', async () => {
    const insert: PreparedStatement = {
      name: 'it.probe-unnest-insert',
      text: `insert into probe_rows (tag, at, body, drawn)
        ${unnestRows(['text', 'timestamptz', 'jsonb'], ["nextval('probe_drawn')"])}`,
    };
    const at = new Date('2026-11-30T12:00:00.123Z');
    const awkward = { text: 'quote " backslash \\ brace } comma , ünïcode \u2028', none: null };
    // 10,000 rows of three values: 30,000 bound values in a VALUES list, below the cap, so a
    // second batch of 25,000 proves the cap of 65,535 a statement no longer applies.
    for (const count of [10_000, 25_000]) {
      await fork(orm).execute('truncate probe_rows restart identity');
      const rows = Array.from({ length: count }, (_, i) => [
        i === 1 ? null : `row-${i}`,
        at,
        JSON.stringify(i === 0 ? awkward : { i }),
      ]);
      await runPrepared(fork(orm), insert, columnArrays(rows, 3));
      const kept = await fork(orm).execute<
        { position: string; tag: string | null; at: Date; body: unknown; drawn: string }[]
      >(
        'select position, tag, at, body, drawn - min(drawn) over () as drawn from probe_rows order by position',
      );
      expect(kept).toHaveLength(count);
      expect(kept[0]!.body).toEqual(awkward);
      expect(kept[1]!.tag).toBeNull();
      expect(new Date(kept[0]!.at).toISOString()).toBe(at.toISOString());
      expect(kept.every((row, i) => Number(row.drawn) === i)).toBe(true);
      expect(kept.slice(2).every((row, i) => row.tag === `row-${i + 2}`)).toBe(true);
      expect(kept.slice(2).every((row, i) => (row.body as { i: number }).i === i + 2)).toBe(true);
    }
  });
});
