import { randomUUID } from 'node:crypto';
import { MikroORM } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { Kafka } from 'kafkajs';
import {
  DeploymentEventData,
  DeploymentEvents,
  EventEnvelope,
  SERVICES,
  Topics,
  replayGroupPrefix,
} from '@bp/contracts';
import { replayTopics } from '@bp/messaging';
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
 * cannot be applied is noted and the rest go on, and then nothing is replaced (RebuildFailed); nor
 * is it when a partition's first events are gone, as their postings would then be dropped.
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
  const outcome = await replayTopics(kafka, {
    topics: [topic],
    groupId: `${replayGroupPrefix(SERVICES.rfi)}postings.${randomUUID()}`,
    accepts: (type) => DEPLOYMENT_TYPES.has(type),
    apply: async (event) => {
      const { data, subjectVersion } = event as EventEnvelope<DeploymentEventData>;
      await em().transactional((tx) =>
        new Postings().apply(tx, data, subjectVersion ?? 0, 'posting_rebuild'),
      );
    },
  });
  if (outcome.failures.length) throw new RebuildFailed(outcome.failures);
  if (outcome.truncated.length)
    // Retention took the first events: the postings they made would go as unsupported.
    throw new RebuildFailed(
      outcome.truncated.map((partition) => `${partition}: the topic no longer holds every event`),
    );
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
