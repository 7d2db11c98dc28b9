import { randomUUID } from 'node:crypto';
import { MikroORM } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import {
  AclOperationTypes,
  AclPermissionTypes,
  AclResourceTypes,
  Admin,
  Kafka,
  ResourcePatternTypes,
} from 'kafkajs';
import { kafkaClientConfig } from '@bp/messaging';
import { BrokenParts, LivenessController } from '@bp/observability';
import { createEventTopic, testKafka } from '../../../test/support/kafka-fixtures';
import { createMessagingTestDatabase } from '../../../test/support/database-fixtures';
import { eventually, kafkaConnection } from '../../../test/support/test-env';
import { applyIncrement, createProbeTable, probeConsumer } from './probe-fixture';

jest.setTimeout(120_000);

/** A principal of the test broker whose rights this test grants and takes away on its own topic. */
const PRINCIPAL = 'knowledge-exchange-service';

/*
 * KafkaJS does not restart a consumer that crashed on a non-retriable error (here: its read right
 * taken away). The process went on answering its liveness probe while consuming nothing.
 */
describe('a crashed consumer is not reported (real Kafka, real PostgreSQL)', () => {
  let orm: MikroORM;
  let kafka: Kafka;
  let admin: Admin;

  beforeAll(async () => {
    ({ orm } = await createMessagingTestDatabase('bp_consumer_crash_it'));
    await createProbeTable(orm.em.fork() as EntityManager);
    kafka = testKafka();
    admin = kafka.admin();
    await admin.connect();
  });

  afterAll(async () => {
    await admin.disconnect();
    await orm.close(true);
  });

  const acl = (resourceType: AclResourceTypes, resourceName: string) => ({
    resourceType,
    resourceName,
    resourcePatternType: ResourcePatternTypes.LITERAL,
    principal: `User:${PRINCIPAL}`,
    host: '*',
    operation: AclOperationTypes.READ,
    permissionType: AclPermissionTypes.ALLOW,
  });

  it('marks the consumer broken so liveness fails, once KafkaJS gives it up', async () => {
    const topic = await createEventTopic(kafka, 1);
    const group = `it-crash-${randomUUID().slice(0, 8)}`;
    const readTopic = acl(AclResourceTypes.TOPIC, topic);
    const joinGroup = acl(AclResourceTypes.GROUP, group);
    await admin.createAcls({ acl: [readTopic, joinGroup] });
    const consumer = probeConsumer(
      orm,
      topic,
      async (_event, em) => applyIncrement(em, `crash-${group}`, 1),
      {
        consumerName: group,
        kafka: new Kafka({
          ...kafkaClientConfig('it-crash', kafkaConnection(PRINCIPAL)),
          retry: { initialRetryTime: 50, retries: 1 },
        }),
      },
    );
    const component = `event consumer ${group}`;
    try {
      await consumer.start();
      expect(BrokenParts.names()).not.toContain(component);
      expect(new LivenessController().live()).toMatchObject({ status: 'ok' });

      await admin.deleteAcls({ filters: [readTopic] });

      await eventually('the consumer marked broken', async () =>
        BrokenParts.names().includes(component),
      );
      expect(() => new LivenessController().live()).toThrow(
        expect.objectContaining({ status: 503 }) as Error,
      );
    } finally {
      await consumer.stop();
      await admin.deleteAcls({ filters: [readTopic, joinGroup] });
      BrokenParts.recovered(component);
    }
  });
});
