import { CustomStrategy, KafkaOptions } from '@nestjs/microservices';
import { ServiceDescriptor } from '@bp/contracts';
import { kafkaClientConfig, producerConfig } from '../kafka/kafka-settings';
import { CommandServer } from './command-server';

/**
 * NestJS Kafka transport for a service's command topic (CommandServer: NestJS's, with offsets
 * committed on a timer). Replicas share the work in one consumer group (Nest appends `-server`); a
 * few partitions are handled at once so one slow command does not hold up the rest.
 */
export function commandServer(
  service: ServiceDescriptor,
  brokers: readonly string[],
): CustomStrategy {
  return { strategy: new CommandServer(commandServerOptions(service, brokers)) };
}

function commandServerOptions(
  service: ServiceDescriptor,
  brokers: readonly string[],
): Required<KafkaOptions>['options'] {
  return {
    // Retries longer than other clients: a service starting beside its broker waits for it.
    client: {
      ...kafkaClientConfig(service.name, brokers),
      retry: { initialRetryTime: 300, retries: 20, maxRetryTime: 5_000 },
    },
    consumer: {
      groupId: service.name,
      allowAutoTopicCreation: false,
      sessionTimeout: 30_000,
      heartbeatInterval: 3_000,
    },
    producer: producerConfig(),
    run: { partitionsConsumedConcurrently: 4, autoCommit: false },
    subscribe: { fromBeginning: false },
  };
}
