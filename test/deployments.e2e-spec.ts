import { randomUUID } from 'node:crypto';
import { apps } from './support/test-env';
import { as } from './support/api';
import {
  DeploymentBody,
  activePosting,
  isoDay,
  registerOfficer,
} from './support/deployment-fixtures';

jest.setTimeout(180_000);

describe('liaison officer deployments through the gateway', () => {
  beforeAll(async () => {
    await apps.start('deployment-service');
    await apps.start('gateway');
  });
  afterAll(() => apps.release('gateway', 'deployment-service'));

  it('proposes, approves and activates a posting, lists and covers it, and recalls it', async () => {
    const officer = await registerOfficer('fp-pak', 'PAK', 'Imran Qureshi');
    expect(
      (
        await as('fp-srb', 'POST', '/officers', {
          json: {
            fullName: 'X Y',
            sendingParty: 'PAK',
            agency: 'FIA',
            languages: [],
            expertise: [],
            email: 'x@example.org',
          },
        })
      ).status,
    ).toBe(403);

    const future = await as<DeploymentBody>('fp-pak', 'POST', '/deployments', {
      json: {
        officerId: officer.id,
        hostParty: 'TUR',
        postingCity: 'Istanbul',
        mandateTopics: ['SMUGGLING_OF_MIGRANTS'],
        startDate: isoDay(30),
        endDate: isoDay(200),
      },
    });
    expect(future.status).toBe(201);
    expect(future.body.status).toBe('PROPOSED');
    expect((await as('fp-pak', 'POST', `/deployments/${future.body.id}/approve`)).status).toBe(403);
    expect(
      (await as<DeploymentBody>('fp-tur', 'POST', `/deployments/${future.body.id}/approve`)).body
        .status,
    ).toBe('APPROVED');

    const overlapping = await as('fp-pak', 'POST', '/deployments', {
      json: {
        officerId: officer.id,
        hostParty: 'SRB',
        postingCity: 'Belgrade',
        mandateTopics: [],
        startDate: isoDay(100),
        endDate: isoDay(300),
      },
    });
    expect(overlapping.status).toBe(409);

    /** The sender asks to move the end date; the PENDING extension it made. */
    const askForExtension = async () => {
      const asked = await as<DeploymentBody>(
        'fp-pak',
        'POST',
        `/deployments/${future.body.id}/extensions`,
        { json: { endDate: isoDay(250) } },
      );
      expect(asked.status).toBe(201);
      return asked.body.extensions.find((e) => e.status === 'PENDING')!;
    };
    // The host may refuse it (the sending side may not): the end date stays, and the sender may
    // ask again, since only a PENDING extension blocks another.
    const first = await askForExtension();
    const refusePath = `/deployments/${future.body.id}/extensions/${first.id}/refuse`;
    expect((await as('fp-pak', 'POST', refusePath)).status).toBe(403);
    const refused = await as<DeploymentBody>('fp-tur', 'POST', refusePath);
    expect(refused.status).toBe(200);
    expect(refused.body.endDate).toBe(isoDay(200));
    expect(refused.body.extensions.find((e) => e.id === first.id)?.status).toBe('REFUSED');
    expect((await as('fp-tur', 'POST', refusePath)).status).toBe(409);
    expect(
      (
        await as(
          'fp-tur',
          'POST',
          `/deployments/${future.body.id}/extensions/${randomUUID()}/refuse`,
        )
      ).status,
    ).toBe(404);
    const pending = await askForExtension();
    const extended = await as<DeploymentBody>(
      'fp-tur',
      'POST',
      `/deployments/${future.body.id}/extensions/${pending.id}/approve`,
    );
    expect(extended.body.endDate).toBe(isoDay(250));
    expect(
      (
        await as<DeploymentBody>('secretariat', 'POST', `/deployments/${future.body.id}/cancel`, {
          json: {},
        })
      ).body.status,
    ).toBe('CANCELLED');

    const { deployment } = await activePosting('PAK', 'IRN');
    const active = await as<{ items: { id: string }[] }>(
      'fp-srb',
      'GET',
      `/deployments?status=ACTIVE&hostParty=IRN&activeOn=${isoDay(1)}&limit=100`,
    );
    expect(active.body.items.map((d) => d.id)).toContain(deployment.id);

    const coverage = await as<{
      pairs: { sendingParty: string; hostParty: string }[];
      uncovered: string[];
    }>('fp-srb', 'GET', '/coverage?route=SILK_ROUTES_WESTERN_BALKANS');
    expect(coverage.body.pairs).toContainEqual(
      expect.objectContaining({ sendingParty: 'PAK', hostParty: 'IRN' }),
    );
    expect(coverage.body.uncovered).not.toContain('IRN');
    expect(coverage.body.uncovered).toContain('AFG');
    expect((await as('fp-srb', 'GET', '/coverage?route=NOWHERE')).status).toBe(404);

    expect(
      (await as('fp-pak', 'POST', `/deployments/${deployment.id}/recall`, { json: { reason: '' } }))
        .status,
    ).toBe(400);
    const recalled = await as<DeploymentBody & { endReason: string }>(
      'fp-pak',
      'POST',
      `/deployments/${deployment.id}/recall`,
      { json: { reason: 'Needed at home' } },
    );
    expect(recalled.body).toMatchObject({ status: 'ENDED', endReason: 'RECALLED' });
  });

  it.each([
    ['an end before the start', { startDate: isoDay(10), endDate: isoDay(5) }, 400],
    ['a start in the past', { startDate: isoDay(-3), endDate: isoDay(5) }, 400],
    ['a day that does not exist', { startDate: '2031-02-30', endDate: '2031-03-30' }, 400],
    ['an unknown host', { hostParty: 'XXX' }, 400],
  ])('refuses %s', async (_, overrides, status) => {
    const officer = await registerOfficer();
    const result = await as('fp-pak', 'POST', '/deployments', {
      json: {
        officerId: officer.id,
        hostParty: 'SRB',
        postingCity: 'Belgrade',
        mandateTopics: [],
        startDate: isoDay(10),
        endDate: isoDay(20),
        ...overrides,
      },
    });
    expect(result.status).toBe(status);
    expect(result.headers.get('content-type')).toContain('application/problem+json');
  });
});
