import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import { DiscoveryService, MetadataScanner } from '@nestjs/core';
import { MikroORM } from '@mikro-orm/core';
import { EventDefinition } from '@bp/contracts';
import { PeriodicTask, databaseUrl } from '@bp/persistence';
import { EntityManager } from '@mikro-orm/postgresql';
import { pruneKeptRecords } from './record-retention';
import { Kafka, Producer } from 'kafkajs';
import { createKafka, producerConfig } from '../kafka/kafka-settings';
import { OutboxRelay } from '../outbox/outbox-relay';
import { OutboxGauges } from '../outbox/outbox-gauges';
import { ConsumptionGauges } from '../kafka/consumption-gauges';
import { KafkaEventConsumer } from '../consumer/event-consumer';
import { EventHandler } from '../consumer/event-handler';
import { ON_EVENT_METADATA } from '../consumer/on-event.decorator';
import { SERVICE_MESSAGING_OPTIONS, ServiceMessagingOptions } from './service-messaging.options';
import { EVENTS_FROM_BEGINNING, consumptionWatch, eventConsumerGroup } from './consumption-watch';

/**
 * Starts the outbox relay, the event consumer, the pruning of kept records and the gauges of the
 * outbox and of consumption with the app, and stops them with it.
 */
@Injectable()
export class MessagingRuntime implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(MessagingRuntime.name);
  private readonly kafka: Kafka;
  private readonly producer: Producer;
  readonly relay: OutboxRelay;
  private consumer?: KafkaEventConsumer;
  private readonly pruning: PeriodicTask;
  private readonly outboxGauges: OutboxGauges;
  private consumptionGauges?: ConsumptionGauges;

  constructor(
    @Inject(SERVICE_MESSAGING_OPTIONS) private readonly options: ServiceMessagingOptions,
    private readonly orm: MikroORM,
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
  ) {
    this.kafka = createKafka(`${options.service.name}-relay`, options.kafka);
    this.producer = this.kafka.producer(producerConfig());
    this.relay = new OutboxRelay({
      connectionString: databaseUrl(options.database),
      service: options.service.name,
      producer: this.producer,
    });
    this.pruning = new PeriodicTask('Pruning records no redelivery needs', 600_000, () =>
      pruneKeptRecords(this.orm.em.fork() as EntityManager),
    );
    this.outboxGauges = new OutboxGauges({ orm, service: options.service.name });
  }

  async onApplicationBootstrap(): Promise<void> {
    this.relay.start();
    this.pruning.start();
    this.outboxGauges.start();
    const { service } = this.options;
    const handlers = this.discoverEventHandlers();
    const topics = new Set<string>();
    for (const type of handlers.keys()) topics.add(this.options.catalog.get(type).topic);
    this.consumptionGauges = new ConsumptionGauges({
      clientId: `${service.name}-metrics`,
      kafka: this.options.kafka,
      ...consumptionWatch(service, [...topics]),
    });
    this.consumptionGauges.start();
    if (handlers.size) {
      this.consumer = new KafkaEventConsumer({
        consumerName: eventConsumerGroup(service),
        kafka: createKafka(`${service.name}-events`, this.options.kafka),
        orm: this.orm,
        topics: [...topics],
        catalog: this.options.catalog,
        handlers,
        maxAttempts: this.options.maxEventAttempts,
        fromBeginning: EVENTS_FROM_BEGINNING,
      });
      await this.consumer.start();
    }
  }

  async onApplicationShutdown(): Promise<void> {
    // The gauges depend on nothing here: they stop beside the consumer, not after it.
    await Promise.all([
      this.consumer?.stop(),
      this.consumptionGauges?.stop(),
      this.outboxGauges.stop(),
    ]);
    await this.pruning.stop();
    await this.relay.stop();
  }

  private discoverEventHandlers(): Map<string, EventHandler[]> {
    const handlers = new Map<string, EventHandler[]>();
    for (const wrapper of this.discovery.getProviders()) {
      const instance = wrapper.instance as Record<string, unknown> | undefined;
      if (!instance || typeof instance !== 'object') continue;
      for (const method of this.scanner.getAllMethodNames(
        Object.getPrototypeOf(instance) as object,
      )) {
        const fn = instance[method] as EventHandler;
        const definitions = Reflect.getMetadata(ON_EVENT_METADATA, fn) as
          | EventDefinition[]
          | undefined;
        for (const definition of definitions ?? []) {
          const list = handlers.get(definition.type) ?? [];
          list.push(fn.bind(instance));
          handlers.set(definition.type, list);
          this.logger.log(`${definition.type} → ${wrapper.name}.${method}`);
        }
      }
    }
    return handlers;
  }
}
