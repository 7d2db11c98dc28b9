import { randomUUID } from 'node:crypto';
import { MikroORM } from '@mikro-orm/core';
import { Client } from 'pg';
import { OutboxRelay, createKafka, producerConfig, stageEvents } from '@bp/messaging';
import { databaseUrl } from '@bp/persistence';
import { createEventTopic, testKafka, TopicRecorder } from '../../../test/support/kafka-fixtures';
import { createMessagingTestDatabase, fork } from '../../../test/support/database-fixtures';
import { eventually, kafkaConnection, sleep } from '../../../test/support/test-env';
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

  // Without vacuum (this machine's PostgreSQL runs with autovacuum off) the only thing that clears
  // the partial index's entries of published rows is a plain index scan passing them.
  it("leaves no live entry of a published row in the outbox's unpublished index, even without vacuum", async () => {
    const topic = await createEventTopic(testKafka(), 1);
    const { incremented } = probeEvents(topic);
    // A database whose planner would rather not walk an index: the relay must walk it anyway.
    const database = new URL(connectionString).pathname.slice(1);
    await fork(orm).execute(`alter database ${database} set enable_indexscan = off`);
    closers.push(() => fork(orm).execute(`alter database ${database} reset enable_indexscan`));
    const published = relay('sweeper', connectionString);
    await eventually('the relay to be active', async () => published.isActive);

    const counterId = `swept-${randomUUID()}`;
    await fork(orm).transactional((em) =>
      stageEvents(
        em,
        Array.from({ length: 2_000 }, (_, n) => ({
          definition: incremented,
          subject: counterId,
          data: { counterId, sequence: n },
        })),
        { source: 'it' },
      ),
    );
    await eventually(
      'every row to be published',
      async () => {
        const [row] = await fork(orm).execute<{ n: string }[]>(
          'select count(*) as n from outbox_message where published_at is null',
        );
        return Number(row!.n) === 0;
      },
      60_000,
    );
    // A poll that finds nothing after the last batch has passed every entry.
    await sleep(1_000);

    // A bitmap scan does not mark dead entries itself: it sees what the relay's polls left.
    const probe = new Client({ connectionString });
    await probe.connect();
    try {
      await probe.query('set enable_indexscan = off; set enable_seqscan = off');
      const { rows } = await probe.query<{ 'QUERY PLAN': [{ Plan: PlanNode }] }>(
        `explain (analyze, buffers, format json) select position from outbox_message
         where published_at is null and parked_at is null order by position limit 100`,
      );
      const heapScan = findNode(rows[0]!['QUERY PLAN'][0].Plan, 'Bitmap Heap Scan');
      expect(heapScan).toBeDefined();
      expect(heapScan!['Exact Heap Blocks'] ?? 0).toBe(0);
    } finally {
      await probe.end();
    }
  });

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

interface PlanNode {
  'Node Type': string;
  'Exact Heap Blocks'?: number;
  Plans?: PlanNode[];
}

function findNode(node: PlanNode, type: string): PlanNode | undefined {
  if (node['Node Type'] === type) return node;
  for (const child of node.Plans ?? []) {
    const found = findNode(child, type);
    if (found) return found;
  }
  return undefined;
}
