import { randomUUID } from 'node:crypto';
import { apps } from '../support/test-env';
import { allPages, as } from '../support/api';
import { fileRfi } from '../support/rfi-fixtures';
import { RfiView, multilateralStory } from '../support/multilateral-story';

jest.setTimeout(180_000);

describe('API1: broken object level authorization (requests for information)', () => {
  beforeAll(() => apps.start('rfi-service', 'deployment-service', 'gateway'));
  afterAll(() => apps.stop('gateway', 'rfi-service', 'deployment-service'));

  describe('versions, ETags and dates tell a recipient nothing of others', () => {
    it('keeps a recipient’s ETag, version and updatedAt when another recipient acts', async () => {
      const story = await multilateralStory('FULL');
      const before = await as<RfiView>('fp-srb', 'GET', `/rfis/${story.rfi.id}`);
      const requesterBefore = await as<RfiView>('fp-pak', 'GET', `/rfis/${story.rfi.id}`);
      // The secretariat forwards the request to AUT: a change SRB must not be able to notice.
      const forwarded = await as('secretariat', 'POST', `/rfis/${story.rfi.id}/route`, {
        json: { recipients: [{ party: 'AUT' }] },
      });
      expect(forwarded.status).toBe(200);
      const after = await as<RfiView>('fp-srb', 'GET', `/rfis/${story.rfi.id}`);
      expect(after.headers.get('etag')).toBe(before.headers.get('etag'));
      expect(after.body.version).toBe(before.body.version);
      expect(after.body.updatedAt).toBe(before.body.updatedAt);
      const requesterAfter = await as<RfiView>('fp-pak', 'GET', `/rfis/${story.rfi.id}`);
      expect(requesterAfter.headers.get('etag')).not.toBe(requesterBefore.headers.get('etag'));
      // The list agrees with the record, caller by caller.
      for (const [username, view] of [
        ['fp-srb', after.body],
        ['fp-pak', requesterAfter.body],
      ] as const) {
        const listed = await as<{ items: { id: string; updatedAt: string }[] }>(
          username,
          'GET',
          `/rfis?q=${story.words.tag}`,
        );
        expect(listed.body.items.find((i) => i.id === story.rfi.id)?.updatedAt).toBe(
          view.updatedAt,
        );
      }
      // If-Match compares with what the caller saw, so SRB's unchanged ETag is still current.
      const closing = await as('fp-pak', 'POST', `/rfis/${story.rfi.id}/close`, {
        json: {},
        headers: { 'if-match': before.headers.get('etag')! },
      });
      expect(closing.status).toBe(412);
      const stale = await as('fp-srb', 'POST', `/rfis/${story.rfi.id}/messages`, {
        json: {
          kind: 'RESPONSE',
          assignmentId: story.srb.id,
          body: 'A second answer',
          handlingCode: 'H0',
        },
        headers: { 'if-match': after.headers.get('etag')! },
      });
      expect(stale.status).toBe(201);
    });
  });

  describe('the secretariat is a compartment of its own, distinct from ICMPD', () => {
    let toIcmpd: RfiView;
    const answerWords = `icmpd-answer-${randomUUID().slice(0, 8)}`;

    beforeAll(async () => {
      toIcmpd = (await fileRfi('fp-pak', {
        targetParties: ['ICMPD'],
        secretariatAccess: 'METADATA_ONLY',
      })) as RfiView;
      const answered = await as('fp-icmpd', 'POST', `/rfis/${toIcmpd.id}/messages`, {
        json: {
          kind: 'RESPONSE',
          assignmentId: toIcmpd.assignments[0]!.id,
          body: answerWords,
          handlingCode: 'H2',
        },
      });
      expect(answered.status).toBe(201);
    });

    it('does not let the secretariat read what ICMPD’s focal point answered', async () => {
      const thread = await allPages<{ body: string | null; bodyWithheld: boolean }>(
        'secretariat',
        `/rfis/${toIcmpd.id}/messages`,
      );
      expect(thread.length).toBeGreaterThan(0);
      expect(thread.every((m) => m.body === null && m.bodyWithheld)).toBe(true);
      expect(JSON.stringify(thread)).not.toContain(answerWords);
      const own = await allPages<{ body: string | null }>(
        'fp-icmpd',
        `/rfis/${toIcmpd.id}/messages`,
      );
      expect(JSON.stringify(own)).toContain(answerWords);
    });

    it('does not let the secretariat act for ICMPD, nor ICMPD’s focal point act as the secretariat', async () => {
      const acknowledged = await as(
        'secretariat',
        'POST',
        `/rfis/${toIcmpd.id}/assignments/${toIcmpd.assignments[0]!.id}/acknowledge`,
      );
      expect(acknowledged.status).toBe(403);
      const me = await as<{ party: string | null }>('secretariat', 'GET', '/me');
      expect(me.body.party).toBeNull();
      const submitted = await fileRfi('fp-pak', {
        channel: 'MULTILATERAL',
        targetParties: ['SRB', 'HUN'],
      });
      const routed = await as('fp-icmpd', 'POST', `/rfis/${submitted.id}/route`, {
        json: { recipients: [{ party: 'SRB' }] },
      });
      expect(routed.status).toBe(403);
      const read = await as('fp-icmpd', 'GET', `/rfis/${submitted.id}`);
      expect(read.status).toBe(404);
    });
  });
});
