import { MikroORM } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { Kafka } from 'kafkajs';
import { randomUUID } from 'node:crypto';
import {
  DeploymentEventData,
  DeploymentEvents,
  EventEnvelope,
  KnowledgeExchangeEventData,
  KnowledgeExchangeEvents,
  RfiEvents,
  SERVICES,
  replayGroupPrefix,
} from '@bp/contracts';
import { eventConsumerGroup, replayTopics } from '@bp/messaging';
import { advisoryLockKey } from '@bp/persistence';
import {
  TableDifference,
  compareWithLive,
  inRebuildSchema,
  countRebuiltCells,
  prepareRebuildSchema,
  replaceLiveModel,
} from '../infrastructure/persistence/rebuild-schema';
import { ReportModel } from './report-model';
import { AnyRfiEventData } from './rfi-event-facts';

const typesOf = (events: object) =>
  new Set(Object.values(events).map((definition: { type: string }) => definition.type));
const RFI = typesOf(RfiEvents);
const DEPLOYMENT = typesOf(DeploymentEvents);
const EXCHANGE = typesOf(KnowledgeExchangeEvents);

export interface ModelRebuild {
  applied: number;
  skipped: number;
  failures: string[];
  /** Partitions whose first events retention deleted: the rebuild lacks them, and replaces nothing. */
  truncated: string[];
  /** Where each partition of each topic ended when the replay started. */
  ends: Record<string, Record<string, string>>;
  differences: TableDifference[];
  /** Every table has the same rows in the rebuild as in the live model. */
  equal: boolean;
  replaced: boolean;
}

/**
 * Replays the topics the model is made from (kept for good), from their start to their ends as of
 * now, into an empty copy of the model beside the live one, and compares the two table by table.
 * With `replace` (only while the reporting-service is stopped: `beforeReplace` checks it again in
 * the replacing transaction), the rebuild then takes the live model's place. An event that cannot
 * be applied, or a topic whose first events retention deleted, and nothing is replaced.
 */
export async function rebuildModel(
  orm: MikroORM,
  kafka: Kafka,
  model: ReportModel,
  options: {
    topics?: readonly string[];
    replace?: boolean;
    /** Checked in the replacing transaction, before a row changes: throws to keep the live model. */
    beforeReplace?: () => Promise<void>;
  } = {},
): Promise<ModelRebuild> {
  const topics = options.topics ?? SERVICES.reporting.consumes;
  const em = () => orm.em.fork() as EntityManager;
  // Held for the whole run: two rebuilds sharing the schema would mix their halves.
  const guard = em();
  await guard.begin();
  try {
    const [{ locked }] = await guard.execute<{ locked: boolean }[]>(
      'select pg_try_advisory_xact_lock(?) as locked',
      [advisoryLockKey('reporting-service.model-rebuild')],
    );
    if (!locked) throw new Error('Another rebuild of the reporting model is running');
    await em().transactional((tx) => prepareRebuildSchema(tx));
    const replayed: { id: string; type: string }[] = [];
    const outcome = await replayTopics(kafka, {
      topics,
      groupId: `${replayGroupPrefix(SERVICES.reporting)}model.${randomUUID()}`,
      accepts: (type) => RFI.has(type) || DEPLOYMENT.has(type) || EXCHANGE.has(type),
      apply: async (event) => {
        await inRebuildSchema(em(), (tx) => apply(model, tx, event));
        replayed.push({ id: event.id, type: event.type });
      },
    });
    await countRebuiltCells(em());
    const differences = await compareWithLive(em());
    const equal = differences.every((d) => d.onlyLive === 0 && d.onlyRebuilt === 0);
    const replace =
      Boolean(options.replace) && !outcome.failures.length && !outcome.truncated.length;
    if (replace)
      await replaceLiveModel(
        em(),
        eventConsumerGroup(SERVICES.reporting),
        replayed,
        options.beforeReplace,
      );
    return {
      applied: outcome.applied,
      skipped: outcome.skipped,
      failures: outcome.failures,
      truncated: outcome.truncated,
      ends: Object.fromEntries(
        [...outcome.ends].map(([topic, ends]) => [
          topic,
          Object.fromEntries([...ends].map(([p, high]) => [String(p), String(high)])),
        ]),
      ),
      differences,
      equal,
      replaced: replace,
    };
  } finally {
    await guard.rollback();
  }
}

function apply(model: ReportModel, tx: EntityManager, event: EventEnvelope): Promise<void> {
  if (RFI.has(event.type)) return model.applyRfiEvent(tx, event as EventEnvelope<AnyRfiEventData>);
  if (DEPLOYMENT.has(event.type))
    return model.applyDeploymentEvent(tx, event as EventEnvelope<DeploymentEventData>);
  return model.applyExchangeEvent(tx, event as EventEnvelope<KnowledgeExchangeEventData>);
}
