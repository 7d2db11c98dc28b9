import { randomUUID } from 'node:crypto';
import { appsForFile } from './support/apps-for-file';
import { as } from './support/api';
import { RfiBody, fileRfi } from './support/rfi-fixtures';
import { expectProblem } from './support/problem-assertions';

jest.setTimeout(240_000);

appsForFile('rfi-service', 'deployment-service', 'knowledge-exchange-service');

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
