import { randomUUID } from 'node:crypto';
import { apps } from '../support/test-env';
import { as } from '../support/api';
import { RfiBody, fileRfi } from '../support/rfi-fixtures';

jest.setTimeout(120_000);

interface RfiView extends RfiBody {
  targetParties: string[];
  routedAt: string | null;
  assignments: (RfiBody['assignments'][number] & { assignedAt: string })[];
}

/** Leaks a security review of need to know found, each kept out by a test of its own. */
describe('API1: broken object level authorization (leaks found in review)', () => {
  beforeAll(() => apps.start('rfi-service', 'deployment-service', 'gateway'));
  afterAll(() => apps.release('gateway', 'rfi-service', 'deployment-service'));

  it('keeps a draft withdrawn unsent from the secretariat: read, list, search', async () => {
    const word = `unsent${randomUUID().slice(0, 8)}`;
    const draft = await fileRfi('fp-pak', { submit: false, title: `Draft ${word}` });
    expect((await as('fp-pak', 'POST', `/rfis/${draft.id}/withdraw`, { json: {} })).status).toBe(
      200,
    );
    const read = await as('secretariat', 'GET', `/rfis/${draft.id}`);
    expect(read.status).toBe(404);
    expect(JSON.stringify(read.body)).not.toContain(word);
    const listed = await as<{ items: unknown[] }>('secretariat', 'GET', `/rfis?q=${word}`);
    expect(listed.body.items).toEqual([]);
    expect((await as('fp-pak', 'GET', `/rfis/${draft.id}`)).status).toBe(200);
  });

  it('does not tell the party a bilateral request is forwarded to which party was asked first', async () => {
    const rfi = await fileRfi('fp-pak', { targetParties: ['SRB'] });
    const forwarded = await as('secretariat', 'POST', `/rfis/${rfi.id}/route`, {
      json: { recipients: [{ party: 'HUN' }] },
    });
    expect(forwarded.status).toBe(200);
    const hungary = await as<RfiView>('fp-hun', 'GET', `/rfis/${rfi.id}`);
    expect(hungary.status).toBe(200);
    expect(hungary.body.targetParties).toEqual([]);
    expect(hungary.body.routedAt).toBe(hungary.body.assignments[0]!.assignedAt);
    expect(JSON.stringify(hungary.body)).not.toContain('SRB');
    const serbia = await as<RfiView>('fp-srb', 'GET', `/rfis/${rfi.id}`);
    expect(serbia.body.targetParties).toEqual(['SRB']);
  });

  it('answers another recipient’s assignment id exactly like an id that does not exist', async () => {
    const rfi = await fileRfi('fp-pak', { channel: 'MULTILATERAL', targetParties: ['SRB', 'HUN'] });
    const routed = await as<RfiView>('secretariat', 'POST', `/rfis/${rfi.id}/route`, {
      json: { recipients: [{ party: 'SRB' }, { party: 'HUN' }] },
    });
    const hungarian = routed.body.assignments.find((a) => a.recipientParty === 'HUN')!;
    for (const verb of ['acknowledge', 'decline']) {
      const others = await as<{ detail: string }>(
        'fp-srb',
        'POST',
        `/rfis/${rfi.id}/assignments/${hungarian.id}/${verb}`,
        { json: verb === 'decline' ? { reason: 'x' } : undefined },
      );
      const nobody = await as<{ detail: string }>(
        'fp-srb',
        'POST',
        `/rfis/${rfi.id}/assignments/${randomUUID()}/${verb}`,
        { json: verb === 'decline' ? { reason: 'x' } : undefined },
      );
      expect(others.status).toBe(404);
      expect(nobody.status).toBe(404);
      expect(others.body.detail.replace(hungarian.id, '?')).toBe(
        nobody.body.detail.replace(/[0-9a-f-]{36}/, '?'),
      );
    }
  });

  it('gives out history cursors that count nothing beyond the caller’s own lines', async () => {
    const rfi = await fileRfi('fp-pak');
    for (let i = 0; i < 3; i += 1) await as('fp-srb', 'GET', `/rfis/${rfi.id}`);
    const page = await as<{ nextCursor: string }>(
      'fp-srb',
      'GET',
      `/rfis/${rfi.id}/history?limit=1`,
    );
    const decoded = Buffer.from(page.body.nextCursor, 'base64url').toString('utf8');
    expect(decoded).toMatch(/^\["v1","\d{4}-\d{2}-\d{2}T[\d:.]+Z#\d+"\]$/);
  });

  it('shows recipients who acted by name and party, without internal user ids', async () => {
    const rfi = await fileRfi('fp-pak');
    const me = await as<{ id: string }>('fp-pak', 'GET', '/me');
    const lines = await as<{ items: { actor: Record<string, unknown> | null }[] }>(
      'fp-srb',
      'GET',
      `/rfis/${rfi.id}/history`,
    );
    const requesterLines = lines.body.items.filter((l) => l.actor?.username === 'fp-pak');
    expect(requesterLines.length).toBeGreaterThan(0);
    for (const line of requesterLines)
      expect(line.actor).toEqual({ username: 'fp-pak', role: 'focal_point', party: 'PAK' });
    expect(JSON.stringify(lines.body)).not.toContain(me.body.id);
  });
});
