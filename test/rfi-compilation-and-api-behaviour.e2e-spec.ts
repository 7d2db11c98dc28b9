import { randomUUID } from 'node:crypto';
import { appsForFile } from './support/apps-for-file';
import { as } from './support/api';
import { RfiBody, fileRfi, newRfi } from './support/rfi-fixtures';

jest.setTimeout(240_000);

appsForFile('rfi-service', 'deployment-service', 'knowledge-exchange-service');

describe('compilation and similar requests', () => {
  it('shows every response side by side, each as far as its releasability allows', async () => {
    const rfi = await fileRfi('fp-pak', { channel: 'MULTILATERAL', targetParties: ['SRB', 'HUN'] });
    const routed = await as<RfiBody>('secretariat', 'POST', `/rfis/${rfi.id}/route`, {
      json: { recipients: [{ party: 'SRB' }, { party: 'HUN' }] },
    });
    expect(routed.status).toBe(200);
    await as('fp-srb', 'POST', `/rfis/${rfi.id}/messages`, {
      json: { kind: 'RESPONSE', body: 'For Pakistan only.', handlingCode: 'H2' },
    });
    await as('fp-hun', 'POST', `/rfis/${rfi.id}/messages`, {
      json: {
        kind: 'RESPONSE',
        body: 'For everyone involved.',
        handlingCode: 'H0',
        releasability: 'ALL_PARTIES',
      },
    });
    type Compilation = {
      recipients: {
        recipientParty: string;
        status: string;
        responses: { body: string | null; bodyWithheld: boolean }[];
      }[];
    };
    const bodies = (c: Compilation) =>
      Object.fromEntries(
        c.recipients.map((r) => [r.recipientParty, r.responses.map((m) => m.body)]),
      );
    const forRequester = await as<Compilation>('fp-pak', 'GET', `/rfis/${rfi.id}/compilation`);
    expect(bodies(forRequester.body)).toEqual({
      SRB: ['For Pakistan only.'],
      HUN: ['For everyone involved.'],
    });
    const forSecretariat = await as<Compilation>(
      'secretariat',
      'GET',
      `/rfis/${rfi.id}/compilation`,
    );
    expect(bodies(forSecretariat.body)).toEqual({ SRB: [null], HUN: ['For everyone involved.'] });
    expect(forSecretariat.body.recipients.every((r) => r.status === 'RESPONDED')).toBe(true);
  });

  it('suggests earlier requests the caller may see that share topics or words', async () => {
    const word = `Kapitan${randomUUID().slice(0, 6)}`;
    const earlier = await fileRfi('fp-pak', {
      title: `Network of ${word} in the Balkans`,
      topics: ['TRAFFICKING_IN_HUMAN_BEINGS'],
    });
    const elsewhere = await fileRfi('fp-aut', {
      title: `Network of ${word} seen in Austria`,
      targetParties: ['DEU'],
    });
    const current = await fileRfi('fp-pak', { title: `${word} again`, topics: ['LEGAL_PATHWAYS'] });
    const similar = await as<{ items: { id: string }[] }>(
      'fp-pak',
      'GET',
      `/rfis/${current.id}/similar`,
    );
    const ids = similar.body.items.map((i) => i.id);
    expect(ids).toContain(earlier.id);
    expect(ids).not.toContain(elsewhere.id);
    expect(ids).not.toContain(current.id);
  });
});

describe('API behaviour', () => {
  it('replays the same resource for a repeated Idempotency-Key', async () => {
    const key = randomUUID();
    const first = await as<RfiBody>('fp-pak', 'POST', '/rfis', {
      json: newRfi(),
      headers: { 'idempotency-key': key },
    });
    const again = await as<RfiBody>('fp-pak', 'POST', '/rfis', {
      json: newRfi(),
      headers: { 'idempotency-key': key },
    });
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.body.id).toBe(first.body.id);
    expect(again.body.reference).toBe(first.body.reference);
    const reused = await as('fp-pak', 'POST', '/rfis', {
      json: newRfi({ title: 'Another request' }),
      headers: { 'idempotency-key': key },
    });
    expect(reused.status).toBe(409);
  });

  it('answers a stale If-Match with 412 and a current one with the change and a new ETag', async () => {
    const rfi = await fileRfi();
    const read = await as('fp-pak', 'GET', `/rfis/${rfi.id}`);
    const etag = read.headers.get('etag')!;
    expect(etag).toBe(`"${rfi.version}"`);
    await as('fp-srb', 'POST', `/rfis/${rfi.id}/assignments/${rfi.assignments[0]!.id}/acknowledge`);
    const stale = await as<{ status: number }>('fp-pak', 'POST', `/rfis/${rfi.id}/close`, {
      json: {},
      headers: { 'if-match': etag },
    });
    expect(stale.status).toBe(412);
    const current = (await as('fp-pak', 'GET', `/rfis/${rfi.id}`)).headers.get('etag')!;
    const closed = await as('fp-pak', 'POST', `/rfis/${rfi.id}/close`, {
      json: {},
      headers: { 'if-match': current },
    });
    expect(closed.status).toBe(200);
    expect(closed.headers.get('etag')).not.toBe(current);
  });

  it.each([
    [
      'malformed JSON',
      400,
      { body: '{"title": ', headers: { 'content-type': 'application/json' } },
    ],
    ['an unknown field', 400, { json: newRfi({ secret: true }) }],
    ['an unknown topic', 400, { json: newRfi({ topics: ['WEATHER'] }) }],
    ['an unknown party', 400, { json: newRfi({ targetParties: ['XYZ'] }) }],
    [
      'a bilateral request to two parties',
      400,
      { json: newRfi({ targetParties: ['SRB', 'HUN'] }) },
    ],
    ['a wrong enumeration', 400, { json: newRfi({ priority: 'ASAP' }) }],
    ['an oversized body', 413, { json: newRfi({ question: 'x'.repeat(300_000) }) }],
  ])('refuses %s with %i problem+json, never 500', async (_, status, options) => {
    const result = await as<{ status: number; errors?: unknown[] }>(
      'fp-pak',
      'POST',
      '/rfis',
      options,
    );
    expect(result.status).toBe(status);
    expect(result.headers.get('content-type')).toContain('application/problem+json');
    expect(result.body.status).toBe(status);
  });

  it('names the fields at fault', async () => {
    const result = await as<{ errors: { field: string }[] }>('fp-pak', 'POST', '/rfis', {
      json: newRfi({ topics: ['WEATHER'], targetParties: ['XYZ'] }),
    });
    expect(result.body.errors.map((e) => e.field).sort()).toEqual([
      'targetParties[0]',
      'topics[0]',
    ]);
  });

  it('pages through lists with an opaque cursor', async () => {
    for (let i = 0; i < 3; i += 1) await fileRfi('fp-bgd', { targetParties: ['TUR'] });
    const first = await as<{ items: { id: string }[]; nextCursor: string }>(
      'fp-bgd',
      'GET',
      '/rfis?limit=2',
    );
    expect(first.body.items).toHaveLength(2);
    const second = await as<{ items: { id: string }[] }>(
      'fp-bgd',
      'GET',
      `/rfis?limit=2&cursor=${first.body.nextCursor}`,
    );
    expect(second.body.items.length).toBeGreaterThanOrEqual(1);
    expect(second.body.items.map((i) => i.id)).not.toContain(first.body.items[0]!.id);
    expect((await as('fp-bgd', 'GET', '/rfis?cursor=garbage')).status).toBe(400);
    expect((await as('fp-bgd', 'GET', '/rfis?limit=1000')).status).toBe(400);
  });

  it('answers ids that are not UUIDs with 400 and unknown ones with 404', async () => {
    expect((await as('fp-pak', 'GET', '/rfis/not-a-uuid')).status).toBe(400);
    expect((await as('fp-pak', 'GET', `/rfis/${randomUUID()}`)).status).toBe(404);
  });
});
