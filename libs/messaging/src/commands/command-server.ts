import { setTimeout as sleep } from 'node:timers/promises';
import { Logger } from '@nestjs/common';
import { KafkaContext, KafkaOptions, ServerKafka } from '@nestjs/microservices';
import { Consumer, EachMessagePayload } from 'kafkajs';
import { CommandReply, ProblemTypes, problem } from '@bp/contracts';
import { SpanKind, extractTraceContext, inSpan, sharedCounter } from '@bp/observability';
import { coalescing } from '../kafka/coalescing-producer';
import { tracing } from '../kafka/tracing-producer';
import { PeriodicOffsetCommits, commitPeriodically } from '../kafka/offset-commits';
import { reportCrashes } from '../kafka/crash-report';
import { isRefusedRecord } from '../kafka/refused-record';

type Publish = ReturnType<ServerKafka['getPublisher']>;

/** Longer than any command's deadline (SERVICE_TIMEOUT_MS is at most 120 s): nobody waits after. */
const DEFAULT_REPLY_PATIENCE_MS = 130_000;
const REPLY_RETRY_MS = 200;

/** What the caller gets when the broker refuses the reply itself (over its size limit). */
const UNSENDABLE: CommandReply = {
  ok: false,
  problem: problem(500, ProblemTypes.internal, 'Internal error', 'The answer could not be sent'),
};

const lostReplies = sharedCounter({
  name: 'bp_command_replies_lost_total',
  help: 'Replies given up (refused by the broker, or unsent after replyPatienceMs); their commands were applied',
});

/**
 * NestJS's Kafka server for a service's command topic, committing offsets on a timer
 * (kafka/offset-commits.ts) rather than after every fetched batch. A command is done for Kafka once
 * its reply is on the broker: its effect and its idempotency record (by key, or by message id) are
 * committed by then, so a redelivery replays the reply instead of applying it again. Replies of
 * commands that finish together leave in one produce request (kafka/coalescing-producer.ts).
 *
 * NestJS sends a reply on a later tick without awaiting it, and a failed send would be an unhandled
 * rejection; here a message's handler waits for its reply, sending it again while a gateway may
 * still be waiting for it (`replyPatienceMs`, beyond any command's deadline). A reply still not
 * sent then is given up, logged and counted: the change is committed, and a retry with the same
 * Idempotency-Key is answered from its record. A crash before that leaves the command uncommitted,
 * so it is delivered again and its stored reply sent.
 */
export class CommandServer extends ServerKafka {
  private readonly log = new Logger(CommandServer.name);
  private commits?: PeriodicOffsetCommits;
  /** Replies awaited, by the place of their command in the topic (NestJS copies the message). */
  private readonly replies = new Map<string, ReplySent>();
  private closing = false;

  constructor(
    options: Required<KafkaOptions>['options'],
    private readonly replyPatienceMs = DEFAULT_REPLY_PATIENCE_MS,
  ) {
    super(options);
  }

  override async bindEvents(consumer: Consumer): Promise<void> {
    this.commits = commitPeriodically(consumer, this.groupId);
    reportCrashes(consumer, `command consumer ${this.groupId}`);
    // The producer is connected by now (ServerKafka.start), and only replies are sent with it.
    if (this.producer) this.producer = tracing(coalescing(this.producer));
    await super.bindEvents(consumer);
  }

  override getMessageHandler(): (payload: EachMessagePayload) => Promise<unknown> {
    const handle = super.getMessageHandler();
    return async (payload) => {
      const { topic, partition, message } = payload;
      const place = placeOf(topic, partition, message.offset);
      // KafkaJS heartbeats only between messages: a member busy for longer than its session
      // timeout would be taken for dead and its commands run again elsewhere.
      const beat = setInterval(() => void payload.heartbeat().catch(() => undefined), 1_000);
      try {
        // The gateway's send is the parent; the dispatcher names the span after the command, and
        // the reply, sent in it, carries it back.
        await inSpan(
          {
            name: `process ${topic}`,
            kind: SpanKind.CONSUMER,
            parent: extractTraceContext(message.headers),
            attributes: () => ({
              'messaging.system': 'kafka',
              'messaging.operation.type': 'process',
              'messaging.destination.name': topic,
              'messaging.destination.partition.id': String(partition),
              'messaging.kafka.offset': Number(message.offset),
            }),
          },
          async () => {
            await handle(payload);
            // NestJS asked for the publisher before it ran the handler, if it answers this message.
            await this.replies.get(place)?.promise;
          },
        );
      } finally {
        clearInterval(beat);
        this.replies.delete(place);
      }
      this.commits?.done(topic, partition, message.offset);
    };
  }

  override getPublisher(
    replyTopic: string,
    replyPartition: string,
    correlationId: string,
    context: KafkaContext,
  ): Publish {
    const publish = super.getPublisher(replyTopic, replyPartition, correlationId, context);
    const sent = new ReplySent();
    this.replies.set(
      placeOf(context.getTopic(), context.getPartition(), context.getMessage().offset),
      sent,
    );
    return async (data: Parameters<Publish>[0]) => {
      const since = Date.now();
      for (let failures = 0; ; failures += 1) {
        try {
          const result = await publish(data);
          if (isLast(data)) sent.resolve();
          return result;
        } catch (error) {
          if (this.closing) {
            sent.reject(error);
            return [];
          }
          if (isRefusedRecord(error)) {
            // Never sendable (too large): say so in a reply that is, rather than hold the partition.
            await publish({ ...data, response: UNSENDABLE }).catch(() => undefined);
            this.giveUp(replyTopic, error);
            sent.resolve();
            return [];
          }
          if (Date.now() - since >= this.replyPatienceMs) {
            this.giveUp(replyTopic, error);
            sent.resolve();
            return [];
          }
          await sleep(Math.min(REPLY_RETRY_MS * 2 ** failures, 5_000));
        }
      }
    };
  }

  private giveUp(replyTopic: string, error: unknown): void {
    lostReplies.inc();
    this.log.error(
      `A reply to ${replyTopic} could not be sent and is given up: ` +
        `its command is applied; a retry with the same Idempotency-Key gets the answer ` +
        `(${error instanceof Error ? error.message : String(error)})`,
    );
  }

  override async close(): Promise<void> {
    this.closing = true;
    await this.consumer?.stop();
    await this.commits?.stop();
    await super.close();
  }
}

/** The reply of one command message: settled once its last packet is on the broker, or failed. */
class ReplySent {
  resolve!: () => void;
  reject!: (error: unknown) => void;
  readonly promise = new Promise<void>((resolve, reject) => {
    this.resolve = resolve;
    this.reject = reject;
  });

  constructor() {
    // Rejected, possibly before the handler awaits it: never an unhandled rejection.
    this.promise.catch(() => undefined);
  }
}

function placeOf(topic: string, partition: number, offset: string): string {
  return `${topic}\0${partition}\0${offset}`;
}

/** NestJS folds "disposed" (no more packets) into the last response it publishes; an error ends it too. */
function isLast(data: Parameters<Publish>[0]): boolean {
  const packet = data as { isDisposed?: boolean; err?: unknown };
  return Boolean(packet.isDisposed || packet.err);
}
