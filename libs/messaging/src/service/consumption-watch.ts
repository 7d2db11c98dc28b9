import { ServiceDescriptor, deadLetterTopic } from '@bp/contracts';
import { WatchedGroup } from '../kafka/consumption-gauges';

/** The consumer group (and inbox key) of a service's event handlers. */
export function eventConsumerGroup(service: ServiceDescriptor): string {
  return `${service.name}.events`;
}

/** Events are read from the start of their topics: a new consumer must see the whole history. */
export const EVENTS_FROM_BEGINNING = true;

/**
 * What a service's gauges watch: its command group, its event group on the topics it consumes,
 * and their dead-letter topics (which it writes, so its principal may describe them).
 */
export function consumptionWatch(
  service: ServiceDescriptor,
  consumedTopics: readonly string[],
): { groups: WatchedGroup[]; deadLetterTopics: string[] } {
  return {
    groups: [
      // command-server-options.ts names the group after the service; NestJS's server appends
      // "-server". Commands are read from the end: a new group has nothing to catch up on.
      { groupId: `${service.name}-server`, topics: [service.commandTopic], fromBeginning: false },
      ...(consumedTopics.length
        ? [
            {
              groupId: eventConsumerGroup(service),
              topics: consumedTopics,
              fromBeginning: EVENTS_FROM_BEGINNING,
            },
          ]
        : []),
    ],
    deadLetterTopics: consumedTopics.map(deadLetterTopic),
  };
}
