/**
 * Every Kafka topic of the system, named once. Services never spell a topic themselves:
 * they import these constants, and infra creates exactly this topology before anything subscribes.
 */
export const Topics = {
  rfiEvents: 'bp.rfi.events',
  deploymentEvents: 'bp.deployment.events',
  knowledgeExchangeEvents: 'bp.knowledge-exchange.events',
  rfiCommands: 'bp.rfi.commands',
  deploymentCommands: 'bp.deployment.commands',
  knowledgeExchangeCommands: 'bp.knowledge-exchange.commands',
  // notification.created, for the gateways' live streams (each gateway reads all of it).
  notificationEvents: 'bp.notification.events',
  notificationCommands: 'bp.notification.commands',
  // Early warnings and alerts, as the reporting-service raises them.
  reportingEvents: 'bp.reporting.events',
  reportingCommands: 'bp.reporting.commands',
} as const;

export type TopicName = (typeof Topics)[keyof typeof Topics];

/** Poison messages of a topic are parked here with the error attached. */
export function deadLetterTopic(topic: string): string {
  return `${topic}.dlq`;
}

/** NestJS's Kafka transport answers a request on `<pattern>.reply`. */
export function replyTopic(topic: string): string {
  return `${topic}.reply`;
}

export interface TopicSpec {
  topic: string;
  numPartitions: number;
  configEntries?: { name: string; value: string }[];
}

const KEEP_FOREVER = [{ name: 'retention.ms', value: '-1' }];
const EVENT_PARTITIONS = 6;
const COMMAND_PARTITIONS = 6;

function eventTopic(topic: string, configEntries?: TopicSpec['configEntries']): TopicSpec[] {
  return [
    { topic, numPartitions: EVENT_PARTITIONS, configEntries },
    { topic: deadLetterTopic(topic), numPartitions: 1, configEntries: KEEP_FOREVER },
  ];
}

function commandTopic(topic: string): TopicSpec[] {
  // Replies go to one partition: each gateway instance reads all of it in a consumer group of
  // its own and keeps only the replies it is waiting for (see ServiceClient).
  return [
    { topic, numPartitions: COMMAND_PARTITIONS },
    { topic: replyTopic(topic), numPartitions: 1 },
  ];
}

export const KAFKA_TOPOLOGY: readonly TopicSpec[] = [
  // The rfi-service rebuilds its projection of active postings, and the reporting-service its
  // model, by replaying these topics from the start, so their events are kept for good.
  ...eventTopic(Topics.rfiEvents, KEEP_FOREVER),
  ...eventTopic(Topics.deploymentEvents, KEEP_FOREVER),
  ...eventTopic(Topics.knowledgeExchangeEvents, KEEP_FOREVER),
  ...eventTopic(Topics.notificationEvents),
  ...eventTopic(Topics.reportingEvents),
  ...commandTopic(Topics.rfiCommands),
  ...commandTopic(Topics.deploymentCommands),
  ...commandTopic(Topics.knowledgeExchangeCommands),
  ...commandTopic(Topics.notificationCommands),
  ...commandTopic(Topics.reportingCommands),
];
