import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { databaseUrl, migrateDatabase } from '@bp/persistence';
import { DATABASE_URL } from '../../../test/support/test-env';
import { dropTestDatabase } from '../../../test/support/database-fixtures';
import { ormConfig } from '../src/infrastructure/persistence/orm-config';

/*
 * information_request.focal_recipients is kept by triggers (focal-recipients.migration.ts), and the
 * lists decide need to know from it: it must follow every way an assignment row changes, in either
 * order of insertion (the foreign keys are deferred). The agreement test covers rows as the unit of
 * work inserts them; this covers the changes it does not generate.
 */
describe('focal_recipients follows the assignments of focal points', () => {
  const config = ormConfig({ serverUrl: DATABASE_URL, name: 'bp_rfi_focal_recipients_test' });
  let db: Client;

  beforeAll(async () => {
    await dropTestDatabase(config.database);
    await migrateDatabase(config);
    db = new Client({ connectionString: databaseUrl(config.database) });
    await db.connect();
  });

  afterAll(async () => {
    await db?.end();
    await dropTestDatabase(config.database);
  });

  const insertRfi = async (id: string) => {
    await db.query(
      `insert into information_request (id, reference, requester_party, created_by, title, question,
         topics, priority, channel, target_parties, handling_code, secretariat_access, language,
         status, created_at, updated_at, version)
       values ($1, $2, 'PAK', $3, 't', 'q', '{}', 'NORMAL', 'MULTILATERAL', '{}', 'H2', 'FULL',
         'en', 'ROUTED', now(), now(), 1)`,
      [id, `RFI-2026-${id.slice(0, 8).toUpperCase()}`, randomUUID()],
    );
  };
  const insertAssignments = async (rfiId: string, ...to: [party: string, officer: boolean][]) => {
    const ids = to.map(() => randomUUID());
    await db.query(
      `insert into rfi_assignment (id, rfi_id, recipient_party, officer_id, status, assigned_at, due_at)
       select id, $1, party, case when officer then gen_random_uuid() end, 'PENDING', now(), now() + interval '1 day'
       from unnest($2::uuid[], $3::text[], $4::boolean[]) as t(id, party, officer)`,
      [rfiId, ids, to.map(([party]) => party), to.map(([, officer]) => officer)],
    );
    return ids;
  };
  const recipientsOf = async (rfiId: string) =>
    (
      await db.query<{ focal_recipients: string[] }>(
        'select focal_recipients from information_request where id = $1',
        [rfiId],
      )
    ).rows[0]!.focal_recipients;

  it('lists the parties with a focal point assignment, once each, and not those of officers', async () => {
    const rfi = randomUUID();
    await insertRfi(rfi);
    expect(await recipientsOf(rfi)).toEqual([]);
    await insertAssignments(rfi, ['SRB', false], ['HUN', true]);
    expect(await recipientsOf(rfi)).toEqual(['SRB']);
    await insertAssignments(rfi, ['AUT', false]);
    expect(await recipientsOf(rfi)).toEqual(['AUT', 'SRB']);
  });

  it('is computed by the RFI insert when its assignments were written first', async () => {
    const rfi = randomUUID();
    await db.query('begin');
    await insertAssignments(rfi, ['SRB', false]);
    await insertRfi(rfi);
    await db.query('commit');
    expect(await recipientsOf(rfi)).toEqual(['SRB']);
  });

  it('follows a handover from an officer to the focal point, and a move or deletion', async () => {
    const rfi = randomUUID();
    await insertRfi(rfi);
    const [officers] = await insertAssignments(rfi, ['HUN', true]);
    expect(await recipientsOf(rfi)).toEqual([]);
    await db.query('update rfi_assignment set officer_id = null where id = $1', [officers]);
    expect(await recipientsOf(rfi)).toEqual(['HUN']);
    await db.query(`update rfi_assignment set recipient_party = 'SRB' where id = $1`, [officers]);
    expect(await recipientsOf(rfi)).toEqual(['SRB']);
    await db.query('delete from rfi_assignment where id = $1', [officers]);
    expect(await recipientsOf(rfi)).toEqual([]);
  });

  it('is left alone by a status change', async () => {
    const rfi = randomUUID();
    await insertRfi(rfi);
    const [assignment] = await insertAssignments(rfi, ['SRB', false]);
    await db.query(`update information_request set focal_recipients = '{MARK}' where id = $1`, [
      rfi,
    ]);
    await db.query(`update rfi_assignment set status = 'RESPONDED' where id = $1`, [assignment]);
    expect(await recipientsOf(rfi)).toEqual(['MARK']);
  });
});
