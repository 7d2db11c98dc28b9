import { MikroORM, UniqueConstraintViolationException } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { PreparedStatement, runPrepared } from '@bp/persistence';
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
});
