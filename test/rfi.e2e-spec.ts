import { randomUUID } from 'node:crypto';
import { apps } from './support/test-env';
import { http } from './support/http';
import { API, as } from './support/api';
import { RfiBody, fileRfi, newRfi } from './support/rfi-fixtures';
import { activePosting } from './support/deployment-fixtures';
import { officerAccount, postingSeen } from './support/officer-fixtures';
import { expectProblem } from './support/problem-assertions';

jest.setTimeout(240_000);

beforeAll(async () => {
  await apps.start('rfi-service', 'deployment-service', 'knowledge-exchange-service');
  await apps.start('gateway');
});
afterAll(() =>
  apps.stop('gateway', 'rfi-service', 'deployment-service', 'knowledge-exchange-service'),
);

describe('a bilateral request from filing to close', () => {
  it('is routed at once to the target, acknowledged, answered with grading, and closed by the requester', async () => {
    const rfi = await fileRfi('fp-pak', { priority: 'URGENT' });
    expect(rfi).toMatchObject({
      status: 'ROUTED',
      reference: expect.stringMatching(/^RFI-\d{4}-[0-9A-HJKMNP-TV-Z]{8}$/),
    });
    const [assignment] = rfi.assignments;
    expect(assignment).toMatchObject({ recipientParty: 'SRB', status: 'PENDING', overdue: false });
    expect(Date.parse(assignment!.dueAt) - Date.now()).toBeGreaterThan(7.9 * 3600_000);

    const received = await as<{ items: { id: string }[] }>(
      'fp-srb',
      'GET',
      '/rfis?box=received&limit=100',
    );
    expect(received.body.items.map((i) => i.id)).toContain(rfi.id);

    const ack = await as<RfiBody>(
      'fp-srb',
      'POST',
      `/rfis/${rfi.id}/assignments/${assignment!.id}/acknowledge`,
    );
    expect(ack.status).toBe(200);
    expect(ack.body.assignments[0]!.status).toBe('ACKNOWLEDGED');

    const answer = await as('fp-srb', 'POST', `/rfis/${rfi.id}/messages`, {
      json: {
        kind: 'RESPONSE',
        body: 'Two of the three are known to us.',
        handlingCode: 'H1',
        grading: { sourceReliability: 'B', accuracy: 2 },
      },
    });
    expect(answer.status).toBe(201);

    const thread = await as<{
      items: { kind: string; body: string; grading: unknown; releasability: string }[];
    }>('fp-pak', 'GET', `/rfis/${rfi.id}/messages`);
    expect(thread.body.items).toEqual([
      expect.objectContaining({
        kind: 'RESPONSE',
        body: 'Two of the three are known to us.',
        grading: { sourceReliability: 'B', accuracy: 2 },
        releasability: 'REQUESTER',
      }),
    ]);

    const closed = await as<RfiBody>('fp-pak', 'POST', `/rfis/${rfi.id}/close`, {
      json: { outcome: 'Answered' },
    });
    expect(closed.body.status).toBe('CLOSED');

    const history = await as<{ items: { action: string; actor: { username: string } | null }[] }>(
      'fp-pak',
      'GET',
      `/rfis/${rfi.id}/history`,
    );
    const actions = history.body.items.map((entry) => entry.action);
    expect(actions.filter((a) => a !== 'BODY_READ')).toEqual([
      'CREATED',
      'SUBMITTED',
      'ROUTED',
      'ACKNOWLEDGED',
      'RESPONDED',
      'CLOSED',
    ]);
    expect(actions).toContain('BODY_READ');
    expect(history.body.items.find((e) => e.action === 'ACKNOWLEDGED')?.actor?.username).toBe(
      'fp-srb',
    );
  });
});

/**
 * Refusals name what went wrong in a code clients branch on; a request or an assignment the caller
 * may not see answers the very code of one that does not exist, so the code tells nothing either.
 */
async function expectRefusalCodes(rfiId: string, declinedHunAssignment: string): Promise<void> {
  const again = await as(
    'fp-hun',
    'POST',
    `/rfis/${rfiId}/assignments/${declinedHunAssignment}/acknowledge`,
  );
  expect(expectProblem(again, 409).code).toBe('ASSIGNMENT.ALREADY_DECLINED');

  const notOwn = await as(
    'fp-srb',
    'POST',
    `/rfis/${rfiId}/assignments/${declinedHunAssignment}/acknowledge`,
  );
  const unknownAssignment = await as(
    'fp-srb',
    'POST',
    `/rfis/${rfiId}/assignments/${randomUUID()}/acknowledge`,
  );
  expect(expectProblem(notOwn, 404).code).toBe('ASSIGNMENT.NOT_FOUND');
  expect(expectProblem(unknownAssignment, 404).code).toBe('ASSIGNMENT.NOT_FOUND');

  const notTheirs = await as('fp-mkd', 'GET', `/rfis/${rfiId}`);
  const unknown = await as('fp-mkd', 'GET', `/rfis/${randomUUID()}`);
  expect(expectProblem(notTheirs, 404).code).toBe('RFI.NOT_FOUND');
  expect(expectProblem(unknown, 404).code).toBe('RFI.NOT_FOUND');
}

describe('a multilateral request routed by the secretariat', () => {
  it('goes to two of three suggested parties; one declines with a reason, one responds', async () => {
    const rfi = await fileRfi('fp-pak', {
      channel: 'MULTILATERAL',
      targetParties: ['SRB', 'HUN', 'MKD'],
      priority: 'LOW',
    });
    expect(rfi.status).toBe('SUBMITTED');
    expect((await as('fp-srb', 'GET', `/rfis/${rfi.id}`)).status).toBe(404);

    const routed = await as<RfiBody>('secretariat', 'POST', `/rfis/${rfi.id}/route`, {
      json: { recipients: [{ party: 'SRB' }, { party: 'HUN' }], note: 'The two transit countries' },
    });
    expect(routed.status).toBe(200);
    expect(routed.body.assignments.map((a) => a.recipientParty)).toEqual(['SRB', 'HUN']);
    expect((await as('fp-mkd', 'GET', `/rfis/${rfi.id}`)).status).toBe(404);

    const srbView = await as<RfiBody>('fp-srb', 'GET', `/rfis/${rfi.id}`);
    expect(srbView.body.assignments.map((a) => a.recipientParty)).toEqual(['SRB']);
    const hunAssignment = routed.body.assignments.find((a) => a.recipientParty === 'HUN')!;
    const srbAssignment = routed.body.assignments.find((a) => a.recipientParty === 'SRB')!;

    const noReason = await as(
      'fp-hun',
      'POST',
      `/rfis/${rfi.id}/assignments/${hunAssignment.id}/decline`,
      { json: { reason: '' } },
    );
    expect(expectProblem(noReason, 400)).toMatchObject({
      code: 'INPUT.INVALID',
      errors: [expect.objectContaining({ field: 'reason' })],
    });
    const declined = await as<RfiBody>(
      'fp-hun',
      'POST',
      `/rfis/${rfi.id}/assignments/${hunAssignment.id}/decline`,
      {
        json: { reason: 'No competence for this case' },
      },
    );
    expect(declined.body.assignments).toEqual([
      expect.objectContaining({ recipientParty: 'HUN', status: 'DECLINED' }),
    ]);
    await expectRefusalCodes(rfi.id, hunAssignment.id);

    await as('fp-srb', 'POST', `/rfis/${rfi.id}/messages`, {
      json: {
        kind: 'RESPONSE',
        body: 'Records attached.',
        handlingCode: 'H2',
        releasability: 'ALL_RECIPIENTS',
      },
    });
    const final = await as<RfiBody>('secretariat', 'GET', `/rfis/${rfi.id}`);
    expect(
      Object.fromEntries(final.body.assignments.map((a) => [a.recipientParty, a.status])),
    ).toEqual({ SRB: 'RESPONDED', HUN: 'DECLINED' });
    expect(srbAssignment.status).toBe('PENDING');

    // Hungary was a recipient: it sees the response released to all recipients.
    const hunThread = await as<{ items: { body: string }[] }>(
      'fp-hun',
      'GET',
      `/rfis/${rfi.id}/messages`,
    );
    expect(hunThread.body.items.map((m) => m.body)).toEqual(['Records attached.']);
  });

  it('stops the clock while a clarification is owed', async () => {
    const rfi = await fileRfi();
    const before = rfi.assignments[0]!;
    await as('fp-srb', 'POST', `/rfis/${rfi.id}/messages`, {
      json: { kind: 'CLARIFICATION_REQUEST', body: 'Which annex?', handlingCode: 'H0' },
    });
    const paused = await as<RfiBody>('fp-pak', 'GET', `/rfis/${rfi.id}`);
    expect(paused.body.assignments[0]!.clockPaused).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    await as('fp-pak', 'POST', `/rfis/${rfi.id}/messages`, {
      json: {
        kind: 'CLARIFICATION',
        body: 'Annex B.',
        handlingCode: 'H0',
        assignmentId: before.id,
      },
    });
    const resumed = await as<RfiBody>('fp-pak', 'GET', `/rfis/${rfi.id}`);
    expect(resumed.body.assignments[0]!.clockPaused).toBe(false);
    expect(
      Date.parse(resumed.body.assignments[0]!.dueAt) - Date.parse(before.dueAt),
    ).toBeGreaterThanOrEqual(1_000);
  });
});

type Persona =
  | 'requester'
  | 'recipient'
  | 'unrelated'
  | 'secretariatFull'
  | 'secretariatMetadataOnly'
  | 'officerOwnPair'
  | 'officerOtherPair'
  | 'officerRecalled';
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

interface RouteCase {
  method: 'GET' | 'POST';
  path: string;
  /** `multilateral`: submitted, awaiting the secretariat; otherwise bilateral PAK → SRB, routed. */
  setup?: 'multilateral';
  call: (rfi: RfiBody) => { path: string; json?: unknown };
  expected: Record<Persona, number>;
}

/** Every RFI route of the API, and what each kind of caller gets. */
const MATRIX: RouteCase[] = [
  {
    method: 'GET',
    path: '/rfis/{id}',
    call: (r) => ({ path: `/rfis/${r.id}` }),
    expected: {
      requester: 200,
      recipient: 200,
      unrelated: 404,
      secretariatFull: 200,
      secretariatMetadataOnly: 200,
      officerOwnPair: 200,
      officerOtherPair: 404,
      officerRecalled: 404,
    },
  },
  {
    method: 'GET',
    path: '/rfis/{id}/messages',
    call: (r) => ({ path: `/rfis/${r.id}/messages` }),
    expected: {
      requester: 200,
      recipient: 200,
      unrelated: 404,
      secretariatFull: 200,
      secretariatMetadataOnly: 200,
      officerOwnPair: 200,
      officerOtherPair: 404,
      officerRecalled: 404,
    },
  },
  {
    method: 'GET',
    path: '/rfis/{id}/history',
    call: (r) => ({ path: `/rfis/${r.id}/history` }),
    expected: {
      requester: 200,
      recipient: 200,
      unrelated: 404,
      secretariatFull: 200,
      secretariatMetadataOnly: 200,
      officerOwnPair: 200,
      officerOtherPair: 404,
      officerRecalled: 404,
    },
  },
  {
    method: 'GET',
    path: '/rfis/{id}/compilation',
    call: (r) => ({ path: `/rfis/${r.id}/compilation` }),
    expected: {
      requester: 200,
      recipient: 403,
      unrelated: 404,
      secretariatFull: 200,
      secretariatMetadataOnly: 200,
      officerOwnPair: 403,
      officerOtherPair: 404,
      officerRecalled: 404,
    },
  },
  {
    method: 'GET',
    path: '/rfis/{id}/similar',
    call: (r) => ({ path: `/rfis/${r.id}/similar` }),
    expected: {
      requester: 200,
      recipient: 200,
      unrelated: 404,
      secretariatFull: 200,
      secretariatMetadataOnly: 200,
      officerOwnPair: 200,
      officerOtherPair: 404,
      officerRecalled: 404,
    },
  },
  {
    method: 'POST',
    path: '/rfis/{id}/submit',
    call: (r) => ({ path: `/rfis/${r.id}/submit` }),
    expected: {
      requester: 409,
      recipient: 403,
      unrelated: 404,
      secretariatFull: 403,
      secretariatMetadataOnly: 403,
      officerOwnPair: 403,
      officerOtherPair: 404,
      officerRecalled: 404,
    },
  },
  {
    method: 'POST',
    path: '/rfis/{id}/route',
    setup: 'multilateral',
    call: (r) => ({ path: `/rfis/${r.id}/route`, json: { recipients: [{ party: 'SRB' }] } }),
    expected: {
      requester: 403,
      recipient: 403,
      unrelated: 403,
      secretariatFull: 200,
      secretariatMetadataOnly: 200,
      officerOwnPair: 403,
      officerOtherPair: 403,
      officerRecalled: 403,
    },
  },
  {
    method: 'POST',
    path: '/rfis/{id}/reject',
    setup: 'multilateral',
    call: (r) => ({ path: `/rfis/${r.id}/reject`, json: { reason: 'Out of scope' } }),
    expected: {
      requester: 403,
      recipient: 403,
      unrelated: 403,
      secretariatFull: 200,
      secretariatMetadataOnly: 200,
      officerOwnPair: 403,
      officerOtherPair: 403,
      officerRecalled: 403,
    },
  },
  {
    method: 'POST',
    path: '/rfis/{id}/withdraw',
    call: (r) => ({ path: `/rfis/${r.id}/withdraw`, json: {} }),
    expected: {
      requester: 200,
      recipient: 403,
      unrelated: 404,
      secretariatFull: 403,
      secretariatMetadataOnly: 403,
      officerOwnPair: 403,
      officerOtherPair: 404,
      officerRecalled: 404,
    },
  },
  {
    method: 'POST',
    path: '/rfis/{id}/close',
    call: (r) => ({ path: `/rfis/${r.id}/close`, json: {} }),
    expected: {
      requester: 200,
      recipient: 403,
      unrelated: 404,
      secretariatFull: 200,
      secretariatMetadataOnly: 200,
      officerOwnPair: 403,
      officerOtherPair: 404,
      officerRecalled: 404,
    },
  },
  {
    method: 'POST',
    path: '/rfis/{id}/assignments/{aid}/acknowledge',
    call: (r) => ({ path: `/rfis/${r.id}/assignments/${r.assignments[0]!.id}/acknowledge` }),
    expected: {
      requester: 403,
      recipient: 200,
      unrelated: 404,
      secretariatFull: 403,
      secretariatMetadataOnly: 403,
      // Not the officer's assignment, and not one it can see: it does not exist for them.
      officerOwnPair: 404,
      officerOtherPair: 404,
      officerRecalled: 404,
    },
  },
  {
    method: 'POST',
    path: '/rfis/{id}/assignments/{aid}/decline',
    call: (r) => ({
      path: `/rfis/${r.id}/assignments/${r.assignments[0]!.id}/decline`,
      json: { reason: 'Not ours' },
    }),
    expected: {
      requester: 403,
      recipient: 200,
      unrelated: 404,
      secretariatFull: 403,
      secretariatMetadataOnly: 403,
      officerOwnPair: 404,
      officerOtherPair: 404,
      officerRecalled: 404,
    },
  },
  {
    method: 'POST',
    path: '/rfis/{id}/messages',
    call: (r) => ({
      path: `/rfis/${r.id}/messages`,
      json: { kind: 'RESPONSE', body: 'Answer', handlingCode: 'H0' },
    }),
    expected: {
      requester: 403,
      recipient: 201,
      unrelated: 404,
      secretariatFull: 403,
      secretariatMetadataOnly: 403,
      officerOwnPair: 201,
      officerOtherPair: 404,
      officerRecalled: 404,
    },
  },
];

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
