import { as } from '../support/api';
import { HttpResult } from '../support/http';
import { appsForFile } from '../support/apps-for-file';
import { isoDay } from '../support/deployment-fixtures';
import { Json, items } from '../support/listed-items';
import { OFFICER_CONTACT as CONTACT, POSTING_DETAILS } from '../support/view-fields';
import { PostingScene, keysIn, postingScene } from '../support/need-to-know-scenes';

jest.setTimeout(300_000);

const COVERAGE = '/coverage?route=SILK_ROUTES_WESTERN_BALKANS';

describe('API1: broken object level authorization (deployments, officers, knowledge exchange)', () => {
  appsForFile('deployment-service', 'knowledge-exchange-service');

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
});
