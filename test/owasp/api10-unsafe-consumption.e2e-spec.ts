import { randomUUID } from 'node:crypto';
import { Producer } from 'kafkajs';
import { MessageHeaders, Topics, deadLetterTopic } from '@bp/contracts';
import { apps, eventually } from '../support/test-env';
import { TopicRecorder, deploymentEvent, testKafka } from '../support/kafka-fixtures';
import { postingSeen, rfiDatabase } from '../support/officer-fixtures';

jest.setTimeout(180_000);

describe('API10: unsafe consumption of APIs (events other services send us)', () => {
  const kafka = testKafka();
  let producer: Producer;
  let recorder: TopicRecorder;

  beforeAll(async () => {
    await apps.start('rfi-service');
    producer = kafka.producer();
    await producer.connect();
    recorder = await new TopicRecorder(kafka).start(deadLetterTopic(Topics.deploymentEvents));
  });
  afterAll(async () => {
    await producer.disconnect();
    await recorder.stop();
    await apps.release('rfi-service');
  });

  it('parks every malformed event in the dead-letter topic, applies none, and keeps the partition flowing', async () => {
    const key = randomUUID();
    const spoiled: [string, string | null][] = [
      ['not JSON', '{"id": '],
      ['an empty message', null],
      ['JSON that is no envelope', JSON.stringify({ hello: 'world' })],
      [
        'an officer id that is no id',
        JSON.stringify(deploymentEvent(randomUUID(), { officerId: "1' or '1'='1" })),
      ],
      [
        'a party code that is no code',
        JSON.stringify(deploymentEvent(randomUUID(), { hostParty: 'SRB; drop table posting' })),
      ],
      ['an unknown status', JSON.stringify(deploymentEvent(randomUUID(), { status: 'GODMODE' }))],
      [
        'a date that is no date',
        JSON.stringify(deploymentEvent(randomUUID(), { endDate: 'soon' })),
      ],
      [
        'an actor that is no actor',
        JSON.stringify({ ...deploymentEvent(randomUUID()), actor: { role: 'admin' } }),
      ],
    ];
    const spoiledIds = spoiled.map(([, value]) => {
      try {
        return (JSON.parse(value ?? 'null') as { data?: { deploymentId?: string } })?.data
          ?.deploymentId;
      } catch {
        return undefined;
      }
    });
    // One key: one partition, so the good event behind them shows the partition was not blocked.
    const good = randomUUID();
    await producer.send({
      topic: Topics.deploymentEvents,
      messages: [
        ...spoiled.map(([what, value]) => ({ key, value, headers: { 'x-test-case': what } })),
        { key, value: JSON.stringify(deploymentEvent(good)) },
      ],
    });

    await postingSeen(good, 'PROPOSED');
    const parked = await eventually('every spoiled event in the dead-letter topic', async () => {
      const ours = recorder
        .on(deadLetterTopic(Topics.deploymentEvents))
        .filter(
          (m) => m.key === key && m.headers[MessageHeaders.dlqConsumer] === 'rfi-service.events',
        );
      return ours.length >= spoiled.length ? ours : undefined;
    });
    expect(parked.map((m) => m.headers['x-test-case']).sort()).toEqual(
      spoiled.map(([what]) => what).sort(),
    );
    for (const message of parked) expect(message.headers[MessageHeaders.dlqError]).toBeTruthy();
    const applied = await rfiDatabase(
      async (client) =>
        (
          await client.query('select deployment_id from posting where deployment_id = any($1)', [
            spoiledIds.filter(Boolean),
          ])
        ).rows,
    );
    expect(applied).toEqual([]);
  });
});
