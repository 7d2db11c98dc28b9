import { randomUUID } from 'node:crypto';
import { apps } from '../support/test-env';
import { allPages, as } from '../support/api';
import { fileRfi } from '../support/rfi-fixtures';
import { RfiView, STORY_CHANGES, multilateralStory } from '../support/multilateral-story';

jest.setTimeout(180_000);

interface HistoryLine {
  action: string;
  actor: { username: string; party: string | null } | null;
  assignmentId: string | null;
  details: Record<string, unknown> & { recipients?: { assignmentId: string; party: string }[] };
}

const historyOf = (username: string, rfiId: string) =>
  allPages<HistoryLine>(username, `/rfis/${rfiId}/history`);
const changes = (lines: HistoryLine[]) =>
  lines.filter((line) => line.action !== 'BODY_READ').map((line) => line.action);
const readers = (lines: HistoryLine[]) =>
  [
    ...new Set(lines.filter((l) => l.action === 'BODY_READ').map((l) => l.actor?.username ?? '?')),
  ].sort();

describe('API1: broken object level authorization (requests for information)', () => {
  let full: Awaited<ReturnType<typeof multilateralStory>>;
  let closed: Awaited<ReturnType<typeof multilateralStory>>;

  beforeAll(async () => {
    await apps.start('rfi-service', 'deployment-service', 'gateway');
    full = await multilateralStory('FULL');
    closed = await multilateralStory('METADATA_ONLY');
  });
  afterAll(() => apps.release('gateway', 'rfi-service', 'deployment-service'));

  describe('the history of a multilateral request, line by line, for each caller', () => {
    it('shows the requester every change but the secretariat’s notes', async () => {
      const lines = await historyOf('fp-pak', full.rfi.id);
      expect(changes(lines)).toEqual(STORY_CHANGES);
      const routed = lines.find((l) => l.action === 'ROUTED')!;
      expect(routed.details.recipients!.map((r) => r.party).sort()).toEqual(['HUN', 'SRB']);
      expect(routed.details).not.toHaveProperty('note');
      expect(readers(lines)).toEqual(['fp-hun', 'fp-pak', 'fp-srb']);
      expect(JSON.stringify(lines)).not.toContain(full.words.routingNote);
    });

    it.each([
      ['fp-srb', 'SRB', 'HUN', 'ACKNOWLEDGED,RESPONDED'],
      ['fp-hun', 'HUN', 'SRB', 'DECLINED'],
    ])(
      'shows %s only its own assignment: no other recipient, their acts or their reads',
      async (username, own, other, ownActions) => {
        const lines = await historyOf(username, full.rfi.id);
        const ownAssignment = own === 'SRB' ? full.srb : full.hun;
        const otherAssignment = own === 'SRB' ? full.hun : full.srb;
        expect(changes(lines)).toEqual([
          'CREATED',
          'SUBMITTED',
          'ROUTED',
          ...ownActions.split(','),
        ]);
        const routed = lines.find((l) => l.action === 'ROUTED')!;
        expect(routed.details).toEqual({
          by: 'secretariat',
          recipients: [expect.objectContaining({ assignmentId: ownAssignment.id, party: own })],
        });
        expect(readers(lines)).toEqual([username]);
        for (const line of lines.filter((l) => l.assignmentId !== null))
          expect(line.assignmentId).toBe(ownAssignment.id);
        const text = JSON.stringify(lines);
        for (const hidden of [
          otherAssignment.id,
          `"${other}"`,
          `fp-${other.toLowerCase()}`,
          full.words.routingNote,
          full.words.internalNote,
          'NOTE_ADDED',
        ])
          expect(text).not.toContain(hidden);
      },
    );

    it('answers an unrelated party 404, with nothing of the request in the answer', async () => {
      const answer = await as('fp-aut', 'GET', `/rfis/${full.rfi.id}/history`);
      expect(answer.status).toBe(404);
      expect(answer.headers.get('content-type')).toContain('application/problem+json');
      const text = JSON.stringify(answer.body);
      for (const hidden of [full.rfi.reference, full.words.tag, 'SRB', 'HUN'])
        expect(text).not.toContain(hidden);
    });

    it('shows the secretariat everything of a FULL request, its notes included', async () => {
      const lines = await historyOf('secretariat', full.rfi.id);
      expect(changes(lines)).toEqual([...STORY_CHANGES, 'NOTE_ADDED']);
      expect(lines.find((l) => l.action === 'ROUTED')!.details.note).toBe(full.words.routingNote);
    });

    it('shows the secretariat no free text of a METADATA_ONLY request in any answer', async () => {
      const lines = await historyOf('secretariat', closed.rfi.id);
      expect(changes(lines)).toContain('DECLINED');
      const answers = [
        lines,
        (await as('secretariat', 'GET', `/rfis/${closed.rfi.id}`)).body,
        await allPages('secretariat', `/rfis/${closed.rfi.id}/messages`),
        (await as('secretariat', 'GET', `/rfis/${closed.rfi.id}/compilation`)).body,
        (await as('secretariat', 'GET', `/rfis?q=${closed.words.tag}`)).body,
      ];
      const text = JSON.stringify(answers);
      for (const hidden of [
        closed.words.question,
        closed.words.handlingNote,
        closed.words.serbianAnswer,
        closed.words.hungarianReason,
      ])
        expect(text).not.toContain(hidden);
      const view = answers[1] as RfiView;
      expect(view).toMatchObject({ question: null, bodyWithheld: true, handlingNote: null });
      expect(view.assignments.map((a) => a.declineReason)).toEqual([null, null]);
      // The same request read by its requester has all of it: the test looks at real words.
      const requester = JSON.stringify([
        (await as('fp-pak', 'GET', `/rfis/${closed.rfi.id}`)).body,
        await allPages('fp-pak', `/rfis/${closed.rfi.id}/messages`),
      ]);
      for (const word of [
        closed.words.question,
        closed.words.handlingNote,
        closed.words.serbianAnswer,
        closed.words.hungarianReason,
      ])
        expect(requester).toContain(word);
    });
  });

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

  describe('lists, counts and searches', () => {
    it('lists and finds a request only for those it concerns', async () => {
      const search = (username: string) =>
        as<{ items: { id: string }[] }>(username, 'GET', `/rfis?q=${full.words.tag}&limit=100`);
      for (const username of ['fp-pak', 'fp-srb', 'fp-hun', 'secretariat'])
        expect((await search(username)).body.items.map((i) => i.id)).toContain(full.rfi.id);
      for (const username of ['fp-aut', 'fp-icmpd', 'admin']) {
        const found = await search(username);
        expect(found.status === 403 || found.body.items.length === 0).toBe(true);
        expect(JSON.stringify(found.body)).not.toContain(full.words.tag);
      }
      // A recipient cannot learn who else was asked by filtering on the other party.
      const byOther = await as<{ items: { id: string }[] }>(
        'fp-srb',
        'GET',
        `/rfis?party=HUN&q=${full.words.tag}`,
      );
      expect(byOther.body.items).toEqual([]);
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
