import { apps } from '../support/test-env';
import { as } from '../support/api';
import { HttpResult } from '../support/http';
import { isoDay, registerOfficer } from '../support/deployment-fixtures';
import { officerAccount } from '../support/officer-fixtures';
import { RecordedAnswers } from '../support/recorded-answers';
import { OFFICER_CONTACT as CONTACT, POSTING_DETAILS } from '../support/view-fields';
import {
  PostingScene,
  keysIn,
  needWithOffers,
  postingScene,
  userIdsOf,
} from '../support/need-to-know-scenes';

jest.setTimeout(300_000);

type Json = Record<string, unknown>;
const items = (answer: HttpResult<Json>) => answer.body.items as Json[];
const COVERAGE = '/coverage?route=SILK_ROUTES_WESTERN_BALKANS';

describe('API1: broken object level authorization (deployments, officers, knowledge exchange)', () => {
  beforeAll(async () => {
    await apps.start('deployment-service', 'knowledge-exchange-service');
    await apps.start('gateway');
  });
  afterAll(() => apps.stop('gateway', 'deployment-service', 'knowledge-exchange-service'));

  describe('officers and postings', () => {
    let scene: PostingScene;
    let cast: Record<string, string>;
    const get = (who: string, path: string) => as<Json>(cast[who] ?? who, 'GET', path);

    beforeAll(async () => {
      scene = await postingScene();
      cast = {
        sender: 'fp-pak',
        host: 'fp-srb',
        unrelated: 'fp-hun',
        officer: scene.officerUser,
        secretariat: 'secretariat',
        admin: 'admin',
      };
    });

    it("gives an officer's contact details to the sender, the host, the officer and the secretariat only", async () => {
      const full = (await get('sender', `/officers/${scene.officerId}`)).body;
      expect(full).toMatchObject({
        rank: 'Inspector',
        phone: '+92 51 111 2222',
        email: expect.stringContaining('@fia.example.org'),
        contactWithheld: false,
      });
      for (const who of ['host', 'officer', 'secretariat'])
        expect([who, (await get(who, `/officers/${scene.officerId}`)).body]).toEqual([who, full]);
      const { rank: _r, email: _e, phone: _p, ...shared } = full;
      for (const who of ['unrelated', 'admin']) {
        const seen = await get(who, `/officers/${scene.officerId}`);
        expect([who, seen.status, seen.body]).toEqual([
          who,
          200,
          { ...shared, contactWithheld: true },
        ]);
      }
    });

    it('does not keep the contact details with the host of a refused posting', async () => {
      const seen = await get('fp-tur', `/officers/${scene.refusedOfficerId}`);
      expect(seen.body.contactWithheld).toBe(true);
      expect(Object.keys(seen.body)).not.toContain('email');
      expect((await get('fp-tur', `/deployments/${scene.refusedId}`)).body).toMatchObject({
        status: 'REFUSED',
        refusalReason: 'No office space',
      });
    });

    it('lists officers as they are shown one by one', async () => {
      for (const who of Object.keys(cast)) {
        const listed = await get(who, '/officers?sendingParty=PAK&limit=100');
        const entry = items(listed).find((o) => o.id === scene.officerId);
        expect([who, entry]).toEqual([who, (await get(who, `/officers/${scene.officerId}`)).body]);
      }
      const adminList = await get('admin', '/officers?limit=100');
      expect(keysIn(adminList.body).filter((key) => CONTACT.includes(key))).toEqual([]);
    });

    it('keeps a proposed posting between the two parties, the officer and the secretariat', async () => {
      const path = `/deployments/${scene.proposedId}`;
      for (const who of ['sender', 'host', 'officer', 'secretariat']) {
        const seen = await get(who, path);
        expect([who, seen.status, seen.body.status, seen.body.note]).toEqual([
          who,
          200,
          'PROPOSED',
          expect.stringContaining('Internal note'),
        ]);
      }
      const unrelated = await get('unrelated', path);
      expect(unrelated.status).toBe(404);
      expect(unrelated.headers.get('content-type')).toContain('application/problem+json');
      expect(JSON.stringify(unrelated.body)).not.toContain('SRB');
      expect((await get('admin', path)).status).toBe(403);
      expect((await get('unrelated', `/deployments/${scene.refusedId}`)).status).toBe(404);
      expect((await get('officer', `/deployments/${scene.refusedId}`)).status).toBe(404);
    });

    it('never lists or counts a proposal for an unrelated party', async () => {
      const unrelated = await get('unrelated', '/deployments?sendingParty=PAK&limit=100');
      const ids = items(unrelated).map((d) => d.id);
      expect(ids).toContain(scene.activeId);
      expect(ids).not.toContain(scene.proposedId);
      const unseen = await get('unrelated', '/deployments?status=PROPOSED&limit=100');
      for (const item of items(unseen))
        expect([item.sendingParty, item.hostParty]).toContain('HUN');
      const refused = await get('unrelated', '/deployments?status=REFUSED&limit=100');
      for (const item of items(refused))
        expect([item.sendingParty, item.hostParty]).toContain('HUN');
      for (const who of ['sender', 'host', 'secretariat', 'officer']) {
        const listed = await get(who, '/deployments?status=PROPOSED&sendingParty=PAK&limit=100');
        expect([who, items(listed).map((d) => d.id)]).toEqual([
          who,
          expect.arrayContaining([scene.proposedId]),
        ]);
      }
      const officerList = await get('officer', '/deployments?status=PROPOSED&limit=100');
      for (const item of items(officerList)) expect(item.officerId).toBe(scene.officerId);

      const coverage = await get('unrelated', COVERAGE);
      const pair = (coverage.body.pairs as Json[]).find(
        (p) => p.sendingParty === 'PAK' && p.hostParty === 'SRB',
      ) as { officers: Json[] };
      expect(pair.officers.map((o) => o.deploymentId)).toContain(scene.activeId);
      for (const who of ['unrelated', 'sender', 'host', 'officer', 'secretariat']) {
        const seen = await get(who, COVERAGE);
        expect([who, seen.body]).toEqual([who, coverage.body]);
        expect(JSON.stringify(seen.body)).not.toContain(scene.proposedId);
        expect(keysIn(seen.body).filter((key) => CONTACT.includes(key))).toEqual([]);
      }
      expect((await get('admin', COVERAGE)).status).toBe(403);
      expect((await get('admin', '/deployments')).status).toBe(403);
    });

    it('shows free text and extensions of a running posting only to those involved, and an ETag that does not move for what the caller cannot see', async () => {
      const path = `/deployments/${scene.activeId}`;
      const before: Record<string, HttpResult<Json>> = {};
      for (const who of ['unrelated', 'officer', 'sender']) before[who] = await get(who, path);
      for (const key of POSTING_DETAILS) expect(before.unrelated!.body).not.toHaveProperty(key);
      expect(before.officer!.body.note).toEqual(expect.stringContaining('Internal note'));

      const asked = await as<Json>('fp-pak', 'POST', `${path}/extensions`, {
        json: { endDate: isoDay(350) },
        headers: { 'if-match': before.sender!.headers.get('etag')! },
      });
      expect(asked.status).toBe(201);
      const pending = { status: 'PENDING', requestedEndDate: isoDay(350) };

      for (const who of ['unrelated', 'officer']) {
        const after = await get(who, path);
        // Nothing the caller may see changed: the same answer, the same ETag.
        expect([who, after.body, after.headers.get('etag')]).toEqual([
          who,
          before[who]!.body,
          before[who]!.headers.get('etag'),
        ]);
        expect(after.headers.get('etag')).toBe(`"${String(after.body.version)}"`);
      }
      for (const who of ['sender', 'host', 'secretariat']) {
        const after = await get(who, path);
        expect([who, after.body.extensions]).toEqual([who, [expect.objectContaining(pending)]]);
        expect(after.body.version).toBe(Number(before.sender!.body.version) + 1);
        expect(after.headers.get('etag')).toBe(`"${String(after.body.version)}"`);
      }
      const listed = await get('unrelated', '/deployments?sendingParty=PAK&limit=100');
      expect(items(listed).find((d) => d.id === scene.activeId)).toEqual(before.unrelated!.body);
      const stale = await as('fp-pak', 'POST', `${path}/recall`, {
        json: { reason: 'x' },
        headers: { 'if-match': before.sender!.headers.get('etag')! },
      });
      expect(stale.status).toBe(412);
    });
  });

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
