import { randomUUID } from 'node:crypto';
import { EntityManager } from '@mikro-orm/postgresql';
import { Kafka } from 'kafkajs';
import {
  DeploymentEventData,
  DeploymentEvents,
  EventEnvelope,
  KnowledgeExchangeEvents,
  RfiEvents,
} from '@bp/contracts';
import { serviceTestDatabase } from '../../../test/support/database-fixtures';
import { createEventTopic, deploymentEvent, testKafka } from '../../../test/support/kafka-fixtures';
import { Story } from '../../../test/support/rfi-story';
import { DATABASE_URL } from '../../../test/support/test-env';
import { ormConfig } from '../src/infrastructure/persistence/orm-config';
import { ReportRecords } from '../src/infrastructure/persistence/report-records';
import { ReportPostings } from '../src/infrastructure/persistence/report-postings';
import { ReportExchanges } from '../src/infrastructure/persistence/report-exchanges';
import { ReportModel } from '../src/application/report-model';
import { rebuildModel } from '../src/application/model-rebuild';
import { AnyRfiEventData } from '../src/application/rfi-event-facts';

jest.setTimeout(120_000);

const HOUR = 3_600_000;
const t0 = Date.UTC(2026, 4, 4, 8);
const clock = (hours: number) => new Date(t0 + hours * HOUR);

/** Requests, a posting and an exchange, as their services would announce them. */
function history(): { key: string; event: EventEnvelope }[] {
  const stories = [
    new Story(clock, 'PAK', 'SRB', ['DOCUMENT_FRAUD'])
      .routed(0, 72)
      .on(RfiEvents.acknowledged.type, 2, 72)
      .on(RfiEvents.responded.type, 10, 72),
    new Story(clock, 'AUT', 'HUN', ['ASYLUM']).routed(1, 24).on(RfiEvents.declined.type, 3, 24),
    new Story(clock, 'SRB', 'PAK', ['SMUGGLING_OF_MIGRANTS'])
      .routed(2, 24)
      .on(RfiEvents.overdue.type, 30, 24, { escalationLevel: 1, escalateTo: 'FOCAL_POINT' }),
  ];
  const deploymentId = randomUUID();
  const posting = (status: string, version: number, type: string) => ({
    ...deploymentEvent(deploymentId, { status, hostParty: 'TKM' }),
    type,
    subjectVersion: version,
  });
  const exchangeId = randomUUID();
  const exchange = {
    id: randomUUID(),
    type: KnowledgeExchangeEvents.posted.type,
    version: 1,
    source: 'knowledge-exchange-service',
    subject: exchangeId,
    subjectVersion: 1,
    occurredAt: clock(5).toISOString(),
    correlationId: randomUUID(),
    causationId: null,
    actor: null,
    data: {
      exchangeId,
      kind: 'NEED',
      type: 'STUDY_VISIT',
      ownerParty: 'MKD',
      partnerParty: null,
      status: 'OPEN',
      topics: ['REINTEGRATION'],
    },
  };
  return [
    ...stories.flatMap((story) =>
      story.events.map((event) => ({ key: story.rfiId, event: event as EventEnvelope })),
    ),
    { key: deploymentId, event: posting('APPROVED', 1, DeploymentEvents.approved.type) },
    { key: deploymentId, event: posting('ACTIVE', 2, DeploymentEvents.activated.type) },
    { key: exchangeId, event: exchange as EventEnvelope },
  ] as { key: string; event: EventEnvelope }[];
}

/*
 * Rebuilding the model from the topics gives the model the live consumer keeps: the same rows,
 * table by table. A changed live row is found, and --replace puts the rebuild in its place with
 * the replayed events in the consumer's inbox, so none is applied twice afterwards.
 */
describe('the reporting model rebuild (real Kafka, real PostgreSQL)', () => {
  const database = serviceTestDatabase(
    ormConfig({ serverUrl: DATABASE_URL, name: 'bp_reporting_rebuild_test' }),
  );
  const model = new ReportModel(new ReportRecords(), new ReportPostings(), new ReportExchanges());
  const em = () => database.orm().em.fork() as EntityManager;
  let kafka: Kafka;
  let topic: string;
  const events = history();

  /** As the live consumer applies each event, in its own transaction. */
  async function applyLive({ event }: { event: EventEnvelope }) {
    await em().transactional(async (tx) => {
      if (event.type.startsWith('rfi.'))
        return model.applyRfiEvent(tx, event as EventEnvelope<AnyRfiEventData>);
      if (event.type.startsWith('deployment.'))
        return model.applyDeploymentEvent(tx, event as EventEnvelope<DeploymentEventData>);
      return model.applyExchangeEvent(tx, event as never);
    });
  }

  beforeAll(async () => {
    kafka = testKafka();
    topic = await createEventTopic(kafka, 3);
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({
      topic,
      messages: [
        ...events.map(({ key, event }) => ({ key, value: JSON.stringify(event) })),
        // Parked by the live consumer (dead letters): skipped by the replay too.
        { key: 'junk', value: 'not an event' },
      ],
    });
    await producer.disconnect();
    for (const event of events) await applyLive(event);
  });

  const rebuild = (replace = false) =>
    rebuildModel(database.orm(), kafka, model, { topics: [topic], replace });

  it('gives the same rows as the live model, table by table', async () => {
    const outcome = await rebuild();
    expect(outcome).toMatchObject({
      applied: events.length,
      skipped: 1,
      failures: [],
      equal: true,
      replaced: false,
    });
    expect(outcome.differences).toEqual([
      { table: 'report_request', live: 3, rebuilt: 3, onlyLive: 0, onlyRebuilt: 0 },
      { table: 'report_assignment', live: 3, rebuilt: 3, onlyLive: 0, onlyRebuilt: 0 },
      { table: 'report_posting', live: 1, rebuilt: 1, onlyLive: 0, onlyRebuilt: 0 },
      { table: 'report_exchange', live: 1, rebuilt: 1, onlyLive: 0, onlyRebuilt: 0 },
      // The monthly cells the triggers kept live, counted the same in the rebuild.
      { table: 'report_health_cell', live: 14, rebuilt: 14, onlyLive: 0, onlyRebuilt: 0 },
    ]);
  });

  it('finds a live row the events do not support, and replaces the model with the rebuild', async () => {
    await em().execute(
      `update report_assignment set responded_at = null, escalation_level = 3
        where recipient_party = 'SRB'`,
    );
    const found = await rebuild();
    expect(found.equal).toBe(false);
    expect(found.differences.find((d) => d.table === 'report_assignment')).toMatchObject({
      onlyLive: 1,
      onlyRebuilt: 1,
    });
    // SRB's cells and the all-parties ones, each under no topic and under the request's one topic.
    expect(found.differences.find((d) => d.table === 'report_health_cell')).toMatchObject({
      onlyLive: 4,
      onlyRebuilt: 4,
    });

    const replaced = await rebuild(true);
    expect(replaced.replaced).toBe(true);
    expect((await rebuild()).equal).toBe(true);
    // The live consumer, started again, finds every replayed event applied.
    const [{ n }] = await em().execute<{ n: string }[]>(
      `select count(*) as n from inbox_message
        where consumer = 'reporting-service.events' and event_id::text in (?)`,
      [events.map(({ event }) => event.id)],
    );
    expect(Number(n)).toBe(events.length);
  });

  it('replaces nothing when an event cannot be read by this code', async () => {
    const newer = { ...events[0]!.event, id: randomUUID(), version: 99 };
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({ topic, messages: [{ key: 'x', value: JSON.stringify(newer) }] });
    await producer.disconnect();
    await em().execute(`delete from report_exchange`);
    const outcome = await rebuild(true);
    expect(outcome.failures).toEqual([expect.stringContaining('newer than this consumer')]);
    expect(outcome.replaced).toBe(false);
    const [{ n }] = await em().execute<{ n: string }[]>(
      'select count(*) as n from report_exchange',
    );
    expect(Number(n)).toBe(0);
  });

  it('replaces nothing when retention deleted a topic’s first events, and does not wait for them', async () => {
    const expired = await createEventTopic(kafka, 1);
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({
      topic: expired,
      messages: events.slice(0, 3).map(({ key, event }) => ({ key, value: JSON.stringify(event) })),
    });
    await producer.disconnect();
    const admin = kafka.admin();
    await admin.connect();
    // As retention would: every record of the only partition gone, the log starting at 3.
    await admin.fetchTopicMetadata({ topics: [expired] });
    await admin.deleteTopicRecords({ topic: expired, partitions: [{ partition: 0, offset: '3' }] });
    await admin.disconnect();
    const outcome = await rebuildModel(database.orm(), kafka, model, {
      topics: [expired],
      replace: true,
    });
    expect(outcome).toMatchObject({
      applied: 0,
      truncated: [`${expired}[0] from offset 3`],
      replaced: false,
    });
  });

  it('keeps the live model when the check before the swap refuses', async () => {
    const clean = await createEventTopic(kafka, 3);
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({
      topic: clean,
      messages: events.map(({ key, event }) => ({ key, value: JSON.stringify(event) })),
    });
    await producer.disconnect();
    await em().execute(`update report_request set priority = 'LOW'`);
    const outcome = rebuildModel(database.orm(), kafka, model, {
      topics: [clean],
      replace: true,
      beforeReplace: () => Promise.reject(new Error('reporting-service.events is Stable')),
    });
    await expect(outcome).rejects.toThrow('Stable');
    const [{ n }] = await em().execute<{ n: string }[]>(
      `select count(*) as n from report_request where priority = 'LOW'`,
    );
    expect(Number(n)).toBe(3);
  });
});
