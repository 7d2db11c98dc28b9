import { randomUUID } from 'node:crypto';
import { appsForFile } from './support/apps-for-file';
import { HttpResult, http } from './support/http';
import { API, as } from './support/api';
import { RfiBody, fileRfi, newRfi } from './support/rfi-fixtures';
import { activePosting } from './support/deployment-fixtures';
import { officerAccount, postingSeen } from './support/officer-fixtures';
import { MATRIX, Persona, uploadAs } from './support/rfi-route-matrix';

jest.setTimeout(240_000);

appsForFile('rfi-service', 'deployment-service', 'knowledge-exchange-service');

/** Officers' accounts are made in the matrix's beforeAll: PAK→SRB on post, AUT→HUN on post, PAK→SRB recalled. */
const PERSONAS: Record<Persona, string> = {
  requester: 'fp-pak',
  recipient: 'fp-srb',
  unrelated: 'fp-hun',
  secretariatFull: 'secretariat',
  secretariatMetadataOnly: 'secretariat',
  officerOwnPair: '',
  officerOtherPair: '',
  officerRecalled: '',
};

/** Routes covered outside the table: filing (no RFI yet) and the list, checked below for leaks. */
const COVERED_ELSEWHERE = ['POST /rfis', 'GET /rfis'];

describe('need to know: every RFI route × every kind of caller', () => {
  beforeAll(async () => {
    const own = await activePosting('PAK', 'SRB');
    const other = await activePosting('AUT', 'HUN');
    const recalled = await activePosting('PAK', 'SRB');
    PERSONAS.officerOwnPair = await officerAccount(own.officerId);
    PERSONAS.officerOtherPair = await officerAccount(other.officerId);
    PERSONAS.officerRecalled = await officerAccount(recalled.officerId);
    await as('fp-pak', 'POST', `/deployments/${recalled.deployment.id}/recall`, {
      json: { reason: 'Back home' },
    });
    await postingSeen(own.deployment.id, 'ACTIVE');
    await postingSeen(other.deployment.id, 'ACTIVE');
    await postingSeen(recalled.deployment.id, 'ENDED');
  });

  it('covers every RFI route the gateway documents', async () => {
    const docs = await http<{ paths: Record<string, Record<string, unknown>> }>(
      `${API.replace('/api/v1', '')}/api/docs-json`,
    );
    const documented = Object.entries(docs.body.paths)
      .filter(([path]) => path.startsWith('/api/v1/rfis'))
      .flatMap(([path, methods]) =>
        Object.keys(methods).map((m) => `${m.toUpperCase()} ${path.replace('/api/v1', '')}`),
      );
    const tested = [...MATRIX.map((c) => `${c.method} ${c.path}`), ...COVERED_ELSEWHERE];
    expect(documented.sort()).toEqual(tested.sort());
    // Every documented RFI operation shows an example of its successful answer.
    for (const [path, methods] of Object.entries(docs.body.paths).filter(([p]) =>
      p.startsWith('/api/v1/rfis'),
    )) {
      for (const [method, operation] of Object.entries(
        methods as Record<
          string,
          {
            responses: Record<
              string,
              { content?: Record<string, { schema?: { example?: unknown }; example?: unknown }> }
            >;
          }
        >,
      )) {
        const success = Object.entries(operation.responses).find(([status]) =>
          status.startsWith('2'),
        );
        const json = success?.[1].content?.['application/json'];
        // A download's answer is the file itself, as its own type: no example to show.
        if (success?.[1].content && !json) continue;
        expect([`${method} ${path}`, json?.schema?.example ?? json?.example]).toEqual([
          `${method} ${path}`,
          expect.anything(),
        ]);
      }
    }
  });

  const cells = MATRIX.flatMap((route) =>
    (Object.keys(PERSONAS) as Persona[]).map(
      (persona) => [`${route.method} ${route.path}`, persona, route] as const,
    ),
  );
  it.each(cells)('%s as %s', async (_, persona, route) => {
    const access = persona === 'secretariatMetadataOnly' ? 'METADATA_ONLY' : 'FULL';
    const rfi = await fileRfi(
      'fp-pak',
      route.setup === 'multilateral'
        ? { channel: 'MULTILATERAL', targetParties: ['SRB'], secretariatAccess: access }
        : { secretariatAccess: access },
    );
    const { path, json, file } = route.call(rfi, route.prepare ? await route.prepare(rfi) : {});
    const result = (
      file
        ? await uploadAs(PERSONAS[persona], path, file)
        : await as(PERSONAS[persona], route.method, path, { json })
    ) as HttpResult<{ question?: string | null; items?: { body: string | null }[] }>;
    expect(result.status).toBe(route.expected[persona]);
    if (result.status === 404 || result.status === 403)
      expect(result.headers.get('content-type')).toContain('application/problem+json');
    if (persona === 'secretariatMetadataOnly' && route.path === '/rfis/{id}')
      expect(result.body.question).toBeNull();
    if (persona === 'secretariatFull' && route.path === '/rfis/{id}')
      expect(result.body.question).toContain('facilitators');
  });

  it('keeps requests out of lists, counts and searches of parties that may not see them', async () => {
    const word = `zx${randomUUID().slice(0, 8)}`;
    const rfi = await fileRfi('fp-pak', { title: `Route case ${word}` });
    const hidden = await fileRfi('fp-pak', {
      title: `Metadata case ${word}`,
      question: `secret ${word}x`,
      secretariatAccess: 'METADATA_ONLY',
    });
    const search = async (user: string, q: string) =>
      (await as<{ items: { id: string }[] }>(user, 'GET', `/rfis?q=${q}&limit=100`)).body.items.map(
        (i) => i.id,
      );
    expect(await search('fp-pak', word)).toEqual(expect.arrayContaining([rfi.id, hidden.id]));
    expect(await search('fp-srb', word)).toEqual(expect.arrayContaining([rfi.id, hidden.id]));
    expect(await search('fp-hun', word)).toEqual([]);
    expect(await search('admin', word)).toEqual([]);
    expect(await search(PERSONAS.officerOtherPair, word)).toEqual([]);
    expect(await search(PERSONAS.officerRecalled, word)).toEqual([]);
    expect(await search(PERSONAS.officerOwnPair, word)).toEqual(
      expect.arrayContaining([rfi.id, hidden.id]),
    );
    expect(await search('secretariat', word)).toEqual(expect.arrayContaining([rfi.id, hidden.id]));
    // The secretariat cannot find a METADATA_ONLY request by words of its question.
    expect(await search('secretariat', `${word}x`)).toEqual([]);
    expect(await search('fp-srb', `${word}x`)).toEqual([hidden.id]);
    const byParty = (
      await as<{ items: { id: string }[] }>('fp-hun', 'GET', '/rfis?party=PAK&limit=100')
    ).body.items.map((i) => i.id);
    expect(byParty).not.toContain(rfi.id);
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
