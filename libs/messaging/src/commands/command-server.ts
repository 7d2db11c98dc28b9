import { ServerKafka } from '@nestjs/microservices';
import { Consumer, EachMessagePayload } from 'kafkajs';
import { coalescing } from '../kafka/coalescing-producer';
import { PeriodicOffsetCommits, commitPeriodically } from '../kafka/offset-commits';

/**
 * NestJS's Kafka server for a service's command topic, committing offsets on a timer
 * (kafka/offset-commits.ts) rather than after every fetched batch. A command is done for Kafka once
 * its handler has answered: its effect and its idempotency record (by key, or by message id) are
 * committed by then, so a redelivery replays the reply instead of applying it again. Replies of
 * commands that finish together leave in one produce request (kafka/coalescing-producer.ts).
 */
export class CommandServer extends ServerKafka {
  private commits?: PeriodicOffsetCommits;

  override async bindEvents(consumer: Consumer): Promise<void> {
    this.commits = commitPeriodically(consumer, this.groupId);
    // The producer is connected by now (ServerKafka.start), and only replies are sent with it.
    if (this.producer) this.producer = coalescing(this.producer);
    await super.bindEvents(consumer);
  }

  override getMessageHandler(): (payload: EachMessagePayload) => Promise<unknown> {
    const handle = super.getMessageHandler();
    return async (payload) => {
      await handle(payload);
      this.commits?.done(payload.topic, payload.partition, payload.message.offset);
    };
  }

  override async close(): Promise<void> {
    await this.consumer?.stop();
    await this.commits?.stop();
    await super.close();
  }
}
