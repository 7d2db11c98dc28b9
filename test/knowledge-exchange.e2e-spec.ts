import { randomUUID } from 'node:crypto';
import { apps } from './support/test-env';
import { as } from './support/api';

jest.setTimeout(180_000);

interface ExchangeBody {
  id: string;
  status: string;
  partnerParty: string | null;
  offers: { id: string; party: string; status: string }[];
}

const need = (overrides: Record<string, unknown> = {}) => ({
  kind: 'NEED',
  type: 'STUDY_VISIT',
  topics: ['REINTEGRATION'],
  title: 'Study visit on reintegration referral systems',
  description:
    'We would like to see how returnees are referred to health, psycho-social and job services.',
  format: 'IN_PERSON',
  preferredFrom: '2026-09-01',
  preferredTo: '2026-10-31',
  ...overrides,
});

describe('knowledge exchange through the gateway', () => {
  beforeAll(async () => {
    await apps.start('knowledge-exchange-service');
    await apps.start('gateway');
  });
  afterAll(() => apps.release('gateway', 'knowledge-exchange-service'));

  it('takes a study visit on reintegration from need to the knowledge base', async () => {
    const word = `kiosk${randomUUID().slice(0, 6)}`;
    const posted = await as<ExchangeBody>('fp-mkd', 'POST', '/knowledge-exchanges', {
      json: need(),
    });
    expect(posted.status).toBe(201);
    expect(posted.body.status).toBe('OPEN');
    const id = posted.body.id;

    expect(
      (
        await as('fp-mkd', 'POST', `/knowledge-exchanges/${id}/offers`, {
          json: { description: 'Ourselves' },
        })
      ).status,
    ).toBe(403);
    const offered = await as<ExchangeBody>('fp-aut', 'POST', `/knowledge-exchanges/${id}/offers`, {
      json: {
        description: 'We host a three-day visit to our reintegration centre in Vienna.',
        proposedFrom: '2026-09-14',
        proposedTo: '2026-09-16',
      },
    });
    expect(offered.status).toBe(201);
    const offer = offered.body.offers.find((o) => o.party === 'AUT')!;

    const matched = await as<ExchangeBody>(
      'secretariat',
      'POST',
      `/knowledge-exchanges/${id}/match`,
      { json: { offerId: offer.id } },
    );
    expect(matched.body).toMatchObject({ status: 'MATCHED', partnerParty: 'AUT' });
    expect(
      (
        await as('fp-swe', 'POST', `/knowledge-exchanges/${id}/schedule`, {
          json: { startsOn: '2026-09-14', endsOn: '2026-09-16', location: 'Vienna', online: false },
        })
      ).status,
    ).toBe(403);
    const scheduled = await as<ExchangeBody>(
      'fp-aut',
      'POST',
      `/knowledge-exchanges/${id}/schedule`,
      {
        json: { startsOn: '2026-09-14', endsOn: '2026-09-16', location: 'Vienna', online: false },
      },
    );
    expect(scheduled.body.status).toBe('SCHEDULED');
    const completed = await as<ExchangeBody>(
      'fp-mkd',
      'POST',
      `/knowledge-exchanges/${id}/complete`,
      {
        json: {
          outcomeSummary: `The delegation saw the one-stop referral ${word} and the digital case file at work.`,
          lessonsLearned: [
            'One case manager per returnee from arrival',
            'Share the case file with the municipality',
          ],
          evaluation: { rating: 5, comment: 'Practical and well prepared' },
        },
      },
    );
    expect(completed.body.status).toBe('COMPLETED');

    const found = await as<{
      items: { id: string; outcomeSummary: string; lessonsLearned: string[]; parties: string[] }[];
    }>('fp-srb', 'GET', `/knowledge-base?q=${word}`);
    expect(found.body.items.map((i) => i.id)).toEqual([id]);
    expect(found.body.items[0]).toMatchObject({
      parties: ['MKD', 'AUT'],
      lessonsLearned: expect.arrayContaining(['One case manager per returnee from arrival']),
    });
    const byTopic = await as<{ items: { id: string }[] }>(
      'fp-srb',
      'GET',
      '/knowledge-base?topic=REINTEGRATION&limit=100',
    );
    expect(byTopic.body.items.map((i) => i.id)).toContain(id);
  });

  it('ranks a word in a title above the same word in a description', async () => {
    const word = `ranking${randomUUID().slice(0, 6)}`;
    const complete = async (by: string, partner: string, title: string, description: string) => {
      const posted = await as<ExchangeBody>(by, 'POST', '/knowledge-exchanges', {
        json: need({ title, description, type: 'CASE_STUDY' }),
      });
      const offered = await as<ExchangeBody>(
        partner,
        'POST',
        `/knowledge-exchanges/${posted.body.id}/offers`,
        { json: { description: 'We present it' } },
      );
      await as(by, 'POST', `/knowledge-exchanges/${posted.body.id}/match`, {
        json: { offerId: offered.body.offers[0]!.id },
      });
      await as(by, 'POST', `/knowledge-exchanges/${posted.body.id}/schedule`, {
        json: { startsOn: '2026-11-02', endsOn: '2026-11-02', online: true },
      });
      await as(by, 'POST', `/knowledge-exchanges/${posted.body.id}/complete`, {
        json: { outcomeSummary: 'Done', lessonsLearned: [], evaluation: { rating: 4 } },
      });
      return posted.body.id;
    };
    const inDescription = await complete(
      'fp-alb',
      'fp-ita',
      'Case study on community projects',
      `Mentions ${word} in passing.`,
    );
    const inTitle = await complete(
      'fp-bih',
      'fp-hrv',
      `Case study ${word} and its lessons`,
      'Nothing more.',
    );
    const found = await as<{ items: { id: string }[] }>(
      'fp-srb',
      'GET',
      `/knowledge-base?q=${word}`,
    );
    expect(found.body.items.map((i) => i.id)).toEqual([inTitle, inDescription]);
  });

  it('matches a need with a standing offer of another party', async () => {
    const standing = await as<ExchangeBody>('fp-deu', 'POST', '/knowledge-exchanges', {
      json: need({ kind: 'OFFER', title: 'We host study visits on digital tools for returnees' }),
    });
    const posted = await as<ExchangeBody>('fp-pak', 'POST', '/knowledge-exchanges', {
      json: need({ title: 'Digital tools for returnees' }),
    });
    const matched = await as<ExchangeBody>(
      'fp-pak',
      'POST',
      `/knowledge-exchanges/${posted.body.id}/match`,
      { json: { offerExchangeId: standing.body.id } },
    );
    expect(matched.body).toMatchObject({ status: 'MATCHED', partnerParty: 'DEU' });
    const listed = await as<{ items: { id: string }[] }>(
      'fp-srb',
      'GET',
      '/knowledge-exchanges?kind=OFFER&party=DEU&limit=100',
    );
    expect(listed.body.items.map((i) => i.id)).toContain(standing.body.id);
  });

  it.each([
    ['an unknown type', () => ({ path: '/knowledge-exchanges', json: need({ type: 'HOLIDAY' }) })],
    [
      'reversed preferred dates',
      () => ({
        path: '/knowledge-exchanges',
        json: need({ preferredFrom: '2026-10-31', preferredTo: '2026-09-01' }),
      }),
    ],
    [
      'an unknown topic',
      () => ({ path: '/knowledge-exchanges', json: need({ topics: ['WEATHER'] }) }),
    ],
  ])('refuses %s with 400 problem+json', async (_, make) => {
    const { path, json } = make();
    const result = await as<{ status: number }>('fp-mkd', 'POST', path, { json });
    expect(result.status).toBe(400);
    expect(result.headers.get('content-type')).toContain('application/problem+json');
  });

  it('refuses a rating out of range and a schedule that ends before it starts', async () => {
    const posted = await as<ExchangeBody>('fp-mkd', 'POST', '/knowledge-exchanges', {
      json: need(),
    });
    const offered = await as<ExchangeBody>(
      'fp-aut',
      'POST',
      `/knowledge-exchanges/${posted.body.id}/offers`,
      { json: { description: 'We host' } },
    );
    await as('secretariat', 'POST', `/knowledge-exchanges/${posted.body.id}/match`, {
      json: { offerId: offered.body.offers[0]!.id },
    });
    const reversed = await as('fp-mkd', 'POST', `/knowledge-exchanges/${posted.body.id}/schedule`, {
      json: { startsOn: '2026-09-16', endsOn: '2026-09-14', online: true },
    });
    expect(reversed.status).toBe(400);
    await as('fp-mkd', 'POST', `/knowledge-exchanges/${posted.body.id}/schedule`, {
      json: { startsOn: '2026-09-14', endsOn: '2026-09-16', online: true },
    });
    for (const rating of [0, 6, 2.5]) {
      const result = await as<{ errors: { field: string }[] }>(
        'fp-mkd',
        'POST',
        `/knowledge-exchanges/${posted.body.id}/complete`,
        {
          json: { outcomeSummary: 'x', lessonsLearned: [], evaluation: { rating } },
        },
      );
      expect(result.status).toBe(400);
      expect(result.body.errors.map((e) => e.field)).toContain('evaluation.rating');
    }
  });
});
