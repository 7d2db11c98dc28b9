import { randomUUID } from 'node:crypto';
import { MikroORM } from '@mikro-orm/core';
import { EntityManager, PostgreSqlDriver } from '@mikro-orm/postgresql';
import { migrateDatabase, mikroOrmOptions } from '@bp/persistence';
import { DATABASE_URL } from '../../../test/support/test-env';
import { dropTestDatabase } from '../../../test/support/database-fixtures';
import { ormConfig } from '../src/infrastructure/persistence/orm-config';
import { RfiRepository } from '../src/infrastructure/persistence/rfi.repository';
import { RfiUnitOfWork } from '../src/infrastructure/persistence/rfi.unit-of-work';
import { RfiSettings } from '../src/application/rfi-settings';
import { RfiSystemWork } from '../src/application/rfi-system-work';
import { OverdueScheduler } from '../src/application/overdue-scheduler';
import { DEFAULT_RESPONSE_TIMES } from '../src/domain/due-time';

const HOUR = 3_600_000;
const NOW = new Date('2026-06-01T12:00:00Z');
/** Each level one hour after the last, whatever the priority. */
const STEPS = { URGENT: HOUR, HIGH: HOUR, NORMAL: HOUR, LOW: HOUR };

/*
 * The overdue scan takes a bounded number of RFIs a pass. It once took any overdue RFI below the
 * last level, in no order: RFIs whose next level was not due yet filled every pass, and the ones
 * waiting for their level were never reached.
 */
describe('the RFIs an overdue scan picks (real PostgreSQL)', () => {
  const config = ormConfig({ serverUrl: DATABASE_URL, name: 'bp_rfi_overdue_selection_test' });
  const repository = new RfiRepository();
  let orm: MikroORM;
  let em: EntityManager;

  beforeAll(async () => {
    await dropTestDatabase(config.database);
    await migrateDatabase(config);
    orm = await MikroORM.init<PostgreSqlDriver>(mikroOrmOptions(config));
    em = orm.em.fork() as EntityManager;
  });

  afterAll(async () => {
    await orm?.close(true);
    await dropTestDatabase(config.database);
  });

  /** A routed RFI whose one assignment fell due `lateHours` before `now` and has reached `level`. */
  async function overdueRfi(lateHours: number, level: number, now = NOW): Promise<string> {
    const id = randomUUID();
    await em.execute(
      `insert into information_request (id, reference, requester_party, created_by, title, question,
         topics, priority, channel, target_parties, handling_code, secretariat_access, language,
         status, created_at, updated_at, version)
       values (?, ?, 'PAK', ?, 't', 'q', '{}', 'NORMAL', 'BILATERAL', '{SRB}', 'H2', 'FULL',
         'en', 'ROUTED', ?, ?, 1)`,
      [id, `RFI-2026-${id.slice(0, 8).toUpperCase()}`, randomUUID(), NOW, NOW],
    );
    await em.execute(
      `insert into rfi_assignment (id, rfi_id, recipient_party, status, assigned_at, due_at, escalation_level)
       values (?, ?, 'SRB', 'PENDING', ?, ?, ?)`,
      [
        randomUUID(),
        id,
        new Date(now.getTime() - (lateHours + 24) * HOUR),
        new Date(now.getTime() - lateHours * HOUR),
        level,
      ],
    );
    return id;
  }

  // Issue 13: "the overdue scan takes up to 500 overdue assignments in no order, all below level 3".
  it('the overdue scan no longer takes its 500 in no order: it picks only RFIs whose next level is due, the longest waiting first, past a crowd of others', async () => {
    // Three RFIs at level 1, half an hour late: level 2 comes an hour after the due time.
    for (let i = 0; i < 3; i += 1) await overdueRfi(0.5, 1);
    const waitingLongest = await overdueRfi(2.5, 1); // level 2 due 1.5 h ago
    const waiting = await overdueRfi(1.5, 1); // level 2 due 0.5 h ago
    const firstLevel = await overdueRfi(0.25, 0); // level 1 due 0.25 h ago
    await overdueRfi(5, 3); // at the last level: nothing left to do

    expect(await repository.overdue(em, NOW, STEPS, 2)).toEqual([waitingLongest, waiting]);
    expect(await repository.overdue(em, NOW, STEPS, 10)).toEqual([
      waitingLongest,
      waiting,
      firstLevel,
    ]);
  });

  /*
   * Issue 13: "one failing RFI rolls back the whole pass". A pass once escalated every RFI it
   * picked in one transaction; now each RFI changes in a transaction of its own.
   */
  it('one failing RFI does not roll back the whole pass: the others climb a level, it stays for the next pass', async () => {
    // A month before the first test's RFIs fall due, so this pass sees only these three.
    const now = new Date(NOW.getTime() - 30 * 24 * HOUR);
    const first = await overdueRfi(2, 0, now);
    const failing = await overdueRfi(3, 0, now);
    const last = await overdueRfi(1, 0, now);
    // A real failure inside the failing RFI's own change: its assignment's update is refused.
    await em.execute(`create function refuse_failing() returns trigger language plpgsql as $$
      begin raise exception 'refused for the test'; end $$`);
    await em.execute(`create trigger refuse_failing before update on rfi_assignment for each row
      when (new.rfi_id = '${failing}') execute function refuse_failing()`);
    const settings = new RfiSettings(DEFAULT_RESPONSE_TIMES, 50, 60_000, 0.75);
    const scheduler = new OverdueScheduler(
      orm,
      new RfiSystemWork(repository, new RfiUnitOfWork(repository), settings),
      settings,
    );

    await expect(scheduler.pass(now)).resolves.toEqual({ reminded: 0, raised: 2, failed: 1 });

    const levels = async () =>
      Object.fromEntries(
        (
          await em.execute<{ rfi_id: string; escalation_level: number }[]>(
            `select rfi_id, escalation_level from rfi_assignment where rfi_id in (?, ?, ?)`,
            [first, failing, last],
          )
        ).map((row) => [row.rfi_id, row.escalation_level]),
      );
    expect(await levels()).toEqual({ [first]: 1, [failing]: 0, [last]: 1 });
    const announced = await em.execute<{ aggregate_id: string }[]>(
      `select distinct message_key as aggregate_id from outbox_message where message_key in (?, ?, ?)`,
      [first, failing, last],
    );
    expect(announced.map((row) => row.aggregate_id).sort()).toEqual([first, last].sort());

    // The next pass, the fault gone, takes the one left behind.
    await em.execute(`drop trigger refuse_failing on rfi_assignment`);
    await expect(scheduler.pass(now)).resolves.toEqual({ reminded: 0, raised: 1, failed: 0 });
    expect(await levels()).toEqual({ [first]: 1, [failing]: 1, [last]: 1 });
  });
});
