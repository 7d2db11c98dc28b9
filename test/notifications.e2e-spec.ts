import { randomUUID } from 'node:crypto';
import { Topics } from '@bp/contracts';
import { as, tokenFor } from './support/api';
import { createTestAccount } from './support/account-fixtures';
import { eventually, sleep } from './support/test-env';
import { fileRfi } from './support/rfi-fixtures';
import { deploymentEvent, testKafka } from './support/kafka-fixtures';
import {
  DeploymentBody,
  activePosting,
  isoDay,
  registerOfficer,
} from './support/deployment-fixtures';
import { officerAccount, postingSeen } from './support/officer-fixtures';
import { appsForFile } from './support/apps-for-file';
import { Notification, inbox } from './support/notification-fixtures';

jest.setTimeout(180_000);

/** The caller's unread count from GET /me, once the notification-service answers it. */
async function unread(user: string): Promise<number> {
  return eventually(`${user}'s unread count in /me`, async () => {
    const me = await as<{ unreadNotifications: number | null }>(user, 'GET', '/me');
    return me.status === 200 && typeof me.body.unreadNotifications === 'number'
      ? me.body.unreadNotifications
      : undefined;
  });
}

/** SRB's own assignment, apart from those of PAK's officers posted in SRB by other specs. */
const ownOf = (rfi: { assignments: { id: string; recipientParty: string }[] }) =>
  rfi.assignments.find(
    (a) => a.recipientParty === 'SRB' && !(a as { officerId?: string | null }).officerId,
  )!;

const about = (rfiId: string) => (items: Notification[]) =>
  items.filter((n) => n.subject.id === rfiId);

/** The kinds of the user's notifications about one record, sorted. */
const kindsAbout = async (user: string, id: string) =>
  about(id)(await inbox(user))
    .map((n) => n.kind)
    .sort();

describe('notifications: who must act is told, and nobody else (real Kafka, PostgreSQL, two notification-service instances)', () => {
  appsForFile(
    'rfi-service',
    'deployment-service',
    'knowledge-exchange-service',
    'notification-service',
    'notification-service@2',
  );

  const question = `Question text that must never travel: ${randomUUID()}`;
  const answer = `Answer text that must never travel: ${randomUUID()}`;
  const title = `Notified request ${randomUUID().slice(0, 8)}`;
  let rfi: { id: string; reference: string; assignments: { id: string; recipientParty: string }[] };
  let routed: Notification;

  it('puts a bilateral request in the recipient focal point inbox, once, with reference and title', async () => {
    const hunBefore = await unread('fp-hun');
    const srbBefore = await unread('fp-srb');
    rfi = await fileRfi('fp-pak', { title, question, targetParties: ['SRB'] });
    const assignment = ownOf(rfi);

    const mine = await eventually('the routing in SRB inbox', async () => {
      const found = about(rfi.id)(await inbox('fp-srb', '?kind=RFI_ROUTED'));
      return found.length ? found : undefined;
    });
    // Two instances, one consumer group, inbox and (event, audience) uniqueness: stored once.
    expect(mine).toHaveLength(1);
    routed = mine[0]!;
    expect(routed).toEqual({
      id: expect.any(String),
      kind: 'RFI_ROUTED',
      subject: { type: 'rfi', id: rfi.id, reference: rfi.reference, title },
      details: { assignmentId: assignment.id, dueAt: expect.any(String), priority: 'HIGH' },
      createdAt: expect.any(String),
      readAt: null,
    });
    expect(await unread('fp-srb')).toBe(srbBefore + 1);

    // An unrelated party: no entry, no count, not even by reference or title.
    const hun = JSON.stringify(await inbox('fp-hun'));
    expect(hun).not.toContain(rfi.id);
    expect(hun).not.toContain(rfi.reference);
    expect(hun).not.toContain(title);
    expect(await unread('fp-hun')).toBe(hunBefore);
    // Nor the requester of its own routing, nor the secretariat of a bilateral request.
    expect(about(rfi.id)(await inbox('fp-pak'))).toEqual([]);
    expect(about(rfi.id)(await inbox('secretariat'))).toEqual([]);
    // Another party cannot read it by id either: 404, as for one that does not exist.
    const refusal = async (id: string) => {
      const answer = await as<{ code?: string; title?: string }>(
        'fp-hun',
        'POST',
        `/notifications/${id}/read`,
      );
      return [answer.status, answer.body.code, answer.body.title];
    };
    expect(await refusal(routed.id)).toEqual(await refusal(randomUUID()));
    expect(await refusal(routed.id)).toEqual([404, 'NOTIFICATION.NOT_FOUND', 'Not found']);
  });

  it('tells the requester when the recipient responds', async () => {
    const assignment = ownOf(rfi);
    const posted = await as('fp-srb', 'POST', `/rfis/${rfi.id}/messages`, {
      json: { kind: 'RESPONSE', body: answer, handlingCode: 'H0', assignmentId: assignment.id },
    });
    expect(posted.status).toBe(201);
    const received = await eventually('the response in PAK inbox', async () => {
      const found = about(rfi.id)(await inbox('fp-pak', '?unread=true'));
      return found.length ? found : undefined;
    });
    expect(received).toEqual([
      expect.objectContaining({
        kind: 'RFI_RESPONSE_RECEIVED',
        subject: { type: 'rfi', id: rfi.id, reference: rfi.reference, title },
        details: { assignmentId: assignment.id, dueAt: expect.any(String) },
      }),
    ]);
  });

  it('never carries a body: neither the question nor the answer is in any inbox', async () => {
    for (const user of ['fp-srb', 'fp-pak', 'fp-hun', 'secretariat']) {
      const everything = JSON.stringify(await inbox(user));
      expect(everything).not.toContain(question);
      expect(everything).not.toContain(answer);
    }
  });

  it('marks read one at a time and all at once, for the reader, as /me counts', async () => {
    const before = await unread('fp-srb');
    expect(before).toBeGreaterThanOrEqual(1);
    const read = await as<Notification>('fp-srb', 'POST', `/notifications/${routed.id}/read`);
    expect(read.status).toBe(200);
    expect(read.body).toEqual({ ...routed, readAt: expect.any(String) });
    expect(await unread('fp-srb')).toBe(before - 1);
    const again = await as<Notification>('fp-srb', 'POST', `/notifications/${routed.id}/read`);
    expect(again.body.readAt).toBe(read.body.readAt);
    expect(about(rfi.id)(await inbox('fp-srb', '?unread=true'))).toEqual([]);
    expect(about(rfi.id)(await inbox('fp-srb'))).toEqual([read.body]);
    // Another focal point of SRB shares the notification, not the mark.
    const colleague = await createTestAccount({ role: 'focal_point', party: 'SRB', prefix: 'n' });
    await tokenFor(colleague.username, colleague.password);
    expect(about(rfi.id)(await inbox(colleague.username))).toEqual([routed]);

    // The requester's own marks are apart from the recipient's.
    const pakUnread = await unread('fp-pak');
    expect(pakUnread).toBeGreaterThanOrEqual(1);
    const all = await as<{ marked: number; unread: number }>(
      'fp-pak',
      'POST',
      '/notifications/read-all',
    );
    expect(all.status).toBe(200);
    expect(all.body).toEqual({ marked: pakUnread, unread: 0 });
    expect(await unread('fp-pak')).toBe(0);
    expect(await inbox('fp-pak', '?unread=true')).toEqual([]);
    expect(await unread('fp-srb')).toBe(before - 1);
  });

  it('pages with an opaque cursor and refuses one it did not give out', async () => {
    const first = await as<{ items: Notification[]; nextCursor: string | null }>(
      'fp-srb',
      'GET',
      '/notifications?limit=1',
    );
    expect(first.status).toBe(200);
    expect(first.body.items).toHaveLength(1);
    const bad = await as<{ errors: { field: string }[] }>(
      'fp-srb',
      'GET',
      '/notifications?cursor=not-a-cursor',
    );
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([expect.objectContaining({ field: 'cursor' })]);
  });

  it('stores a redelivered event once: the same posting proposal sent twice is one notification', async () => {
    const deploymentId = randomUUID();
    const event = deploymentEvent(deploymentId, {
      hostParty: 'MKD',
      startDate: '2031-01-01',
      endDate: '2031-12-31',
    });
    const producer = testKafka().producer();
    await producer.connect();
    try {
      for (let i = 0; i < 2; i++)
        await producer.send({
          topic: Topics.deploymentEvents,
          messages: [{ key: deploymentId, value: JSON.stringify(event) }],
        });
    } finally {
      await producer.disconnect();
    }
    const told = await eventually('the proposal in MKD inbox', async () => {
      const found = about(deploymentId)(await inbox('fp-mkd'));
      return found.length ? found : undefined;
    });
    await sleep(1_000); // time for a second copy to show, were it stored
    expect(about(deploymentId)(await inbox('fp-mkd'))).toEqual(told);
    expect(told).toEqual([
      expect.objectContaining({
        kind: 'DEPLOYMENT_AWAITING_APPROVAL',
        subject: { type: 'deployment', id: deploymentId },
      }),
    ]);
    expect(about(deploymentId)(await inbox('fp-pak'))).toEqual([]);
  });

  it("tells the sending party the host's answer, and both parties a withdrawal; nobody else", async () => {
    const officer = await registerOfficer('fp-pak', 'PAK', 'Bilal Ahmed');
    const propose = async () => {
      const proposed = await as<DeploymentBody>('fp-pak', 'POST', '/deployments', {
        json: {
          officerId: officer.id,
          hostParty: 'MKD',
          postingCity: 'Skopje',
          mandateTopics: ['SMUGGLING_OF_MIGRANTS'],
          startDate: isoDay(60),
          endDate: isoDay(400),
        },
      });
      expect(proposed.status).toBe(201);
      return proposed.body.id;
    };

    const refusedId = await propose();
    const reason = `A refusal reason that must never travel: ${randomUUID()}`;
    const refused = await as('fp-mkd', 'POST', `/deployments/${refusedId}/refuse`, {
      json: { reason },
    });
    expect(refused.status).toBe(200);
    const refusal = await eventually('the refusal in PAK inbox', async () => {
      const found = about(refusedId)(await inbox('fp-pak', '?kind=DEPLOYMENT_REFUSED'));
      return found.length ? found : undefined;
    });
    expect(refusal).toEqual([
      expect.objectContaining({
        kind: 'DEPLOYMENT_REFUSED',
        subject: { type: 'deployment', id: refusedId },
        details: {
          officerId: officer.id,
          sendingParty: 'PAK',
          hostParty: 'MKD',
          startDate: isoDay(60),
          endDate: isoDay(400),
        },
      }),
    ]);
    expect(JSON.stringify(refusal)).not.toContain(reason);

    const withdrawnId = await propose();
    const cancelled = await as('fp-pak', 'POST', `/deployments/${withdrawnId}/cancel`, {
      json: { reason: 'Needed at home after all' },
    });
    expect(cancelled.status).toBe(200);
    await eventually('the withdrawal in MKD inbox', async () =>
      (await kindsAbout('fp-mkd', withdrawnId)).includes('DEPLOYMENT_CANCELLED') ? true : undefined,
    );
    await sleep(1_000); // time for anything else to arrive, were it sent

    // The host was asked about both and learns of the withdrawal, not of its own refusal.
    expect(await kindsAbout('fp-mkd', refusedId)).toEqual(['DEPLOYMENT_AWAITING_APPROVAL']);
    expect(await kindsAbout('fp-mkd', withdrawnId)).toEqual([
      'DEPLOYMENT_AWAITING_APPROVAL',
      'DEPLOYMENT_CANCELLED',
    ]);
    // The sender learns the host's answer, and of the withdrawal (the secretariat may cancel too).
    expect(await kindsAbout('fp-pak', refusedId)).toEqual(['DEPLOYMENT_REFUSED']);
    expect(await kindsAbout('fp-pak', withdrawnId)).toEqual(['DEPLOYMENT_CANCELLED']);
    // A third party and the secretariat hear of neither.
    for (const user of ['fp-srb', 'secretariat'])
      for (const id of [refusedId, withdrawnId]) expect(await kindsAbout(user, id)).toEqual([]);
  });

  it('tells the two parties that an exchange was completed, and only its owner that an open need was cancelled', async () => {
    const title = `Study visit on referral systems ${randomUUID().slice(0, 8)}`;
    const postNeed = async () => {
      const posted = await as<{ id: string }>('fp-mkd', 'POST', '/knowledge-exchanges', {
        json: {
          kind: 'NEED',
          type: 'STUDY_VISIT',
          topics: ['REINTEGRATION'],
          title,
          description: 'How returnees are referred to health, psycho-social and job services.',
          format: 'IN_PERSON',
          preferredFrom: '2031-09-01',
          preferredTo: '2031-10-31',
        },
      });
      expect(posted.status).toBe(201);
      return posted.body.id;
    };
    const offer = async (user: string, id: string) => {
      const offered = await as<{ offers: { id: string; party: string }[] }>(
        user,
        'POST',
        `/knowledge-exchanges/${id}/offers`,
        { json: { description: `We would host it (${user}).` } },
      );
      expect(offered.status).toBe(201);
      return offered.body.offers.find((o) => o.party === user.slice(3).toUpperCase())!.id;
    };

    // An open need with two offers, cancelled by its owner: the offering parties must not learn
    // of each other, and the event names neither, so only the owner is told.
    const cancelledId = await postNeed();
    await offer('fp-aut', cancelledId);
    await offer('fp-hun', cancelledId);
    const reason = `A cancellation reason that must never travel: ${randomUUID()}`;
    expect(
      (
        await as('fp-mkd', 'POST', `/knowledge-exchanges/${cancelledId}/cancel`, {
          json: { reason },
        })
      ).status,
    ).toBe(200);

    // Matched with AUT, scheduled, completed by the owner: both parties are told.
    const completedId = await postNeed();
    const autOffer = await offer('fp-aut', completedId);
    await offer('fp-hun', completedId);
    expect(
      (
        await as('secretariat', 'POST', `/knowledge-exchanges/${completedId}/match`, {
          json: { offerId: autOffer },
        })
      ).status,
    ).toBe(200);
    expect(
      (
        await as('fp-aut', 'POST', `/knowledge-exchanges/${completedId}/schedule`, {
          json: { startsOn: '2031-09-14', endsOn: '2031-09-16', location: 'Vienna', online: false },
        })
      ).status,
    ).toBe(200);
    const comment = `An evaluation comment that must never travel: ${randomUUID()}`;
    expect(
      (
        await as('fp-mkd', 'POST', `/knowledge-exchanges/${completedId}/complete`, {
          json: {
            outcomeSummary: 'The delegation saw the referral system at work.',
            lessonsLearned: ['One case manager per returnee'],
            evaluation: { rating: 4, comment },
          },
        })
      ).status,
    ).toBe(200);

    await eventually('the completion in AUT inbox', async () =>
      (await kindsAbout('fp-aut', completedId)).includes('EXCHANGE_COMPLETED') ? true : undefined,
    );
    await eventually('the cancellation in MKD inbox', async () =>
      (await kindsAbout('fp-mkd', cancelledId)).includes('EXCHANGE_CANCELLED') ? true : undefined,
    );
    await sleep(1_000); // time for anything else to arrive, were it sent

    expect(await kindsAbout('fp-mkd', cancelledId)).toEqual([
      'EXCHANGE_CANCELLED',
      'EXCHANGE_OFFER_RECEIVED',
      'EXCHANGE_OFFER_RECEIVED',
    ]);
    for (const user of ['fp-aut', 'fp-hun', 'fp-srb'])
      expect(await kindsAbout(user, cancelledId)).toEqual([]);

    expect(await kindsAbout('fp-mkd', completedId)).toEqual([
      'EXCHANGE_COMPLETED',
      'EXCHANGE_MATCHED',
      'EXCHANGE_OFFER_RECEIVED',
      'EXCHANGE_OFFER_RECEIVED',
      'EXCHANGE_SCHEDULED',
    ]);
    expect(await kindsAbout('fp-aut', completedId)).toEqual([
      'EXCHANGE_COMPLETED',
      'EXCHANGE_MATCHED',
      'EXCHANGE_SCHEDULED',
    ]);
    // HUN offered and was not chosen: it hears nothing of who was, nor of the outcome.
    expect(await kindsAbout('fp-hun', completedId)).toEqual([]);
    const everything = JSON.stringify([
      ...about(cancelledId)(await inbox('fp-mkd')),
      ...about(completedId)(await inbox('fp-mkd')),
      ...about(completedId)(await inbox('fp-aut')),
    ]);
    expect(everything).not.toContain(reason);
    expect(everything).not.toContain(comment);
  });

  it('tells each level of the overdue ladder once: the recipient, its focal point, the secretariat', async () => {
    // NORMAL falls due in 2 s in the test profile and climbs a level a second after. Officers of
    // PAK posted in SRB by other specs hold assignments of their own, each with its own ladder:
    // this follows SRB's.
    // An officer of PAK on post in SRB holds an assignment of its own on the same request.
    const { deployment } = await activePosting('PAK', 'SRB');
    await postingSeen(deployment.id, 'ACTIVE');
    const late = await fileRfi('fp-pak', { priority: 'NORMAL', title: `Late ${randomUUID()}` });
    const own = ownOf(late);
    const officers = late.assignments.filter((a) => (a as { officerId?: string | null }).officerId);
    expect(officers.length).toBeGreaterThan(0);
    const ladder = async (user: string) =>
      (await inbox(user, '?kind=RFI_OVERDUE'))
        .filter((n) => n.subject.id === late.id && n.details.assignmentId === own.id)
        .map((n) => n.details.escalationLevel as number)
        .sort();
    await eventually('the whole ladder', async () => (await ladder('secretariat')).length > 0);
    await sleep(1_500); // time for a level to be told twice, were it possible
    expect(await ladder('fp-srb')).toEqual([1, 2]);
    expect(await ladder('secretariat')).toEqual([3]);
    // SRB's focal points never hear of the officer's assignment, which they may not see: its
    // second level goes to the secretariat.
    const srbTold = about(late.id)(await inbox('fp-srb', '?kind=RFI_OVERDUE'));
    expect(srbTold.map((n) => n.details.assignmentId)).toEqual(srbTold.map(() => own.id));
    await eventually('the officer assignment at level 2 for the secretariat', async () =>
      about(late.id)(await inbox('secretariat', '?kind=RFI_OVERDUE')).some(
        (n) => n.details.assignmentId === officers[0]!.id && n.details.escalationLevel === 2,
      ),
    );
    expect(await ladder('fp-pak')).toEqual([]);
    const [told] = about(late.id)(await inbox('fp-srb', '?kind=RFI_OVERDUE'));
    expect(told?.subject).toEqual({
      type: 'rfi',
      id: late.id,
      reference: late.reference,
      title: expect.stringMatching(/^Late /),
    });
    expect(about(late.id)(await inbox('fp-hun'))).toEqual([]);
  });

  it('tells an officer on post of its assignment, and shows it no more once the posting ends', async () => {
    const { officerId, deployment } = await activePosting('PAK', 'SRB');
    const proposal = await eventually('the proposal in SRB inbox', async () => {
      const found = about(deployment.id)(
        await inbox('fp-srb', '?kind=DEPLOYMENT_AWAITING_APPROVAL'),
      );
      return found.length ? found : undefined;
    });
    expect(proposal[0]!.subject).toEqual({ type: 'deployment', id: deployment.id });
    const officer = await officerAccount(officerId);
    await postingSeen(deployment.id, 'ACTIVE');
    const request = await fileRfi('fp-pak', { title: `For the officer ${randomUUID()}` });
    const theirs = request.assignments.find(
      (a) => (a as { officerId?: string | null }).officerId === officerId,
    )!;
    const told = await eventually("the routing in the officer's inbox", async () => {
      const found = about(request.id)(await inbox(officer));
      return found.length ? found : undefined;
    });
    expect(told).toEqual([
      expect.objectContaining({
        kind: 'RFI_ROUTED',
        details: { assignmentId: theirs.id, dueAt: expect.any(String), priority: 'HIGH' },
      }),
    ]);
    // Not through the party the officer acts for: PAK's focal point is the requester, not told.
    expect(about(request.id)(await inbox('fp-pak', '?kind=RFI_ROUTED'))).toEqual([]);

    const recalled = await as('fp-pak', 'POST', `/deployments/${deployment.id}/recall`, {
      json: { reason: 'Needed at home' },
    });
    expect(recalled.status).toBe(200);
    await eventually('the officer inbox to empty', async () =>
      (await inbox(officer)).length === 0 ? true : undefined,
    );
    expect(await unread(officer)).toBe(0);
    // SRB holds its own assignment, so the officer's was closed, not passed on: no new work.
    expect(about(request.id)(await inbox('fp-srb', '?kind=RFI_HANDED_OVER'))).toEqual([]);
  });
});
