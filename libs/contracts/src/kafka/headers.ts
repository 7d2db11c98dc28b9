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
  // Set by the dead-letter tool (npm run dlq): on a replayed event, the dead letter it re-delivers
  // (`<dlq topic>@<offset>`); on the note it leaves in the dead-letter topic, also where the replay
  // went and when. A replay that fails again carries the first into its new dead letter.
  dlqReplayOf: 'x-dlq-replay-of',
  dlqReplayedTo: 'x-dlq-replayed-to',
  dlqReplayedAt: 'x-dlq-replayed-at',
} as const;
