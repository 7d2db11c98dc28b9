import { Logger } from '@nestjs/common';
import { Consumer } from 'kafkajs';
import { context, trace } from '@opentelemetry/api';
import { EventCatalog, EventEnvelope } from '@bp/contracts';
import { SpanKind, extractTraceContext, startSpan } from '@bp/observability';
import { CONSUMER_MAX_WAIT_MS, KafkaConnection, createKafka } from '../kafka/kafka-settings';
import { readEvent } from './read-event';

export interface BroadcastFeedOptions {
  kafka: KafkaConnection;
  topic: string;
  /** Unique per process: its own consumer group, so every process reads every message. */
  groupId: string;
  catalog: EventCatalog;
  onEvent: (envelope: EventEnvelope) => void;
}

/**
 * Every event of a topic, to every process that runs one (a gateway instance pushing to its own
 * open streams): a consumer group per process, for the reason ServiceClient gives for replies.
 * It starts at the latest offset and commits none, so a restart begins at "now" again: what
 * happened meanwhile is the business of whoever reads from the source of truth (a catch-up), not
 * of this feed. Invalid messages are skipped (they are the producer's consumers' to park).
 */
export class BroadcastFeed {
  private readonly logger: Logger;
  private readonly consumer: Consumer;
  private readonly fetched: Promise<void>;

  constructor(private readonly options: BroadcastFeedOptions) {
    this.logger = new Logger(`BroadcastFeed:${options.topic}`);
    this.consumer = createKafka(options.groupId, options.kafka).consumer({
      groupId: options.groupId,
      allowAutoTopicCreation: false,
      // One member per instance, as the reply consumer's (service-client.ts): the same reason.
      sessionTimeout: 10_000,
      heartbeatInterval: 1_000,
      // An idle fetch returns after this long; it bounds how soon the feed knows it is reading.
      maxWaitTimeInMs: CONSUMER_MAX_WAIT_MS,
    });
    // The first completed fetch means the partitions are assigned and their offsets resolved:
    // from then on nothing published is missed.
    this.fetched = new Promise((resolve) => {
      const stop = this.consumer.on(this.consumer.events.FETCH, () => {
        stop();
        resolve();
      });
    });
  }

  /** Resolves once the feed reads the topic (or after `timeoutMs`, answering whether it does). */
  async start(timeoutMs: number): Promise<boolean> {
    await this.consumer.connect();
    await this.consumer.subscribe({ topics: [this.options.topic], fromBeginning: false });
    await this.consumer.run({
      autoCommit: false,
      eachMessage: async ({ message }) => {
        const read = readEvent(message.value, this.options.catalog, this.options.topic);
        if (!read.ok) {
          this.logger.warn(`Skipped a message: ${read.reason}`);
          return;
        }
        const span = startSpan({
          name: `process ${this.options.topic}`,
          kind: SpanKind.CONSUMER,
          parent: extractTraceContext(message.headers),
          attributes: () => ({
            'messaging.system': 'kafka',
            'messaging.operation.type': 'process',
            'messaging.destination.name': this.options.topic,
            'messaging.consumer.group.name': this.options.groupId,
            'bp.event.type': read.envelope.type,
          }),
        });
        context.with(trace.setSpan(context.active(), span), () =>
          this.options.onEvent(read.envelope),
        );
        span.end();
      },
    });
    let timer: NodeJS.Timeout | undefined;
    const reading = await Promise.race([
      this.fetched.then(() => true),
      new Promise<boolean>((resolve) => {
        timer = setTimeout(() => resolve(false), timeoutMs);
      }),
    ]);
    clearTimeout(timer);
    return reading;
  }

  /** Resolves when the feed first reads the topic (see start). */
  reading(): Promise<void> {
    return this.fetched;
  }

  async stop(): Promise<void> {
    await this.consumer.disconnect().catch(() => undefined);
  }
}
