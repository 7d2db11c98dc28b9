import { ClientKafka } from '@nestjs/microservices';
import { EachMessagePayload, Producer } from 'kafkajs';
import { coalescing } from '../kafka/coalescing-producer';
import { PeriodicOffsetCommits, commitPeriodically } from '../kafka/offset-commits';
import { reportCrashes } from '../kafka/crash-report';
import { SpanKind, extractTraceContext, isExportingTraces, startSpan } from '@bp/observability';

/**
 * NestJS's Kafka client, committing the reply topics' offsets on a timer (kafka/offset-commits.ts)
 * instead of after every fetched batch, and sending the commands of concurrent requests in one
 * produce request (kafka/coalescing-producer.ts). A reply is worth nothing once read, so the
 * offsets only spare a restarted gateway from reading old replies again.
 */
export class ReplyClient extends ClientKafka {
  private commits?: PeriodicOffsetCommits;

  override async connect(): Promise<Producer> {
    const connecting = !this.initialized;
    const producer = await super.connect();
    if (connecting && this._producer === producer) this._producer = coalescing(producer);
    return this._producer ?? producer;
  }

  override async bindTopics(): Promise<void> {
    this.commits = commitPeriodically(this.consumer, this.groupId);
    reportCrashes(this.consumer, `reply consumer ${this.groupId}`);
    await super.bindTopics();
  }

  override createResponseCallback(): (payload: EachMessagePayload) => Promise<void> {
    const respond = super.createResponseCallback() as (p: EachMessagePayload) => Promise<void>;
    return async (payload) => {
      // The service's handling is the parent: the trace shows the reply coming back. Worth its
      // cost only where spans are exported.
      if (isExportingTraces())
        startSpan({
          name: `receive ${payload.topic}`,
          kind: SpanKind.CONSUMER,
          parent: extractTraceContext(payload.message.headers),
          attributes: () => ({
            'messaging.system': 'kafka',
            'messaging.operation.type': 'receive',
            'messaging.destination.name': payload.topic,
          }),
        }).end();
      await respond(payload);
      this.commits?.done(payload.topic, payload.partition, payload.message.offset);
    };
  }

  override async close(): Promise<void> {
    await this.commits?.stop();
    await super.close();
  }
}
