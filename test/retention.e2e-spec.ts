import { randomUUID } from 'node:crypto';
import { Topics } from '@bp/contracts';
import { as } from './support/api';
import { TopicRecorder, testKafka } from './support/kafka-fixtures';
import { appsForFile } from './support/apps-for-file';
import { multilateralStory } from './support/multilateral-story';
import { inbox } from './support/notification-fixtures';
import { RfiBody, fileRfi } from './support/rfi-fixtures';
import { uploadAs } from './support/rfi-route-matrix';
import { apps, eventually, sleep } from './support/test-env';

jest.setTimeout(180_000);

interface Retention {
  endsAt: string | null;
  rule: string | null;
  holds: { holder: string; reason: string; placedAt: string }[];
  deletedAt: string | null;
}

const retentionOf = async (user: string, rfi: RfiBody) =>
  (await as<Retention>(user, 'GET', `/rfis/${rfi.id}/retention`)).body;
const deleted = (rfi: RfiBody) =>
  eventually(
    `${rfi.reference} deleted`,
    async () => (await retentionOf('fp-pak', rfi)).deletedAt ?? undefined,
    20_000,
  );
const PDF = Buffer.from('%PDF-1.7\n% retention probe\n%%EOF\n');

/** PAK asks SRB, names a person, SRB answers with a file and a phone, PAK closes it. */
async function closedRequest(
  words: { question: string; answer: string; name: string },
  minor = false,
) {
  // A title may name a person: it must go with the rest.
  const title = `${words.name} and the Silk Routes network`;
  const rfi = await fileRfi('fp-pak', { submit: false, question: words.question, title });
  await as('fp-pak', 'POST', `/rfis/${rfi.id}/entities`, {
    json: {
      entities: [
        { type: 'PERSON', names: [words.name], role: minor ? 'VICTIM' : 'SUSPECT', minor },
      ],
    },
  });
  const routed = (await as<RfiBody>('fp-pak', 'POST', `/rfis/${rfi.id}/submit`)).body;
  const own = routed.assignments.find((a) => a.recipientParty === 'SRB')!;
  const answer = await as<{ id: string }>('fp-srb', 'POST', `/rfis/${rfi.id}/messages`, {
    json: { kind: 'RESPONSE', assignmentId: own.id, body: words.answer, handlingCode: 'H1' },
  });
  expect(answer.status).toBe(201);
  const file = await uploadAs(
    'fp-srb',
    `/rfis/${rfi.id}/attachments?messageId=${answer.body.id}&filename=answer.pdf&handlingCode=H1`,
    PDF,
  );
  expect(file.status).toBe(201);
  await as('fp-srb', 'POST', `/rfis/${rfi.id}/entities`, {
    json: { messageId: answer.body.id, entities: [{ type: 'PHONE', number: '+381650000001' }] },
  });
  expect(
    (await as('fp-pak', 'POST', `/rfis/${rfi.id}/close`, { json: { outcome: 'Answered' } })).status,
  ).toBe(200);
  return routed;
}

describe('retention by rule: bodies deleted at the end, the tombstone kept, legal holds (real Kafka and PostgreSQL)', () => {
  appsForFile('rfi-service', 'notification-service');
  // Seconds instead of years, for this file only; the pass every 300 ms.
  beforeAll(async () => {
    await apps.stop('rfi-service');
    await apps.startWith(
      { RFI_RETENTION: 'CLOSED=3s,REJECTED=3s,WITHDRAWN=3s,MINORS=1s' },
      'rfi-service',
    );
  });
  afterAll(async () => {
    await apps.stop('rfi-service');
    await apps.start('rfi-service');
  });

  it('deletes the bodies, entities, messages and files of a closed request at its end, and keeps the tombstone', async () => {
    const tag = randomUUID().slice(0, 8);
    const words = {
      question: `Question ${tag}`,
      answer: `Answer ${tag}`,
      name: `Goran Kovac ${tag}`,
    };
    const recorder = await new TopicRecorder(testKafka()).start(
      Topics.rfiEvents,
      Topics.notificationEvents,
    );
    const rfi = await closedRequest(words);
    const title = `${words.name} and the Silk Routes network`;
    // Shown while the request lives, to those who may see it: asked of the rfi-service.
    await eventually('the title in the recipient inbox', async () =>
      (await inbox('fp-srb')).some((n) => n.subject.id === rfi.id && n.subject.title === title),
    );
    const before = await retentionOf('fp-pak', rfi);
    expect(before).toMatchObject({ rule: 'CLOSED', holds: [], deletedAt: null });
    expect(new Date(before.endsAt!).getTime()).toBeGreaterThan(Date.now() - 60_000);

    await deleted(rfi);
    const tombstone = await as<RfiBody & { title: string; requesterParty: string }>(
      'fp-pak',
      'GET',
      `/rfis/${rfi.id}`,
    );
    expect(tombstone.body).toMatchObject({
      id: rfi.id,
      reference: rfi.reference,
      status: 'CLOSED',
      requesterParty: 'PAK',
      title: '',
      question: '',
    });
    expect(tombstone.body.assignments.map((a) => a.recipientParty)).toContain('SRB');
    for (const part of ['messages', 'entities', 'attachments'])
      expect(
        (await as<{ items: unknown[] }>('fp-pak', 'GET', `/rfis/${rfi.id}/${part}`)).body.items,
      ).toEqual([]);
    const history = (
      await as<{ items: { action: string; details: Record<string, unknown> }[] }>(
        'fp-pak',
        'GET',
        `/rfis/${rfi.id}/history?limit=100`,
      )
    ).body.items;
    expect(history.find((l) => l.action === 'RETENTION_DELETED')?.details).toEqual({
      rule: 'CLOSED',
    });
    expect(history.map((l) => l.action)).toEqual(expect.arrayContaining(['SUBMITTED', 'CLOSED']));

    // Nothing of what people wrote is left in any answer, nor in the inboxes' copies.
    for (const user of ['fp-pak', 'fp-srb', 'secretariat']) {
      const seen = JSON.stringify([
        (await as(user, 'GET', `/rfis/${rfi.id}`)).body,
        (await as(user, 'GET', `/rfis/${rfi.id}/history?limit=100`)).body,
      ]);
      for (const word of [words.question, words.answer, words.name, 'answer.pdf'])
        expect(seen).not.toContain(word);
    }
    const told = (await inbox('fp-srb')).filter((n) => n.subject.id === rfi.id);
    expect(told.length).toBeGreaterThan(0);
    expect(JSON.stringify(told)).not.toContain(title);

    // Nor in the events kept for good, nor in the notifications' events: they never held it.
    await eventually('rfi.deleted on the topic', async () =>
      recorder
        .on(Topics.rfiEvents)
        .some((m) => m.value?.includes('"rfi.deleted"') && m.key === rfi.id),
    );
    await recorder.stop();
    const about = recorder.messages.filter((m) => m.value?.includes(rfi.id));
    expect(about.filter((m) => m.topic === Topics.rfiEvents).length).toBeGreaterThan(3);
    expect(about.filter((m) => m.topic === Topics.notificationEvents).length).toBeGreaterThan(0);
    for (const word of [title, words.name, words.question, words.answer])
      expect(JSON.stringify(about)).not.toContain(word);
  });

  it('is held by a legal hold with its reason, seen by the requester and the secretariat only, and goes once released', async () => {
    const tag = randomUUID().slice(0, 8);
    const words = {
      question: `Held question ${tag}`,
      answer: `Held answer ${tag}`,
      name: `Ivo Held ${tag}`,
    };
    const rfi = await closedRequest(words);
    const reason = `Proceedings opened ${tag}`;
    const held = await as<Retention>('secretariat', 'POST', `/rfis/${rfi.id}/legal-hold`, {
      json: { reason },
    });
    expect(held.status).toBe(201);
    expect(held.body.holds).toEqual([
      { holder: 'SECRETARIAT', reason, placedAt: expect.any(String) },
    ]);
    expect(
      (
        await as<{ code: string }>('secretariat', 'POST', `/rfis/${rfi.id}/legal-hold`, {
          json: { reason },
        })
      ).body.code,
    ).toBe('RETENTION.ALREADY_HELD');
    expect((await retentionOf('fp-pak', rfi)).holds).toHaveLength(1);
    expect((await as('fp-srb', 'GET', `/rfis/${rfi.id}/retention`)).status).toBe(403);

    await sleep(5_000); // past its end, and many passes
    expect((await retentionOf('fp-pak', rfi)).deletedAt).toBeNull();
    expect((await as<{ question: string }>('fp-pak', 'GET', `/rfis/${rfi.id}`)).body.question).toBe(
      words.question,
    );

    expect((await as('secretariat', 'DELETE', `/rfis/${rfi.id}/legal-hold`)).status).toBe(200);
    await deleted(rfi);
    const actions = async (user: string) =>
      (
        await as<{ items: { action: string }[] }>(user, 'GET', `/rfis/${rfi.id}/history?limit=100`)
      ).body.items.map((l) => l.action);
    expect(await actions('fp-pak')).toEqual(
      expect.arrayContaining(['LEGAL_HOLD_PLACED', 'LEGAL_HOLD_RELEASED', 'RETENTION_DELETED']),
    );
    expect(await actions('fp-srb')).not.toContain('LEGAL_HOLD_PLACED');
    expect(
      JSON.stringify(await as('fp-srb', 'GET', `/rfis/${rfi.id}/history?limit=100`)),
    ).not.toContain(reason);
    // Deleted: no hold any more.
    expect(
      (
        await as<{ code: string }>('fp-pak', 'POST', `/rfis/${rfi.id}/legal-hold`, {
          json: { reason },
        })
      ).body.code,
    ).toBe('RETENTION.DELETED');
  });

  it("deletes the secretariat's routing note with the bodies, and the history's chain still holds", async () => {
    const { rfi, words } = await multilateralStory('FULL');
    const routedLine = async () =>
      (
        await as<{ items: { action: string; details: { note?: string | null } }[] }>(
          'secretariat',
          'GET',
          `/rfis/${rfi.id}/history?limit=100`,
        )
      ).body.items.find((l) => l.action === 'ROUTED')!;
    expect((await routedLine()).details.note).toBe(words.routingNote);
    expect(
      (await as('fp-pak', 'POST', `/rfis/${rfi.id}/close`, { json: { outcome: 'Answered' } }))
        .status,
    ).toBe(200);
    await deleted(rfi);
    expect((await routedLine()).details.note).toBeNull();
    for (const user of ['secretariat', 'fp-pak', 'fp-srb', 'fp-hun']) {
      const seen = JSON.stringify([
        (await as(user, 'GET', `/rfis/${rfi.id}`)).body,
        (await as(user, 'GET', `/rfis/${rfi.id}/history?limit=100`)).body,
        (await as(user, 'GET', `/rfis/${rfi.id}/messages?limit=100`)).body,
      ]);
      for (const word of Object.values(words).filter((w) => w !== words.tag))
        expect(seen).not.toContain(word);
    }
    for (const user of ['secretariat', 'fp-pak'])
      expect((await as(user, 'GET', `/rfis/${rfi.id}/history/verify`)).body).toMatchObject({
        intact: true,
      });
  });

  it("applies the minors' rule to a request naming a minor", async () => {
    const tag = randomUUID().slice(0, 8);
    const rfi = await closedRequest(
      { question: `Minor ${tag}`, answer: `A ${tag}`, name: `Ana Minor ${tag}` },
      true,
    );
    expect((await retentionOf('fp-pak', rfi)).rule).toBe('MINORS');
    await deleted(rfi);
  });
});
