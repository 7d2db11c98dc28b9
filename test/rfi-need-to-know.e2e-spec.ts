import { randomUUID } from 'node:crypto';
import { appsForFile } from './support/apps-for-file';
import { http } from './support/http';
import { API, as } from './support/api';
import { fileRfi } from './support/rfi-fixtures';
import { activePosting } from './support/deployment-fixtures';
import { officerAccount, postingSeen } from './support/officer-fixtures';
import { MATRIX, Persona } from './support/rfi-route-matrix';

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
              { content?: Record<string, { schema?: { example?: unknown } }> }
            >;
          }
        >,
      )) {
        const success = Object.entries(operation.responses).find(([status]) =>
          status.startsWith('2'),
        );
        expect([
          `${method} ${path}`,
          success?.[1].content?.['application/json']?.schema?.example,
        ]).toEqual([`${method} ${path}`, expect.anything()]);
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
    const { path, json } = route.call(rfi);
    const result = await as<{ question?: string | null; items?: { body: string | null }[] }>(
      PERSONAS[persona],
      route.method,
      path,
      { json },
    );
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
