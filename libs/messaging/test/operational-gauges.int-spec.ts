import { randomUUID } from 'node:crypto';
import { MikroORM } from '@mikro-orm/core';
import { Client } from 'pg';
import { Gauge, register } from 'prom-client';
import { Kafka, Producer } from 'kafkajs';
import { SERVICES, deadLetterTopic } from '@bp/contracts';
import { advisoryLockKey, databaseUrl } from '@bp/persistence';
import {
  ConsumptionGauges,
  OutboxGauges,
  OutboxRelay,
  WatchedGroup,
  consumptionWatch,
  createKafka,
  producerConfig,
  stageEvents,
} from '@bp/messaging';
import { createEventTopic, testKafka } from '../../../test/support/kafka-fixtures';
import { createMessagingTestDatabase, fork } from '../../../test/support/database-fixtures';
import { eventually, kafkaConnection, sleep } from '../../../test/support/test-env';
import { probeConsumer, probeEnvelope, probeEvents } from './probe-fixture';

jest.setTimeout(120_000);

/** A gauge's value for one series in this process's registry; undefined while it has none. */
async function gaugeValue(name: string, labels: Record<string, string>) {
  const gauge = register.getSingleMetric(name) as Gauge | undefined;
  const values = (await gauge?.get())?.values ?? [];
  return values.find((value) =>
    Object.entries(labels).every(([label, wanted]) => value.labels[label] === wanted),
  )?.value;
}

/** Waits until every series named has the value given (and exists). */
function gaugesReach(name: string, expected: [Record<string, string>, number][]) {
  return eventually(`${name} to reach ${JSON.stringify(expected)}`, async () => {
    for (const [labels, value] of expected)
      if ((await gaugeValue(name, labels)) !== value) return false;
    return true;
  });
}

describe('the gauges that show trouble before users do (real PostgreSQL, real Kafka)', () => {
  let orm: MikroORM;
  let connectionString: string;
  let kafka: Kafka;
  let producer: Producer;
  const closers: (() => Promise<unknown>)[] = [];

  beforeAll(async () => {
    const db = await createMessagingTestDatabase('bp_operational_gauges_it');
    orm = db.orm;
    connectionString = databaseUrl(db.config.database);
    kafka = testKafka();
    producer = kafka.producer();
    await producer.connect();
  });

  afterEach(async () => {
    while (closers.length) await closers.pop()!();
  });

  afterAll(async () => {
    await producer.disconnect();
    await orm.close(true);
  });

  function watchConsumption(
    groups: WatchedGroup[],
    deadLetterTopics: string[],
    principal?: string,
  ) {
    const gauges = new ConsumptionGauges({
      clientId: 'it-consumption-gauges',
      kafka: kafkaConnection(principal),
      groups,
      deadLetterTopics,
      intervalMs: 200,
    });
    gauges.start();
    closers.push(() => gauges.stop());
    return gauges;
  }

  it('reports the age of the oldest waiting outbox event from a standby instance, and 0 once it is published', async () => {
    const service = `it-gauges-${randomUUID().slice(0, 8)}`;
    // The gauges count the whole outbox: what earlier runs left in this database goes first.
    await fork(orm).execute('delete from outbox_message');
    const topic = await createEventTopic(kafka, 1);
    const { incremented } = probeEvents(topic);
    const counterId = randomUUID();
    await fork(orm).transactional((em) =>
      stageEvents(
        em,
        [1, 2, 3].map((sequence) => ({
          definition: incremented,
          subject: counterId,
          data: { counterId, sequence },
        })),
        { source: 'it' },
      ),
    );
    // One of them as the relay parks a record the broker refuses: counted apart, never published.
    await fork(orm).execute(
      `update outbox_message set parked_at = now(), parked_reason = 'it'
       where position = (select max(position) from outbox_message where topic = ?)`,
      [topic],
    );
    // Another instance holds the relay's lock and publishes nothing (stuck): this one is on standby.
    const stuckRelay = new Client({ connectionString });
    await stuckRelay.connect();
    let stuck = true;
    const unstick = async () => {
      if (stuck) await stuckRelay.end();
      stuck = false;
    };
    closers.push(unstick);
    await stuckRelay.query('select pg_advisory_lock($1)', [
      advisoryLockKey(`outbox-relay:${service}`),
    ]);
    const relay = new OutboxRelay({
      connectionString,
      service,
      producer: createKafka('it-gauges-relay', kafkaConnection()).producer(producerConfig()),
      pollIntervalMs: 200,
      standbyIntervalMs: 200,
    });
    relay.start();
    closers.push(() => relay.stop());
    const gauges = new OutboxGauges({ orm, service, intervalMs: 200 });
    gauges.start();
    closers.push(() => gauges.stop());

    await gaugesReach('bp_outbox_backlog', [[{ service }, 2]]);
    await gaugesReach('bp_outbox_parked_events', [[{ service }, 1]]);
    const firstAge = (await gaugeValue('bp_outbox_oldest_age_seconds', { service }))!;
    await sleep(1_500);
    const laterAge = (await gaugeValue('bp_outbox_oldest_age_seconds', { service }))!;
    expect(relay.isActive).toBe(false);
    expect(laterAge).toBeGreaterThan(firstAge + 1);

    await unstick();
    await gaugesReach('bp_outbox_backlog', [[{ service }, 0]]);
    await gaugesReach('bp_outbox_oldest_age_seconds', [[{ service }, 0]]);
    expect(relay.isActive).toBe(true);
    expect(await gaugeValue('bp_outbox_parked_events', { service })).toBe(1);
  });

  it('reports the lag of a consumer group per partition, from its committed offsets', async () => {
    const topic = await createEventTopic(kafka, 3);
    await producer.send({
      topic,
      messages: [
        ...Array.from({ length: 5 }, (_, i) => ({ partition: 0, value: `a${i}` })),
        ...Array.from({ length: 2 }, (_, i) => ({ partition: 1, value: `b${i}` })),
      ],
    });
    const groupId = `it-lag-${randomUUID().slice(0, 8)}`;
    const admin = kafka.admin();
    await admin.connect();
    closers.push(() => admin.disconnect());
    // The group read two messages of partition 0 and none of partition 1 yet.
    await admin.setOffsets({ groupId, topic, partitions: [{ partition: 0, offset: '2' }] });
    watchConsumption([{ groupId, topics: [topic], fromBeginning: true }], []);

    const series = (partition: number) => ({ group: groupId, topic, partition: String(partition) });
    await gaugesReach('bp_consumer_lag', [
      [series(0), 3],
      [series(1), 2],
      [series(2), 0],
    ]);

    await admin.setOffsets({
      groupId,
      topic,
      partitions: [
        { partition: 0, offset: '5' },
        { partition: 1, offset: '2' },
      ],
    });
    await gaugesReach('bp_consumer_lag', [
      [series(0), 0],
      [series(1), 0],
    ]);
  });

  it('counts a record the consumer dead-lettered in the depth of its dead-letter topic, and its lag falls to 0', async () => {
    const topic = await createEventTopic(kafka, 1);
    const consumerName = `it-dead-letters-${randomUUID().slice(0, 8)}`;
    await producer.send({
      topic,
      messages: [
        { key: 'k', value: 'this is not json' },
        { key: 'k', value: JSON.stringify(probeEnvelope(topic, 'k', 1)) },
      ],
    });
    watchConsumption(
      [{ groupId: consumerName, topics: [topic], fromBeginning: true }],
      [deadLetterTopic(topic)],
    );
    const lag = { group: consumerName, topic, partition: '0' };
    await gaugesReach('bp_consumer_lag', [[lag, 2]]);
    await gaugesReach('bp_dead_letter_depth', [[{ topic: deadLetterTopic(topic) }, 0]]);

    const consumer = probeConsumer(orm, topic, async () => undefined, { consumerName });
    closers.push(() => consumer.stop());
    await consumer.start();

    await gaugesReach('bp_dead_letter_depth', [[{ topic: deadLetterTopic(topic) }, 1]]);
    await gaugesReach('bp_consumer_lag', [[lag, 0]]);
  });

  it.each(Object.values(SERVICES))(
    "reads what $name's gauges need with its own broker principal",
    async (service) => {
      for (const name of ['bp_consumer_lag', 'bp_dead_letter_depth'])
        (register.getSingleMetric(name) as Gauge).reset();
      const watch = consumptionWatch(service, service.consumes);
      watchConsumption(watch.groups, watch.deadLetterTopics, service.name);

      const groupSeries = watch.groups.flatMap(({ groupId, topics }) =>
        topics.map((topic) => ({ group: groupId, topic, partition: '0' })),
      );
      await eventually(`every series of ${service.name}`, async () => {
        for (const labels of groupSeries)
          if ((await gaugeValue('bp_consumer_lag', labels)) === undefined) return false;
        for (const topic of watch.deadLetterTopics)
          if ((await gaugeValue('bp_dead_letter_depth', { topic })) === undefined) return false;
        return true;
      });
      expect(groupSeries.map((labels) => labels.group)).toContain(`${service.name}-server`);
    },
  );
});
