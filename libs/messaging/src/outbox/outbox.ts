import { randomUUID } from 'node:crypto';
import { EntityManager } from '@mikro-orm/postgresql';
import {
  Actor,
  EventDefinition,
  EventEnvelope,
  MessageHeaders,
  validatePlain,
} from '@bp/contracts';
import { currentCorrelationScope, injectTraceContext } from '@bp/observability';
import { PreparedStatement, columnArrays, runPrepared, unnestRows } from '@bp/persistence';

const OUTBOX_TYPES = ['uuid', 'text', 'text', 'text', 'jsonb', 'jsonb'];

/** A change's events in the drafts' order: their positions keep it. */
const OUTBOX_INSERT: PreparedStatement = {
  name: 'messaging.outbox-insert',
  text: `insert into outbox_message (id, topic, message_key, event_type, envelope, headers)
    ${unnestRows(OUTBOX_TYPES)}`,
};

/** An event a use case wants published once its transaction commits. */
export interface EventDraft<TData extends object = object> {
  definition: EventDefinition<TData>;
  /** The aggregate id: the Kafka key, so one aggregate's events stay in order. */
  subject: string;
  subjectVersion?: number;
  data: TData;
}

export interface StageOptions {
  source: string;
  actor?: Actor | null;
  occurredAt?: Date;
}

/**
 * The actor exactly as the envelope defines it. A service may know more of its caller (the
 * rfi-service adds the officer's current posting); consumers refuse unknown fields, so an extra
 * one would send every event of that caller to the dead-letter topic.
 */
function envelopeActor({ userId, username, role, party, officerId }: Actor): Actor {
  return { userId, username, role, party, officerId };
}

/**
 * Writes events into the outbox table with the same EntityManager (and so the same transaction)
 * as the state change that causes them: both commit, or neither does.
 */
export async function stageEvents(
  em: EntityManager,
  drafts: readonly EventDraft[],
  options: StageOptions,
): Promise<EventEnvelope[]> {
  if (!em.isInTransaction()) {
    throw new Error('Events must be staged inside the transaction of the change that causes them');
  }
  const scope = currentCorrelationScope();
  const correlationId = scope?.correlationId ?? randomUUID();
  // The span of the change that causes the events: the relay's publish continues it.
  const trace = injectTraceContext({});
  const rows = drafts.map((draft) => {
    const checked = validatePlain(draft.definition.payload, draft.data);
    if (!checked.ok) {
      // A producer bug, not bad input: refuse to publish an event its consumers would reject.
      throw new Error(
        `Invalid ${draft.definition.type} payload: ${JSON.stringify(checked.errors)}`,
      );
    }
    const envelope: EventEnvelope = {
      id: randomUUID(),
      type: draft.definition.type,
      version: draft.definition.version,
      source: options.source,
      subject: draft.subject,
      subjectVersion: draft.subjectVersion ?? null,
      occurredAt: (options.occurredAt ?? new Date()).toISOString(),
      correlationId,
      causationId: scope?.causationId ?? null,
      actor: options.actor ? envelopeActor(options.actor) : null,
      data: draft.data as Record<string, unknown>,
    };
    const headers = {
      ...trace,
      [MessageHeaders.correlationId]: correlationId,
      [MessageHeaders.eventType]: envelope.type,
      ...(envelope.causationId ? { [MessageHeaders.causationId]: envelope.causationId } : {}),
    };
    return { envelope, topic: draft.definition.topic, headers };
  });
  if (rows.length) {
    // One statement for all of a change's events.
    await runPrepared(
      em,
      OUTBOX_INSERT,
      columnArrays(
        rows.map(({ envelope, topic, headers }) => [
          envelope.id,
          topic,
          envelope.subject,
          envelope.type,
          JSON.stringify(envelope),
          JSON.stringify(headers),
        ]),
        OUTBOX_TYPES.length,
      ),
    );
  }
  return rows.map((row) => row.envelope);
}
