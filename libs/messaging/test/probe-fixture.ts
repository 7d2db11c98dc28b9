import { IsInt, IsString } from 'class-validator';
import { EntityManager } from '@mikro-orm/postgresql';
import { randomUUID } from 'node:crypto';
import { MikroORM } from '@mikro-orm/core';
import { Kafka } from 'kafkajs';
import { EventCatalog, EventDefinition, EventEnvelope, defineEvent } from '@bp/contracts';
import { EventConsumerOptions, EventHandler, KafkaEventConsumer, createKafka } from '@bp/messaging';
import { kafkaConnection } from '../../../test/support/test-env';

/** A tiny aggregate for library tests: a counter whose changes are announced as events. */
export class ProbeIncremented {
  @IsString()
  counterId!: string;

  @IsInt()
  sequence!: number;
}

export function probeEvents(topic: string): {
  catalog: EventCatalog;
  incremented: EventDefinition<ProbeIncremented>;
} {
  const incremented = defineEvent('probe.incremented', topic, ProbeIncremented);
  return { catalog: new EventCatalog([incremented]), incremented };
}

export async function createProbeTable(em: EntityManager): Promise<void> {
  await em.execute(`create table if not exists probe_counter (
    id text primary key,
    value int not null default 0,
    sequences int[] not null default '{}'
  )`);
}

export async function probeValue(
  em: EntityManager,
  id: string,
): Promise<{ value: number; sequences: number[] } | null> {
  const rows = await em.execute<{ value: number; sequences: number[] }[]>(
    'select value, sequences from probe_counter where id = ?',
    [id],
  );
  return rows[0] ?? null;
}

/** The effect a consumer applies: count the event and remember its sequence, in arrival order. */
export async function applyIncrement(
  em: EntityManager,
  id: string,
  sequence: number,
): Promise<void> {
  await em.execute(
    `insert into probe_counter (id, value, sequences) values (?, 1, array[?]::int[])
     on conflict (id) do update set value = probe_counter.value + 1,
       sequences = probe_counter.sequences || excluded.sequences`,
    [id, sequence],
  );
}

/** A probe event as a producer would publish it, for tests that write to a topic directly. */
export function probeEnvelope(
  topic: string,
  counterId: string,
  sequence: number,
  version = 1,
): EventEnvelope<ProbeIncremented> {
  return {
    id: randomUUID(),
    type: probeEvents(topic).incremented.type,
    version,
    source: 'it',
    subject: counterId,
    subjectVersion: null,
    occurredAt: new Date().toISOString(),
    correlationId: randomUUID(),
    causationId: null,
    actor: null,
    data: { counterId, sequence },
  };
}

/**
 * A consumer of the probe event on `topic`, as a service runs one: a group and inbox key of its
 * own (`consumerName`, random unless given) and the test broker as admin unless `kafka` says.
 * Not started: the caller starts it and stops it when done.
 */
export function probeConsumer(
  orm: MikroORM,
  topic: string,
  handler: EventHandler<ProbeIncremented>,
  options: Partial<Omit<EventConsumerOptions, 'orm' | 'topics' | 'catalog' | 'handlers'>> & {
    kafka?: Kafka;
  } = {},
): KafkaEventConsumer {
  const { catalog, incremented } = probeEvents(topic);
  const consumerName = options.consumerName ?? `it-consumer-${randomUUID().slice(0, 8)}`;
  return new KafkaEventConsumer({
    kafka: createKafka(consumerName, kafkaConnection()),
    ...options,
    consumerName,
    orm,
    topics: [topic],
    catalog,
    handlers: new Map([[incremented.type, [handler]]]),
  });
}
