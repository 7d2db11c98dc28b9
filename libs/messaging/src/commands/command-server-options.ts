import { CustomStrategy, KafkaOptions } from '@nestjs/microservices';
import { ServiceDescriptor } from '@bp/contracts';
import {
  CONSUMER_MAX_WAIT_MS,
  KafkaConnection,
  kafkaClientConfig,
  producerConfig,
} from '../kafka/kafka-settings';
import { CommandServer } from './command-server';

/**
 * NestJS Kafka transport for a service's command topic (CommandServer: NestJS's, with offsets
 * committed on a timer). Replicas share the work in one consumer group (Nest appends `-server`); a
 * few partitions are handled at once so one slow command does not hold up the rest.
 */
export function commandServer(service: ServiceDescriptor, kafka: KafkaConnection): CustomStrategy {
  return { strategy: new CommandServer(commandServerOptions(service, kafka)) };
}

function commandServerOptions(
  service: ServiceDescriptor,
  kafka: KafkaConnection,
): Required<KafkaOptions>['options'] {
  return {
    // Retries longer than other clients: a service starting beside its broker waits for it.
    client: {
      ...kafkaClientConfig(service.name, kafka),
      retry: { initialRetryTime: 300, retries: 20, maxRetryTime: 5_000 },
    },
    consumer: {
      groupId: service.name,
      allowAutoTopicCreation: false,
      // A member that died holds its partitions until this passes, and the commands sent there
      // wait (the chaos run saw 30 s of 504s with 30 s). A command ends by its deadline (seconds),
      // so a live member heartbeats well within it.
      sessionTimeout: 10_000,
      heartbeatInterval: 1_000,
      maxWaitTimeInMs: CONSUMER_MAX_WAIT_MS,
    },
    producer: producerConfig(),
    run: { partitionsConsumedConcurrently: 4, autoCommit: false },
    subscribe: { fromBeginning: false },
  };
}
