import { randomUUID } from 'node:crypto';
import { MikroORM } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { Kafka } from 'kafkajs';
import {
  DeploymentEventData,
  DeploymentEvents,
  EVENT_CATALOG,
  EventEnvelope,
  Topics,
} from '@bp/contracts';
import { readEvent } from '@bp/messaging';
import { advisoryLockKey } from '@bp/persistence';
import { Postings } from './postings';

const DEPLOYMENT_TYPES = new Set(
  Object.values(DeploymentEvents).map((definition) => definition.type),
);

const COLUMNS =
  'deployment_id, officer_id, sending_party, host_party, start_date, end_date, status, subject_version';

export interface RebuildOutcome {
  applied: number;
  /** Malformed messages, skipped as the live consumer parks them in the dead-letter topic. */
  skipped: number;
}

/** The rebuild stopped before its swap (events it could not apply, or a reason not to swap). */
export class RebuildFailed extends Error {
  constructor(readonly failures: readonly string[]) {
    super(
      `The rebuild stopped; the live projection is unchanged: ${failures.slice(0, 10).join('; ')}` +
        (failures.length > 10 ? ` (and ${failures.length - 10} more)` : ''),
    );
  }
}

/**
 * Rebuilds the projection of postings from the deployment events, up to the end of the topic when
 * it starts, into `posting_rebuild`, and then replaces the live rows in one transaction. Officers
 * keep their projection while it runs. A row the live consumer changed after the start and that is
 * at least as new as the rebuilt one stays; a live row no event supports goes. An event that
 * cannot be applied is noted and the rest go on, and then nothing is replaced (RebuildFailed).
 */
export async function rebuildPostings(
  orm: MikroORM,
  kafka: Kafka,
  topic: string = Topics.deploymentEvents,
): Promise<RebuildOutcome> {
  // Held for the whole run: two rebuilds sharing posting_rebuild would swap in each other's half.
  const guard = orm.em.fork() as EntityManager;
  await guard.begin();
  try {
    const [{ locked }] = await guard.execute<{ locked: boolean }[]>(
      'select pg_try_advisory_xact_lock(?) as locked',
      [advisoryLockKey('rfi-service.postings-rebuild')],
    );
    if (!locked) throw new RebuildFailed(['another rebuild of the postings is running']);
    return await rebuildAlone(orm, kafka, topic);
  } finally {
    await guard.rollback();
  }
}

async function rebuildAlone(orm: MikroORM, kafka: Kafka, topic: string): Promise<RebuildOutcome> {
  const em = () => orm.em.fork() as EntityManager;
  const [{ started }] = await em().execute<{ started: Date }[]>('select now() as started');
  await em().execute('delete from posting_rebuild');
  const outcome = await replayInto(kafka, topic, async (event) => {
    await em().transactional((tx) =>
      new Postings().apply(tx, event.data, event.subjectVersion ?? 0, 'posting_rebuild'),
    );
  });
  if (outcome.failures.length) throw new RebuildFailed(outcome.failures);
  const [{ live }] = await em().execute<{ live: string }[]>('select count(*) as live from posting');
  if (!outcome.applied && Number(live) > 0)
    // An emptied or recreated topic, or the wrong broker: not a reason to drop every posting.
    throw new RebuildFailed([`${topic} holds no deployment event; the projection has ${live}`]);
  await em().transactional(async (tx) => {
    // Readers go on; the live consumer waits for the few statements of the swap.
    await tx.execute('lock table posting in exclusive mode');
    await tx.execute(
      `delete from posting p where p.updated_at < ?
         and not exists (select 1 from posting_rebuild r where r.deployment_id = p.deployment_id)`,
      [started],
    );
    await tx.execute(
      `insert into posting as p (${COLUMNS}, updated_at)
       select ${COLUMNS}, now() from posting_rebuild
       on conflict (deployment_id) do update set
         officer_id = excluded.officer_id, sending_party = excluded.sending_party, host_party = excluded.host_party,
         start_date = excluded.start_date, end_date = excluded.end_date, status = excluded.status,
         subject_version = excluded.subject_version, updated_at = now()
       where p.updated_at < ? or p.subject_version < excluded.subject_version`,
      [started],
    );
    await tx.execute('delete from posting_rebuild');
  });
  return { applied: outcome.applied, skipped: outcome.skipped };
}

/** Reads `topic` from its start to its end as of now, in a group of its own deleted after. */
async function replayInto(
  kafka: Kafka,
  topic: string,
  apply: (event: EventEnvelope<DeploymentEventData>) => Promise<void>,
): Promise<RebuildOutcome & { failures: string[] }> {
  const outcome = { applied: 0, skipped: 0, failures: [] as string[] };
  const admin = kafka.admin();
  await admin.connect();
  try {
    const ends = new Map(
      (await admin.fetchTopicOffsets(topic)).map((p) => [p.partition, BigInt(p.high)]),
    );
    const pending = new Set([...ends].filter(([, high]) => high > 0n).map(([p]) => p));
    if (!pending.size) return outcome;
    const groupId = `rfi-service.postings-rebuild.${randomUUID()}`;
    const consumer = kafka.consumer({ groupId, allowAutoTopicCreation: false });
    await consumer.connect();
    try {
      await consumer.subscribe({ topic, fromBeginning: true });
      await new Promise<void>((resolve, reject) => {
        // A consumer KafkaJS gives up on would leave the rebuild waiting for ever.
        consumer.on(consumer.events.CRASH, ({ payload }) => {
          if (!payload.restart) reject(payload.error);
        });
        consumer
          .run({
            eachMessage: async ({ partition, message }) => {
              if (!pending.has(partition)) return;
              const read = readEvent(message.value, EVENT_CATALOG, topic);
              const place = `${topic}[${partition}]@${message.offset}`;
              // The live consumer holds on a newer version; so does the rebuild, by failing.
              if (!read.ok && read.newer) outcome.failures.push(`${place}: ${read.reason}`);
              else if (!read.ok) outcome.skipped += 1;
              else if (DEPLOYMENT_TYPES.has(read.envelope.type)) {
                try {
                  await apply(read.envelope as EventEnvelope<DeploymentEventData>);
                  outcome.applied += 1;
                } catch (error) {
                  outcome.failures.push(`${place}: ${(error as Error).message ?? String(error)}`);
                }
              }
              if (BigInt(message.offset) + 1n >= ends.get(partition)!) pending.delete(partition);
              if (!pending.size) resolve();
            },
          })
          .catch(reject);
      });
    } finally {
      await consumer.disconnect();
      await admin.deleteGroups([groupId]).catch(() => undefined);
    }
    return outcome;
  } finally {
    await admin.disconnect();
  }
}
