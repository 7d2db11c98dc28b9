import { randomUUID } from 'node:crypto';
import { MikroORM } from '@mikro-orm/core';
import { EntityManager, PostgreSqlDriver } from '@mikro-orm/postgresql';
import { migrateDatabase, mikroOrmOptions } from '@bp/persistence';
import { DATABASE_URL } from '../../../test/support/test-env';
import { dropTestDatabase } from '../../../test/support/database-fixtures';
import { ormConfig } from '../src/infrastructure/persistence/orm-config';
import { RfiRepository } from '../src/infrastructure/persistence/rfi.repository';

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

  /** A routed RFI whose one assignment fell due `lateHours` ago and has reached `level`. */
  async function overdueRfi(lateHours: number, level: number): Promise<string> {
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
        new Date(NOW.getTime() - (lateHours + 24) * HOUR),
        new Date(NOW.getTime() - lateHours * HOUR),
        level,
      ],
    );
    return id;
  }

  it('picks only RFIs whose next level is due, the longest waiting first, past a crowd of others', async () => {
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
});
