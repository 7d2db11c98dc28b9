import { randomUUID } from 'node:crypto';
import { MikroORM } from '@mikro-orm/core';
import { OutboxRelay, createKafka, producerConfig, stageEvents } from '@bp/messaging';
import { databaseUrl } from '@bp/persistence';
import { createEventTopic, testKafka, TopicRecorder } from '../../../test/support/kafka-fixtures';
import { createMessagingTestDatabase, fork } from '../../../test/support/database-fixtures';
import { eventually, kafkaConnection } from '../../../test/support/test-env';
import { DatabaseProxy } from '../../../test/support/database-proxy';
import { probeEvents } from './probe-fixture';

jest.setTimeout(120_000);

describe('the outbox relay on a connection that goes silent (real PostgreSQL, real Kafka)', () => {
  let orm: MikroORM;
  let connectionString: string;
  const closers: (() => Promise<unknown>)[] = [];

  beforeAll(async () => {
    const db = await createMessagingTestDatabase('bp_relay_session_it');
    orm = db.orm;
    connectionString = databaseUrl(db.config.database);
  });

  afterEach(async () => {
    while (closers.length) await closers.pop()!();
  });

  afterAll(() => orm.close(true));

  function relay(name: string, through: string): OutboxRelay {
    const started = new OutboxRelay({
      connectionString: through,
      service: 'it-silent',
      producer: createKafka(`it-relay-${name}`, kafkaConnection()).producer(producerConfig()),
      pollIntervalMs: 200,
      standbyIntervalMs: 200,
      sessionTimeoutMs: 1_500,
    });
    started.start();
    closers.push(() => started.stop());
    return started;
  }

  // Issue 13: "the active relay's Postgres connection sets no keepalive or timeouts".
  it('a half-open relay connection no longer keeps the advisory lock for hours: the lock passes to a standby when the active relay goes silent, and the events flow on', async () => {
    const topic = await createEventTopic(testKafka(), 1);
    const proxy = new DatabaseProxy(Number(new URL(connectionString).port || 5432));
    const proxyPort = await proxy.listen();
    closers.push(() => proxy.close());
    const viaProxy = new URL(connectionString);
    viaProxy.port = String(proxyPort);

    const cutOff = relay('cut-off', viaProxy.toString());
    await eventually('the first relay to be active', async () => cutOff.isActive);
    const standby = relay('standby', connectionString);
    const seen = await new TopicRecorder(testKafka()).start(topic);
    closers.push(() => seen.stop());

    proxy.silence();
    const { incremented } = probeEvents(topic);
    const counterId = `silent-${randomUUID()}`;
    await fork(orm).transactional((em) =>
      stageEvents(
        em,
        [{ definition: incremented, subject: counterId, data: { counterId, sequence: 1 } }],
        {
          source: 'it',
        },
      ),
    );

    await eventually('the standby to take over', async () => standby.isActive, 30_000);
    await eventually('the event to be published', async () => seen.on(topic).length >= 1, 30_000);
    expect(seen.on(topic)).toHaveLength(1);
  });
});
