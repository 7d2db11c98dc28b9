import { Logger } from '@nestjs/common';
import { Kafka, KafkaConfig, Partitioners, ProducerConfig, logLevel, LogEntry } from 'kafkajs';

export const DEFAULT_KAFKA_BROKERS = '127.0.0.1:9092';

/** `host:port[,host:port...]` (KAFKA_BROKERS) as a list. */
export function parseKafkaBrokers(list = DEFAULT_KAFKA_BROKERS): string[] {
  return list
    .split(',')
    .map((broker) => broker.trim())
    .filter(Boolean);
}

const logger = new Logger('kafkajs');

/** Routes KafkaJS's own log lines into the application log instead of stdout noise. */
export function kafkaLogCreator(): (entry: LogEntry) => void {
  return ({ level, log }) => {
    const { message, ...rest } = log;
    const line = `${message} ${JSON.stringify(rest)}`;
    if (level === logLevel.ERROR) logger.error(line);
    else if (level === logLevel.WARN) logger.warn(line);
    else logger.debug(line);
  };
}

/**
 * Where the brokers are and who this app is to them: its own principal (KAFKA_SASL_USERNAME), whose
 * ACLs allow exactly what the app does (libs/contracts kafka/access.ts).
 */
export interface KafkaConnection {
  readonly brokers: readonly string[];
  readonly sasl?: { readonly username: string; readonly password: string };
}

export function kafkaClientConfig(clientId: string, connection: KafkaConnection): KafkaConfig {
  return {
    clientId,
    // A copy: the settings it comes from are frozen, and the client is free to reorder its list.
    brokers: [...connection.brokers],
    ...(connection.sasl
      ? {
          sasl: {
            mechanism: 'scram-sha-512' as const,
            username: connection.sasl.username,
            password: connection.sasl.password,
          },
        }
      : {}),
    logLevel: logLevel.WARN,
    logCreator: () => kafkaLogCreator(),
    connectionTimeout: 3_000,
    requestTimeout: 10_000,
    retry: { initialRetryTime: 200, retries: 8, maxRetryTime: 5_000 },
  };
}

export function createKafka(clientId: string, connection: KafkaConnection): Kafka {
  return new Kafka(kafkaClientConfig(clientId, connection));
}

/**
 * Producer settings for every producer of the system: no topic auto-creation, one request in
 * flight so retries cannot reorder an aggregate's events, and the murmur2 partitioner named
 * explicitly (it is KafkaJS's default, and Java clients agree with it on keys).
 */
export function producerConfig(): ProducerConfig {
  return {
    allowAutoTopicCreation: false,
    maxInFlightRequests: 1,
    createPartitioner: Partitioners.DefaultPartitioner,
  };
}

/**
 * How long an idle fetch waits on the broker before it returns empty (KafkaJS: 5 s). A consumer
 * that stops waits for its fetch in flight, so this is also how long an app takes to leave its
 * groups on shutdown; data still returns as soon as it arrives.
 */
export const CONSUMER_MAX_WAIT_MS = 1_000;
