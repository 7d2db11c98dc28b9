import { randomUUID } from 'node:crypto';
import { MikroORM } from '@mikro-orm/core';
import { EntityManager, PostgreSqlDriver } from '@mikro-orm/postgresql';
import { Kafka } from 'kafkajs';
import { DeploymentEventData, DeploymentEvents, EventEnvelope } from '@bp/contracts';
import { migrateDatabase, mikroOrmOptions } from '@bp/persistence';
import { DATABASE_URL } from '../../../test/support/test-env';
import { dropTestDatabase } from '../../../test/support/database-fixtures';
import { createEventTopic, testKafka } from '../../../test/support/kafka-fixtures';
import { ormConfig } from '../src/infrastructure/persistence/orm-config';
import { Postings } from '../src/infrastructure/persistence/postings';
import { RebuildFailed, rebuildPostings } from '../src/infrastructure/persistence/postings-rebuild';

jest.setTimeout(120_000);

type Posting = Pick<DeploymentEventData, 'deploymentId' | 'status'> & { version: number };

function deploymentEvent(
  posting: Posting,
  overrides: Partial<DeploymentEventData> = {},
): EventEnvelope<DeploymentEventData> {
  return {
    id: randomUUID(),
    type: DeploymentEvents.activated.type,
    version: 1,
    source: 'deployment-service',
    subject: posting.deploymentId,
    subjectVersion: posting.version,
    occurredAt: new Date().toISOString(),
    correlationId: randomUUID(),
    causationId: null,
    actor: null,
    data: {
      deploymentId: posting.deploymentId,
      officerId: '5b0e7a3c-8a2b-4c1e-9f3d-1a2b3c4d5e6f',
      sendingParty: 'SRB',
      hostParty: 'HUN',
      startDate: '2026-01-01',
      endDate: '2026-12-31',
      status: posting.status,
      endReason: null,
      ...overrides,
    } as DeploymentEventData,
  };
}

/*
 * The rebuild once emptied the live table first, so officers met 404s until it ended, and one
 * event it could not apply made it retry that event for ever.
 */
describe('the postings projection rebuild (real Kafka, real PostgreSQL)', () => {
  const config = ormConfig({ serverUrl: DATABASE_URL, name: 'bp_rfi_postings_rebuild_test' });
  let orm: MikroORM;
  let kafka: Kafka;
  const em = () => orm.em.fork() as EntityManager;

  beforeAll(async () => {
    await dropTestDatabase(config.database);
    await migrateDatabase(config);
    orm = await MikroORM.init<PostgreSqlDriver>(mikroOrmOptions(config));
    kafka = testKafka();
  });

  afterAll(async () => {
    await orm?.close(true);
    await dropTestDatabase(config.database);
  });

  beforeEach(() => em().execute('delete from posting'));

  async function publish(topic: string, values: (object | string)[]): Promise<void> {
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({
      topic,
      messages: values.map((value) => ({
        key: 'one-partition',
        value: typeof value === 'string' ? value : JSON.stringify(value),
      })),
    });
    await producer.disconnect();
  }

  async function live(): Promise<Record<string, { status: string; version: number }>> {
    const rows = await em().execute<
      { deployment_id: string; status: string; subject_version: number }[]
    >('select deployment_id, status, subject_version from posting');
    return Object.fromEntries(
      rows.map((r) => [r.deployment_id, { status: r.status, version: r.subject_version }]),
    );
  }

  /** A live row as the consumer wrote it, `minutesAgo` before now (negative: after now). */
  async function liveRow(posting: Posting, minutesAgo: number): Promise<void> {
    await new Postings().apply(em(), deploymentEvent(posting).data, posting.version);
    await em().execute(
      `update posting set updated_at = now() - make_interval(mins => ?) where deployment_id = ?`,
      [minutesAgo, posting.deploymentId],
    );
  }

  // Issue 13: "the postings projection rebuild empties the table first (officers get 404 until it ends)".
  it('the postings rebuild no longer empties the table first: it builds beside the live rows, replaces stale ones, keeps what the live consumer wrote meanwhile, and drops rows no event supports', async () => {
    const topic = await createEventTopic(kafka, 1);
    const [ended, changedMeanwhile, createdMeanwhile, unsupported] = [1, 2, 3, 4].map(() =>
      randomUUID(),
    );
    await publish(topic, [
      deploymentEvent({ deploymentId: ended!, status: 'ACTIVE', version: 1 }),
      'not an event',
      deploymentEvent({ deploymentId: ended!, status: 'ENDED', version: 2 }),
      deploymentEvent({ deploymentId: changedMeanwhile!, status: 'ACTIVE', version: 1 }),
    ]);
    await liveRow({ deploymentId: ended!, status: 'ACTIVE', version: 1 }, 60);
    await liveRow({ deploymentId: unsupported!, status: 'ACTIVE', version: 7 }, 60);
    await liveRow({ deploymentId: changedMeanwhile!, status: 'ENDED', version: 3 }, -5);
    await liveRow({ deploymentId: createdMeanwhile!, status: 'ACTIVE', version: 1 }, -5);

    expect(await rebuildPostings(orm, kafka, topic)).toEqual({ applied: 3, skipped: 1 });

    expect(await live()).toEqual({
      [ended!]: { status: 'ENDED', version: 2 },
      [changedMeanwhile!]: { status: 'ENDED', version: 3 },
      [createdMeanwhile!]: { status: 'ACTIVE', version: 1 },
    });
    expect(await em().execute('select 1 from posting_rebuild')).toHaveLength(0);
  });

  // Issue 13: the rebuild "can hang on one malformed record".
  it('the postings rebuild no longer hangs on one malformed record: it names the event it cannot apply, goes on to the end, and leaves the live projection as it was', async () => {
    const topic = await createEventTopic(kafka, 1);
    const kept = { deploymentId: randomUUID(), status: 'ACTIVE' as const, version: 1 };
    await liveRow(kept, 60);
    const before = await live();
    await publish(topic, [
      deploymentEvent({ deploymentId: randomUUID(), status: 'ACTIVE', version: 1 }),
      deploymentEvent(
        { deploymentId: randomUUID(), status: 'ACTIVE', version: 1 },
        { startDate: '2026-02-30' },
      ),
      deploymentEvent({ deploymentId: randomUUID(), status: 'ACTIVE', version: 1 }),
    ]);

    const failure = await rebuildPostings(orm, kafka, topic).catch((error: unknown) => error);

    expect(failure).toBeInstanceOf(RebuildFailed);
    expect((failure as RebuildFailed).failures).toEqual([
      expect.stringMatching(new RegExp(`^${topic.replace(/\./g, '\\.')}\\[0\\]@1: `)),
    ]);
    expect(await live()).toEqual(before);
  });

  it('refuses to drop every posting when the topic holds no deployment event', async () => {
    const topic = await createEventTopic(kafka, 1);
    await liveRow({ deploymentId: randomUUID(), status: 'ACTIVE', version: 1 }, 60);
    const before = await live();

    await expect(rebuildPostings(orm, kafka, topic)).rejects.toBeInstanceOf(RebuildFailed);
    expect(await live()).toEqual(before);
  });

  it('refuses to swap when retention took the first events: the postings they made stay', async () => {
    const topic = await createEventTopic(kafka, 1);
    const [first, second] = [randomUUID(), randomUUID()];
    await publish(topic, [
      deploymentEvent({ deploymentId: first!, status: 'ACTIVE', version: 1 }),
      deploymentEvent({ deploymentId: second!, status: 'ACTIVE', version: 1 }),
    ]);
    const admin = kafka.admin();
    await admin.connect();
    try {
      // As retention would: the partition's log now starts at offset 1, without `first`'s event.
      await admin.fetchTopicMetadata({ topics: [topic] });
      await admin.deleteTopicRecords({ topic, partitions: [{ partition: 0, offset: '1' }] });
    } finally {
      await admin.disconnect();
    }
    await liveRow({ deploymentId: first!, status: 'ACTIVE', version: 1 }, 60);
    await liveRow({ deploymentId: second!, status: 'ACTIVE', version: 1 }, 60);
    const before = await live();

    const failure = await rebuildPostings(orm, kafka, topic).catch((error: unknown) => error);

    expect(failure).toBeInstanceOf(RebuildFailed);
    expect((failure as RebuildFailed).failures).toEqual([
      `${topic}[0] from offset 1: the topic no longer holds every event`,
    ]);
    expect(await live()).toEqual(before);
    expect(Object.keys(before)).toEqual(expect.arrayContaining([first, second]));
  });
});
