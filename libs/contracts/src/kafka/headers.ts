/** Kafka header names the system sets; NestJS's own `kafka_*` headers are left to it. */
export const MessageHeaders = {
  correlationId: 'x-correlation-id',
  causationId: 'x-causation-id',
  eventType: 'x-event-type',
  dlqError: 'x-dlq-error',
  dlqAttempts: 'x-dlq-attempts',
  dlqConsumer: 'x-dlq-consumer',
  dlqOriginalTopic: 'x-dlq-original-topic',
  dlqOriginalPartition: 'x-dlq-original-partition',
  dlqOriginalOffset: 'x-dlq-original-offset',
  dlqFailedAt: 'x-dlq-failed-at',
} as const;
