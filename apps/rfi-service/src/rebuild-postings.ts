import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { MikroORM } from '@mikro-orm/core';
import { EntityManager, PostgreSqlDriver } from '@mikro-orm/postgresql';
import {
  DeploymentEventData,
  DeploymentEvents,
  EVENT_CATALOG,
  EventEnvelope,
  Topics,
} from '@bp/contracts';
import { createKafka, readEvent } from '@bp/messaging';
import { mikroOrmOptions } from '@bp/persistence';
import { loadRfiServiceSettings } from './config/rfi-service-settings';
import { ormConfig } from './infrastructure/persistence/orm-config';
import { Postings } from './infrastructure/persistence/postings';

const settings = loadRfiServiceSettings();

const DEPLOYMENT_TYPES = new Set(
  Object.values(DeploymentEvents).map((definition) => definition.type),
);

/**
 * Rebuilds the projection of postings from an empty table by replaying bp.deployment.events from
 * the start up to its end at the moment the rebuild begins. Safe beside running services: applying
 * an event only ever moves a posting forward in its version.
 */
async function rebuild(): Promise<number> {
  const orm = await MikroORM.init<PostgreSqlDriver>(mikroOrmOptions(ormConfig(settings.database)));
  const kafka = createKafka(`rfi-service-rebuild-${randomUUID().slice(0, 8)}`, settings.kafka);
  const admin = kafka.admin();
  await admin.connect();
  const groupId = `rfi-service.postings-rebuild.${randomUUID()}`;
  const postings = new Postings();
  let applied = 0;
  let skipped = 0;
  try {
    const ends = new Map(
      (await admin.fetchTopicOffsets(Topics.deploymentEvents)).map((p) => [
        p.partition,
        BigInt(p.high),
      ]),
    );
    const pending = new Set(
      [...ends].filter(([, high]) => high > 0n).map(([partition]) => partition),
    );
    await (orm.em.fork() as EntityManager).execute('truncate posting');
    if (pending.size) {
      const consumer = kafka.consumer({ groupId, allowAutoTopicCreation: false });
      await consumer.connect();
      await consumer.subscribe({ topic: Topics.deploymentEvents, fromBeginning: true });
      await new Promise<void>((resolve, reject) => {
        consumer
          .run({
            eachMessage: async ({ partition, message }) => {
              // Poison the live consumer parked in the dead-letter topic is skipped here too.
              const read = readEvent(message.value, EVENT_CATALOG, Topics.deploymentEvents);
              if (!read.ok) skipped += 1;
              if (read.ok && DEPLOYMENT_TYPES.has(read.envelope.type)) {
                const event = read.envelope as EventEnvelope<DeploymentEventData>;
                await (orm.em.fork() as EntityManager).transactional((em) =>
                  postings.apply(em, event.data, event.subjectVersion ?? 0),
                );
                applied += 1;
              }
              if (BigInt(message.offset) + 1n >= ends.get(partition)!) pending.delete(partition);
              if (!pending.size) resolve();
            },
          })
          .catch(reject);
      });
      await consumer.disconnect();
      await admin.deleteGroups([groupId]).catch(() => undefined);
    }
    if (skipped)
      process.stderr.write(
        `rfi-service: skipped ${skipped} malformed message(s), as the live consumer parks them\n`,
      );
    return applied;
  } finally {
    await admin.disconnect();
    await orm.close(true);
  }
}

rebuild().then(
  (applied) => {
    process.stdout.write(`rfi-service: posting projection rebuilt from ${applied} event(s)\n`);
  },
  (error: unknown) => {
    process.stderr.write(
      `rfi-service: rebuilding the posting projection failed: ${String(error)}\n`,
    );
    process.exitCode = 1;
  },
);
