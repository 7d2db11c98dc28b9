import { randomUUID } from 'node:crypto';
import { Logger } from '@nestjs/common';
import { TimeoutError, firstValueFrom, timeout } from 'rxjs';
import {
  Actor,
  GATEWAY_GROUP_PREFIX,
  CommandDefinition,
  CommandMessage,
  CommandReply,
  MessageHeaders,
  DIRECT_READ_PATH,
  SERVICES,
  ServiceDescriptor,
  ServiceKey,
  readsDirect,
} from '@bp/contracts';
import { SpanKind, inSpan, injectTraceContext } from '@bp/observability';
import { CommandAssertionSigner, requestDigest } from '@bp/auth';
import {
  CONSUMER_MAX_WAIT_MS,
  KafkaConnection,
  kafkaClientConfig,
  producerConfig,
} from '../kafka/kafka-settings';
import { ReplyClient } from './reply-client';
import { DirectReadClient, DirectReadTimeout, NOT_DELIVERED } from './direct-read-client';

export interface ServiceClientOptions {
  kafka: KafkaConnection;
  /** Unique per gateway process: its own consumer group, so it reads every reply. */
  instanceId: string;
  timeoutMs: number;
  /** Signs who asks into each command; services believe no other source of the actor. */
  signer: CommandAssertionSigner;
  /**
   * The services' HTTP addresses: a user's reads go there straight (contracts direct-reads.ts).
   * A service left out, or not reachable there, is read through Kafka.
   */
  directReads?: Partial<Record<ServiceKey, string>>;
}

export interface RequestMeta {
  actor?: Actor | null;
  correlationId: string;
  idempotencyKey?: string;
  ifMatch?: string;
  /** Kafka key: commands on one aggregate land on one partition, in order. */
  key?: string;
}

/**
 * The part of the wait kept for the reply's way back. A service commits only before the command's
 * deadline (command-deadline.ts); the gateway waits this much longer, so a change that committed
 * in time is normally answered, not reported as a 504.
 */
export function replyMarginMs(timeoutMs: number): number {
  return Math.min(1_000, Math.floor(timeoutMs / 5));
}

/** The service did not answer within the timeout (stopped, or too slow). */
export class ServiceTimeoutError extends Error {
  constructor(
    readonly service: string,
    readonly timeoutMs: number,
  ) {
    super(`${service} did not answer within ${timeoutMs} ms`);
  }
}

/** The request could not even be handed to Kafka. */
export class ServiceUnavailableError extends Error {
  constructor(
    readonly service: string,
    cause: unknown,
  ) {
    super(
      `${service} cannot be reached: ${cause instanceof Error ? cause.message : String(cause)}`,
    );
  }
}

/**
 * Request/reply to the services over NestJS's Kafka transport. Each gateway instance consumes the
 * reply topics in a consumer group of its own: with a shared group, instances steal each other's
 * reply partitions during rebalances (nestjs/nest#6197, #11264) and replies are lost. Reading all
 * replies and dropping unknown correlation ids is cheap at this volume and always correct.
 */
export class ServiceClient {
  private readonly logger = new Logger(ServiceClient.name);
  private readonly client: ReplyClient;
  private readonly direct = new DirectReadClient();

  constructor(private readonly options: ServiceClientOptions) {
    const clientId = `${GATEWAY_GROUP_PREFIX}${options.instanceId}`;
    this.client = new ReplyClient({
      client: kafkaClientConfig(clientId, options.kafka),
      consumer: {
        groupId: clientId,
        allowAutoTopicCreation: false,
        // The instance's own group, of one member: a member that crashed with a broker (its
        // leave refused by a coordinator gone) holds the replies until this passes, and every
        // command answered meanwhile ends in a 504 (the cluster chaos run saw 40 s with 30).
        sessionTimeout: 10_000,
        heartbeatInterval: 1_000,
        maxWaitTimeInMs: CONSUMER_MAX_WAIT_MS,
      },
      producer: producerConfig(),
      subscribe: { fromBeginning: false },
      run: { autoCommit: false },
    });
    for (const service of Object.values(SERVICES))
      this.client.subscribeToResponseOf(service.commandTopic);
  }

  async connect(): Promise<void> {
    await this.client.connect();
    this.logger.log(`Connected for replies as ${this.options.instanceId}`);
  }

  async close(): Promise<void> {
    this.direct.close();
    await this.client.close();
  }

  async request<TPayload extends object, TResult>(
    service: ServiceKey,
    command: CommandDefinition<TPayload, TResult>,
    payload: TPayload,
    meta: RequestMeta,
    timeoutMs = this.options.timeoutMs,
  ): Promise<CommandReply<TResult>> {
    const descriptor = SERVICES[service];
    const deadline = new Date(Date.now() + timeoutMs - replyMarginMs(timeoutMs)).toISOString();
    const signed = (road?: 'http') =>
      this.message(descriptor.name, command.name, payload, meta, deadline, road);
    const directUrl = readsDirect(command) ? this.options.directReads?.[service] : undefined;
    if (directUrl) {
      const reply = await inSpan(
        {
          name: `POST /${DIRECT_READ_PATH}`,
          kind: SpanKind.CLIENT,
          attributes: () => ({
            'http.request.method': 'POST',
            'server.address': new URL(directUrl).host,
            'bp.command': command.name,
          }),
        },
        async (span) => {
          const answer = await this.readDirect(
            descriptor.name,
            directUrl,
            signed('http'),
            timeoutMs,
          );
          if (answer === NOT_DELIVERED && span.isRecording())
            span.addEvent('not delivered: sent through Kafka instead');
          return answer;
        },
      );
      if (reply !== NOT_DELIVERED) return reply as CommandReply<TResult>;
    }
    return inSpan(
      {
        // The span lasts until the reply is in: the service's handling is its child.
        name: `send ${command.name}`,
        kind: SpanKind.PRODUCER,
        attributes: () => ({
          'messaging.system': 'kafka',
          'messaging.operation.type': 'send',
          'messaging.destination.name': descriptor.commandTopic,
          'bp.command': command.name,
        }),
      },
      () => this.send<TResult>(descriptor, signed(), meta, timeoutMs),
    );
  }

  private async send<TResult>(
    descriptor: ServiceDescriptor,
    message: CommandMessage,
    meta: RequestMeta,
    timeoutMs: number,
  ): Promise<CommandReply<TResult>> {
    const record = {
      key: meta.key ?? null,
      value: message,
      headers: injectTraceContext({ [MessageHeaders.correlationId]: meta.correlationId }),
    };
    try {
      return await firstValueFrom(
        this.client
          .send<CommandReply<TResult>>(descriptor.commandTopic, record)
          .pipe(timeout(timeoutMs)),
      );
    } catch (error) {
      if (error instanceof TimeoutError) throw new ServiceTimeoutError(descriptor.name, timeoutMs);
      throw new ServiceUnavailableError(descriptor.name, error);
    }
  }

  /**
   * The command as it travels, its caller signed into it for this one message: the service, the
   * command, a message id of its own, the deadline and a digest of what it asks, on one road.
   */
  private message(
    service: string,
    name: string,
    payload: object,
    meta: RequestMeta,
    deadline: string,
    road?: 'http',
  ): CommandMessage {
    const messageId = randomUUID();
    const assertion = this.options.signer.sign(meta.actor ?? null, {
      service,
      command: name,
      messageId,
      deadline,
      // Digested as it travels: JSON, not the validated objects (dates become strings).
      request: requestDigest({
        name,
        payload: JSON.parse(JSON.stringify(payload)) as unknown,
        idempotencyKey: meta.idempotencyKey,
        ifMatch: meta.ifMatch,
        road,
      }),
    });
    return {
      name,
      payload: payload as Record<string, unknown>,
      meta: {
        correlationId: meta.correlationId,
        messageId,
        deadline,
        assertion,
        ...(meta.idempotencyKey ? { idempotencyKey: meta.idempotencyKey } : {}),
        ...(meta.ifMatch ? { ifMatch: meta.ifMatch } : {}),
      },
    };
  }

  private async readDirect(
    service: string,
    url: string,
    message: CommandMessage,
    timeoutMs: number,
  ): Promise<CommandReply | typeof NOT_DELIVERED> {
    try {
      return await this.direct.read(url, message, timeoutMs);
    } catch (error) {
      if (error instanceof DirectReadTimeout) throw new ServiceTimeoutError(service, timeoutMs);
      throw new ServiceUnavailableError(service, error);
    }
  }
}
