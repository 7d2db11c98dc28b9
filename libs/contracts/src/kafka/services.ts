import { Topics } from './topics';

/**
 * The services behind the gateway: the topic each takes commands on, the one it emits events to, and
 * the event topics it consumes, and the HTTP port it listens on unless told otherwise (its health,
 * metrics, the gateway's reads and transfers). Each is also a Kafka principal of that name, whose rights follow
 * from these lists (kafka/access.ts); a service that subscribes to a topic not listed here is
 * refused by the broker.
 */
export const SERVICES = {
  rfi: {
    key: 'rfi',
    name: 'rfi-service',
    httpPort: 3101,
    commandTopic: Topics.rfiCommands,
    eventTopic: Topics.rfiEvents,
    // Active postings, for who may answer a request in a host country; completed knowledge
    // exchanges, offered beside similar requests as information already held.
    consumes: [Topics.deploymentEvents, Topics.knowledgeExchangeEvents],
  },
  deployment: {
    key: 'deployment',
    name: 'deployment-service',
    httpPort: 3102,
    commandTopic: Topics.deploymentCommands,
    eventTopic: Topics.deploymentEvents,
    consumes: [],
  },
  knowledgeExchange: {
    key: 'knowledgeExchange',
    name: 'knowledge-exchange-service',
    httpPort: 3103,
    commandTopic: Topics.knowledgeExchangeCommands,
    eventTopic: Topics.knowledgeExchangeEvents,
    consumes: [],
  },
  notification: {
    key: 'notification',
    name: 'notification-service',
    httpPort: 3104,
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
    httpPort: 3105,
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
