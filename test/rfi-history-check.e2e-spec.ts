import { Client } from 'pg';
import { DATABASE_URL } from './support/test-env';
import { as } from './support/api';
import { fileRfi } from './support/rfi-fixtures';
import { appsForFile } from './support/apps-for-file';
import { connectAs, refusal, runtimeRoleOf } from './support/database-roles';

jest.setTimeout(120_000);

/*
 * GET /rfis/{id}/history/verify through the gateway: who may ask, and what each learns once a line
 * was changed behind the application's back (issue 12, item 4). The requester must learn that its
 * record no longer holds, but nothing about a line its own history does not show.
 */
describe('checking an RFI history for tampering', () => {
  appsForFile('rfi-service');

  let db: Client;
  beforeAll(async () => {
    db = new Client({ connectionString: DATABASE_URL.replace(/\/[^/]*$/, '/bp_rfi_test') });
    await db.connect();
  });
  afterAll(() => db?.end());

  /** Changes one history line as only someone at the database could: triggers off. */
  async function tamper(rfiId: string, action: string): Promise<void> {
    await db.query('begin');
    try {
      await db.query('set local session_replication_role = replica');
      const changed = await db.query(
        `update rfi_history set details = details || '{"forged": true}'::jsonb
         where id = (select min(id) from rfi_history where rfi_id = $1 and action = $2)`,
        [rfiId, action],
      );
      expect(changed.rowCount).toBe(1);
      await db.query('commit');
    } catch (error) {
      await db.query('rollback');
      throw error;
    }
  }

  const verify = (who: string, rfiId: string) =>
    as<Record<string, unknown>>(who, 'GET', `/rfis/${rfiId}/history/verify`);

  async function rfiWithSecretariatNote() {
    const rfi = await fileRfi('fp-pak');
    const note = await as('secretariat', 'POST', `/rfis/${rfi.id}/messages`, {
      json: {
        kind: 'NOTE',
        body: 'Internal: cross-check with the Balkan route file',
        handlingCode: 'H0',
      },
    });
    expect(note.status).toBe(201);
    return rfi;
  }

  it('answers the requester and the secretariat, refuses the recipient, and hides the RFI from others', async () => {
    const rfi = await rfiWithSecretariatNote();
    const requester = await verify('fp-pak', rfi.id);
    expect(requester.status).toBe(200);
    expect(requester.body).toEqual({ intact: true, firstBroken: null });
    const secretariat = await verify('secretariat', rfi.id);
    expect(secretariat.status).toBe(200);
    expect(secretariat.body).toMatchObject({ intact: true, firstBroken: null });
    expect(secretariat.body.lines).toBeGreaterThanOrEqual(4);
    expect((await verify('fp-srb', rfi.id)).status).toBe(403);
    const stranger = await verify('fp-hun', rfi.id);
    expect(stranger.status).toBe(404);
    expect(JSON.stringify(stranger.body)).not.toContain(rfi.reference);
  });

  it('tells the requester where a line it can see was changed', async () => {
    const rfi = await fileRfi('fp-pak');
    await tamper(rfi.id, 'SUBMITTED');
    const requester = await verify('fp-pak', rfi.id);
    expect(requester.body).toEqual({
      intact: false,
      firstBroken: { reason: 'CONTENT_CHANGED', action: 'SUBMITTED', at: expect.any(String) },
    });
    expect((await verify('secretariat', rfi.id)).body).toMatchObject({
      intact: false,
      firstBroken: { seq: 2, reason: 'CONTENT_CHANGED', action: 'SUBMITTED' },
    });
  });

  it('tells the requester only that its record no longer holds when the changed line is one kept from it', async () => {
    const rfi = await rfiWithSecretariatNote();
    await tamper(rfi.id, 'NOTE_ADDED');
    const requester = await verify('fp-pak', rfi.id);
    expect(requester.body).toEqual({ intact: false, firstBroken: null });
    expect(JSON.stringify(requester.body)).not.toMatch(/NOTE|lines|seq/);
    expect((await verify('secretariat', rfi.id)).body).toMatchObject({
      intact: false,
      firstBroken: { reason: 'CONTENT_CHANGED', action: 'NOTE_ADDED' },
    });
  });

  it('holds a routing note kept beside its line to the digest the line carries', async () => {
    const rfi = await fileRfi('fp-pak', { channel: 'MULTILATERAL', targetParties: ['SRB'] });
    const note = `Route to Belgrade desk ${rfi.reference}`;
    const routed = await as('secretariat', 'POST', `/rfis/${rfi.id}/route`, {
      json: { recipients: [{ party: 'SRB' }], note },
    });
    expect(routed.status).toBe(200);
    const history = await as<{ items: { action: string; details: Record<string, unknown> }[] }>(
      'secretariat',
      'GET',
      `/rfis/${rfi.id}/history?limit=100`,
    );
    // Shown as ever: the note in its line, no digest.
    const line = history.body.items.find((l) => l.action === 'ROUTED')!;
    expect(line.details.note).toBe(note);
    expect(line.details).not.toHaveProperty('noteDigest');
    expect((await verify('secretariat', rfi.id)).body).toMatchObject({ intact: true });
    // Changed where it is kept: the chain still proves what it was.
    const changed = await db.query(`update rfi_history_note set note = $2 where rfi_id = $1`, [
      rfi.id,
      'Route it anywhere',
    ]);
    expect(changed.rowCount).toBe(1);
    expect((await verify('secretariat', rfi.id)).body).toMatchObject({
      intact: false,
      firstBroken: { reason: 'CONTENT_CHANGED', action: 'ROUTED' },
    });
  });

  it('misses a routing note removed while its request lives, and the runtime role cannot remove one', async () => {
    const rfi = await fileRfi('fp-pak', { channel: 'MULTILATERAL', targetParties: ['SRB'] });
    const routed = await as('secretariat', 'POST', `/rfis/${rfi.id}/route`, {
      json: { recipients: [{ party: 'SRB' }], note: `Quietly removed ${rfi.reference}` },
    });
    expect(routed.status).toBe(200);
    const app = await connectAs(runtimeRoleOf('bp_rfi_test'), 'bp_rfi_test');
    try {
      for (const change of [
        'delete from rfi_history_note where rfi_id = $1',
        "update rfi_history_note set note = 'forged' where rfi_id = $1",
      ])
        expect((await refusal(() => app.query(change, [rfi.id]))).code).toBe('42501');
    } finally {
      await app.end();
    }
    const removed = await db.query('delete from rfi_history_note where rfi_id = $1', [rfi.id]);
    expect(removed.rowCount).toBe(1);
    expect((await verify('secretariat', rfi.id)).body).toMatchObject({
      intact: false,
      firstBroken: { reason: 'CONTENT_CHANGED', action: 'ROUTED' },
    });
  });
});
