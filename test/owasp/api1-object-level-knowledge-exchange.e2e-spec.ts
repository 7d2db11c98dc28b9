import { HttpResult } from '../support/http';
import { appsForFile } from '../support/apps-for-file';
import { registerOfficer } from '../support/deployment-fixtures';
import { officerAccount } from '../support/officer-fixtures';
import { RecordedAnswers } from '../support/recorded-answers';
import { Json, items } from '../support/listed-items';
import { keysIn, needWithOffers, userIdsOf } from '../support/need-to-know-scenes';

jest.setTimeout(300_000);

describe('API1: broken object level authorization (deployments, officers, knowledge exchange)', () => {
  appsForFile('deployment-service', 'knowledge-exchange-service');

  describe('knowledge exchange', () => {
    const recorded = new RecordedAnswers();
    const get = (user: string, path: string) => recorded.get(user, path);
    const post = (user: string, path: string, json: unknown) => recorded.post(user, path, json);
    const partiesOfOffers = (body: Json) =>
      (body.offers as Json[] | undefined)?.map((o) => o.party);
    let officerUser: string;

    beforeAll(async () => {
      officerUser = await officerAccount(
        (await registerOfficer('fp-pak', 'PAK', 'Kamal Market')).id,
      );
    });

    it('shows the offers on a need to its owner and the secretariat, to each offering party its own, and to nobody else, not even their number', async () => {
      const need = await needWithOffers();
      const path = `/knowledge-exchanges/${need.id}`;
      const before = await get('fp-srb', path);
      for (const user of ['fp-aut', 'fp-ita']) {
        await post(user, `${path}/offers`, { description: `${user} hosts` });
      }
      const seen: Record<string, HttpResult<Json>> = {};
      for (const user of ['fp-mkd', 'secretariat', 'fp-aut', 'fp-ita', 'fp-srb', officerUser])
        seen[user] = await get(user, path);
      expect(partiesOfOffers(seen['fp-mkd']!.body)).toEqual(['AUT', 'ITA']);
      expect(partiesOfOffers(seen.secretariat!.body)).toEqual(['AUT', 'ITA']);
      expect(partiesOfOffers(seen['fp-aut']!.body)).toEqual(['AUT']);
      expect(partiesOfOffers(seen['fp-ita']!.body)).toEqual(['ITA']);
      expect(seen['fp-srb']!.body).not.toHaveProperty('offers');
      // Two offers later, a third party's answer and ETag are what they were.
      expect(seen['fp-srb']!.body).toEqual(before.body);
      expect(seen['fp-srb']!.headers.get('etag')).toBe(before.headers.get('etag'));
      expect(seen[officerUser]!.body).toEqual(before.body);
      expect(seen['fp-mkd']!.body.version).toBe(Number(before.body.version) + 2);
      expect((await get('admin', path)).status).toBe(403);

      for (const [user, parties] of [
        ['fp-srb', undefined],
        ['fp-aut', ['AUT']],
        ['fp-mkd', ['AUT', 'ITA']],
      ] as const) {
        const listed = await get(user, `/knowledge-exchanges?q=${need.word}`);
        const item = items(listed).find((e) => e.id === need.id)!;
        expect([user, partiesOfOffers(item)]).toEqual([user, parties]);
      }
    });

    it('keeps the match and the schedule with the two parties and the secretariat until the outcome is public', async () => {
      const need = await needWithOffers('fp-aut', 'fp-ita');
      const path = `/knowledge-exchanges/${need.id}`;
      await post('fp-mkd', `${path}/match`, { offerId: need.offerIds['fp-aut'] });
      await post('fp-aut', `${path}/schedule`, {
        startsOn: '2031-09-14',
        endsOn: '2031-09-16',
        location: 'Vienna',
        online: false,
      });
      const third = await get('fp-srb', path);
      const loser = await get('fp-ita', path);
      expect(third.body.status).toBe('SCHEDULED');
      for (const key of [
        'partnerParty',
        'matchedOfferId',
        'matchedOfferExchangeId',
        'schedule',
        'offers',
      ])
        expect(Object.keys(third.body)).not.toContain(key);
      expect(keysIn(loser.body)).not.toContain('partnerParty');
      expect(keysIn(loser.body)).not.toContain('schedule');
      expect(loser.body.offers).toEqual([
        expect.objectContaining({ party: 'ITA', status: 'NOT_CHOSEN' }),
      ]);
      for (const user of ['fp-mkd', 'fp-aut', 'secretariat'])
        expect([user, (await get(user, path)).body]).toEqual([
          user,
          expect.objectContaining({
            partnerParty: 'AUT',
            schedule: expect.objectContaining({ location: 'Vienna' }),
          }),
        ]);

      // Moving the schedule changes nothing a third party may see, not even the ETag.
      await post('fp-aut', `${path}/schedule`, {
        startsOn: '2031-09-15',
        endsOn: '2031-09-17',
        location: 'Graz',
        online: false,
      });
      const moved = await get('fp-srb', path);
      expect(moved.body).toEqual(third.body);
      expect(moved.headers.get('etag')).toBe(third.headers.get('etag'));

      // Filtering by the partner does not tell a third party who was matched.
      const byPartner = `/knowledge-exchanges?party=AUT&q=${need.word}`;
      expect(items(await get('fp-srb', byPartner)).map((e) => e.id)).toEqual([]);
      expect(items(await get('fp-mkd', byPartner)).map((e) => e.id)).toEqual([need.id]);

      await post('fp-mkd', `${path}/complete`, {
        outcomeSummary: `A one-stop referral desk ${need.word}`,
        lessonsLearned: ['One case manager per returnee'],
        evaluation: { rating: 5, comment: 'Our hosts were tired on day three' },
      });
      const done = await get('fp-srb', path);
      expect(done.body).toMatchObject({ status: 'COMPLETED', partnerParty: 'AUT' });
      expect(done.body.outcome).toEqual({
        summary: `A one-stop referral desk ${need.word}`,
        lessonsLearned: ['One case manager per returnee'],
        rating: 5,
        completedAt: expect.any(String),
      });
      expect(keysIn(done.body)).not.toContain('schedule');
      expect((await get('fp-aut', path)).body.outcome).toMatchObject({
        comment: 'Our hosts were tired on day three',
      });
      expect(items(await get('fp-srb', byPartner)).map((e) => e.id)).toEqual([need.id]);
      const base = await get('fp-srb', `/knowledge-base?q=${need.word}`);
      expect(base.body.items).toEqual([
        expect.objectContaining({ id: need.id, parties: ['MKD', 'AUT'] }),
      ]);
      expect(JSON.stringify(base.body)).not.toContain('tired on day three');
      expect((await get('admin', `/knowledge-base?q=${need.word}`)).status).toBe(403);
    });

    it('gives the cancellation reason to the parties and the secretariat only', async () => {
      const need = await needWithOffers('fp-aut');
      const path = `/knowledge-exchanges/${need.id}`;
      await post('fp-mkd', `${path}/cancel`, { reason: 'Our minister changed' });
      expect((await get('fp-srb', path)).body.status).toBe('CANCELLED');
      expect(keysIn((await get('fp-srb', path)).body)).not.toContain('cancelReason');
      expect(keysIn((await get('fp-aut', path)).body)).not.toContain('cancelReason');
      expect((await get('secretariat', path)).body.cancelReason).toBe('Our minister changed');
    });

    it('has no user id in any answer', async () => {
      const ids = await userIdsOf(
        'fp-mkd',
        'fp-aut',
        'fp-ita',
        'fp-srb',
        'secretariat',
        officerUser,
      );
      const text = JSON.stringify(recorded.bodies);
      expect(recorded.bodies.length).toBeGreaterThan(20);
      for (const id of ids) expect(text).not.toContain(id);
      expect(keysIn(recorded.bodies).filter((key) => /by$|userid|user_id/i.test(key))).toEqual([]);
    });
  });
});
