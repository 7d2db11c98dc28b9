import { Topics } from './topics';

/**
 * The services behind the gateway: the topic each takes commands on, the one it emits events to, and
 * the event topics it consumes. Each is also a Kafka principal of that name, whose rights follow
 * from these lists (kafka/access.ts); a service that subscribes to a topic not listed here is
 * refused by the broker.
 */
export const SERVICES = {
  rfi: {
    key: 'rfi',
    name: 'rfi-service',
    commandTopic: Topics.rfiCommands,
    eventTopic: Topics.rfiEvents,
    // Active postings, for who may answer a request in a host country.
    consumes: [Topics.deploymentEvents],
  },
  deployment: {
    key: 'deployment',
    name: 'deployment-service',
    commandTopic: Topics.deploymentCommands,
    eventTopic: Topics.deploymentEvents,
    consumes: [],
  },
  knowledgeExchange: {
    key: 'knowledgeExchange',
    name: 'knowledge-exchange-service',
    commandTopic: Topics.knowledgeExchangeCommands,
    eventTopic: Topics.knowledgeExchangeEvents,
    consumes: [],
  },
  notification: {
    key: 'notification',
    name: 'notification-service',
    commandTopic: Topics.notificationCommands,
    eventTopic: Topics.notificationEvents,
    // Early warnings and alerts: the secretariat and the addressed parties are told.
    consumes: [
      Topics.rfiEvents,
      Topics.deploymentEvents,
      Topics.knowledgeExchangeEvents,
      Topics.reportingEvents,
    ],
  },
  reporting: {
    key: 'reporting',
    name: 'reporting-service',
    commandTopic: Topics.reportingCommands,
    eventTopic: Topics.reportingEvents,
    // Response health from the requests' events, officers on post from the postings', the
    // exchanges' figures from theirs.
    consumes: [Topics.rfiEvents, Topics.deploymentEvents, Topics.knowledgeExchangeEvents],
  },
} as const;

export type ServiceKey = keyof typeof SERVICES;
export type ServiceDescriptor = (typeof SERVICES)[ServiceKey];
/** The service that writes an event topic; undefined for a topic no service owns. */
export function ownerOfEventTopic(topic: string): ServiceDescriptor | undefined {
  return Object.values(SERVICES).find((service) => service.eventTopic === topic);
}
export const SERVICE_KEYS = Object.keys(SERVICES) as ServiceKey[];
