import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { DATABASE_URL, kafkaEnvironment, ROOT, apps } from './support/test-env';
import { as } from './support/api';
import { RfiBody, fileRfi } from './support/rfi-fixtures';
import { activePosting, isoDay } from './support/deployment-fixtures';
import {
  deploymentEventsPublished,
  officerAccount,
  postingSeen,
  rfiDatabase,
} from './support/officer-fixtures';
import { caughtUp, testKafka } from './support/kafka-fixtures';
import { Topics } from '@bp/contracts';

jest.setTimeout(240_000);

describe('liaison officers on post in the RFI flow', () => {
  beforeAll(async () => {
    await apps.start('rfi-service', 'deployment-service', 'knowledge-exchange-service');
    await apps.start('gateway');
  });
  afterAll(() =>
    apps.release('gateway', 'rfi-service', 'deployment-service', 'knowledge-exchange-service'),
  );

  it('reaches an officer on post with a bilateral request; the officer answers; on recall the officer loses access and the work passes on', async () => {
    const { officerId, deployment } = await activePosting('PAK', 'SRB');
    await postingSeen(deployment.id, 'ACTIVE');
    const officer = await officerAccount(officerId);
    expect((await as('fp-pak', 'GET', '/me')).status).toBe(200);
    expect(
      (await as<{ role: string; party: string; officerId: string }>(officer, 'GET', '/me')).body,
    ).toMatchObject({ role: 'liaison_officer', party: 'PAK', officerId });

    const answered = await fileRfi('fp-pak');
    expect(
      answered.assignments.map((a) => [
        a.recipientParty,
        (a as { officerId?: string }).officerId ?? null,
      ]),
    ).toEqual(
      expect.arrayContaining([
        ['SRB', null],
        ['SRB', officerId],
      ]),
    );
    const inbox = await as<{ items: { id: string }[] }>(
      officer,
      'GET',
      '/rfis?box=received&limit=100',
    );
    expect(inbox.body.items.map((i) => i.id)).toContain(answered.id);
    const seen = await as<RfiBody>(officer, 'GET', `/rfis/${answered.id}`);
    expect(seen.body.assignments.map((a) => (a as { officerId?: string }).officerId)).toEqual([
      officerId,
    ]);
    const response = await as(officer, 'POST', `/rfis/${answered.id}/messages`, {
      json: {
        kind: 'RESPONSE',
        body: 'Checked with the Serbian border police: two are known.',
        handlingCode: 'H2',
      },
    });
    expect(response.status).toBe(201);

    // Between the officer's sending and host party, both ways; nothing else.
    const fromHost = await fileRfi('fp-srb', { targetParties: ['PAK'] });
    expect((await as(officer, 'GET', `/rfis/${fromHost.id}`)).status).toBe(200);
    const elsewhere = await fileRfi('fp-aut', { targetParties: ['HUN'] });
    expect((await as(officer, 'GET', `/rfis/${elsewhere.id}`)).status).toBe(404);

    const open = await fileRfi('fp-pak');
    const officerAssignment = open.assignments.find(
      (a) => (a as { officerId?: string }).officerId === officerId,
    )!;
    expect(officerAssignment.status).toBe('PENDING');

    const recalled = await as<{ status: string }>(
      'fp-pak',
      'POST',
      `/deployments/${deployment.id}/recall`,
      { json: { reason: 'Needed at home' } },
    );
    expect(recalled.body.status).toBe('ENDED');
    await postingSeen(deployment.id, 'ENDED');

    expect((await as(officer, 'GET', `/rfis/${open.id}`)).status).toBe(404);
    expect((await as(officer, 'GET', `/rfis/${answered.id}`)).status).toBe(404);
    expect((await as<{ items: unknown[] }>(officer, 'GET', '/rfis?limit=100')).body.items).toEqual(
      [],
    );

    // Posted again, elsewhere: what was routed to the officer on the ended posting stays out of reach.
    const again = await as<{ id: string }>('fp-pak', 'POST', '/deployments', {
      json: {
        officerId,
        hostParty: 'HUN',
        postingCity: 'Budapest',
        mandateTopics: ['SMUGGLING_OF_MIGRANTS'],
        startDate: isoDay(0),
        endDate: isoDay(200),
      },
    });
    expect(again.status).toBe(201);
    const reposted = await as<{ status: string }>(
      'fp-hun',
      'POST',
      `/deployments/${again.body.id}/approve`,
    );
    expect(reposted.body.status).toBe('ACTIVE');
    await postingSeen(again.body.id, 'ACTIVE');
    expect((await as(officer, 'GET', `/rfis/${answered.id}`)).status).toBe(404);
    const relisted = await as<{ items: { id: string }[] }>(officer, 'GET', '/rfis?limit=100');
    expect(relisted.body.items.map((i) => i.id)).not.toContain(answered.id);
    const recalledAgain = await as('fp-pak', 'POST', `/deployments/${again.body.id}/recall`, {
      json: { reason: 'End of the test posting' },
    });
    expect(recalledAgain.status).toBe(200);

    const after = await as<RfiBody>('fp-pak', 'GET', `/rfis/${open.id}`);
    const handed = after.body.assignments.find((a) => a.id === officerAssignment.id)!;
    expect(handed.status).toBe('DECLINED');
    expect(
      after.body.assignments.find(
        (a) => a.recipientParty === 'SRB' && !(a as { officerId?: string }).officerId,
      )?.status,
    ).toBe('PENDING');
    const history = await as<{ items: { action: string; details: { note?: string } }[] }>(
      'fp-pak',
      'GET',
      `/rfis/${open.id}/history`,
    );
    expect(history.body.items.find((e) => e.action === 'HANDED_OVER')?.details.note).toContain(
      'handed over to the focal point of SRB',
    );
  });

  it('lets the secretariat route to an officer only where the officer is on post', async () => {
    const { officerId, deployment } = await activePosting('AUT', 'TUR');
    await postingSeen(deployment.id, 'ACTIVE');
    const rfi = await fileRfi('fp-pak', { channel: 'MULTILATERAL', targetParties: ['TUR'] });
    const wrongPlace = await as<{ errors: { field: string }[] }>(
      'secretariat',
      'POST',
      `/rfis/${rfi.id}/route`,
      { json: { recipients: [{ party: 'HUN', officerId }] } },
    );
    expect(wrongPlace.status).toBe(400);
    expect(wrongPlace.body.errors[0]?.field).toBe('recipients[0].officerId');
    const routed = await as<RfiBody>('secretariat', 'POST', `/rfis/${rfi.id}/route`, {
      json: { recipients: [{ party: 'TUR', officerId }] },
    });
    expect(routed.status).toBe(200);
    const officer = await officerAccount(officerId);
    expect((await as(officer, 'GET', `/rfis/${rfi.id}`)).status).toBe(200);
  });

  it("keeps a request routed to another party's officer from the host party's officers elsewhere", async () => {
    const foreign = await activePosting('HUN', 'TUR');
    const turkish = await activePosting('TUR', 'PAK');
    await postingSeen(foreign.deployment.id, 'ACTIVE');
    await postingSeen(turkish.deployment.id, 'ACTIVE');
    const watcher = await officerAccount(turkish.officerId);
    const word = Array.from({ length: 12 }, () =>
      String.fromCharCode(97 + Math.floor(Math.random() * 26)),
    ).join('');
    const rfi = await fileRfi('fp-pak', {
      channel: 'MULTILATERAL',
      targetParties: ['TUR'],
      title: `Crossings near Edirne ${word}`,
    });
    const routed = await as('secretariat', 'POST', `/rfis/${rfi.id}/route`, {
      json: { recipients: [{ party: 'TUR', officerId: foreign.officerId }] },
    });
    expect(routed.status).toBe(200);
    const sees = async () => {
      const one = await as(watcher, 'GET', `/rfis/${rfi.id}`);
      const thread = await as(watcher, 'GET', `/rfis/${rfi.id}/messages`);
      const listed = await as<{ items: { id: string }[] }>(watcher, 'GET', '/rfis?limit=100');
      const found = await as<{ items: { id: string }[] }>(watcher, 'GET', `/rfis?q=${word}`);
      return {
        one: one.status,
        thread: thread.status,
        listed: listed.body.items.some((i) => i.id === rfi.id),
        found: found.body.items.map((i) => i.id),
      };
    };

    // Turkey was not asked (its focal points do not see the request), so its officers do not.
    expect((await as('fp-tur', 'GET', `/rfis/${rfi.id}`)).status).toBe(404);
    expect(await sees()).toEqual({ one: 404, thread: 404, listed: false, found: [] });

    // Once Turkey's focal points are asked too, the request is between PAK and TUR.
    const forwarded = await as('secretariat', 'POST', `/rfis/${rfi.id}/route`, {
      json: { recipients: [{ party: 'TUR' }] },
    });
    expect(forwarded.status).toBe(200);
    expect(await sees()).toEqual({ one: 200, thread: 200, listed: true, found: [rfi.id] });
  });

  it('rebuilds the projection of postings from an empty table to exactly the live one', async () => {
    const { deployment } = await activePosting('BGD', 'TUR');
    await postingSeen(deployment.id, 'ACTIVE');
    // Events of earlier tests may still be on their way into the live projection: out of the
    // deployment-service's outbox, then through the topic.
    await deploymentEventsPublished();
    await caughtUp(testKafka(), 'rfi-service.events', Topics.deploymentEvents);
    const snapshot = () =>
      rfiDatabase(
        async (client) =>
          (
            await client.query(
              'select deployment_id, officer_id, sending_party, host_party, start_date::text, end_date::text, status, subject_version from posting order by deployment_id',
            )
          ).rows,
      );
    const live = await snapshot();
    expect(live.length).toBeGreaterThan(0);
    await promisify(execFile)(
      process.execPath,
      [path.join(ROOT, 'dist/apps/rfi-service/src/rebuild-postings.js')],
      {
        env: {
          ...process.env,
          ...kafkaEnvironment('rfi-service'),
          DATABASE_URL,
          DATABASE_NAME: 'bp_rfi_test',
        },
        timeout: 120_000,
      },
    );
    expect(await snapshot()).toEqual(live);
  });

  it('refuses an officer account for an unknown officer or another party', async () => {
    const unknown = await as<{ errors: { field: string }[] }>('admin', 'POST', '/users', {
      json: {
        username: 'lo-nobody',
        password: 'officer passphrase 2026',
        role: 'liaison_officer',
        officerId: '8a0c4a2e-2f43-4e7c-9c39-3a6a2a8c1f00',
      },
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors[0]?.field).toBe('officerId');
    const { officerId } = await activePosting('GEO', 'TUR');
    const wrongParty = await as('admin', 'POST', '/users', {
      json: {
        username: 'lo-wrong',
        password: 'officer passphrase 2026',
        role: 'liaison_officer',
        officerId,
        party: 'SRB',
      },
    });
    expect(wrongParty.status).toBe(400);
  });
});
