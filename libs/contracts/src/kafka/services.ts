import { Topics } from './topics';

/** The services behind the gateway, with the topic each takes commands on and emits events to. */
export const SERVICES = {
  rfi: {
    key: 'rfi',
    name: 'rfi-service',
    commandTopic: Topics.rfiCommands,
    eventTopic: Topics.rfiEvents,
  },
  deployment: {
    key: 'deployment',
    name: 'deployment-service',
    commandTopic: Topics.deploymentCommands,
    eventTopic: Topics.deploymentEvents,
  },
  knowledgeExchange: {
    key: 'knowledgeExchange',
    name: 'knowledge-exchange-service',
    commandTopic: Topics.knowledgeExchangeCommands,
    eventTopic: Topics.knowledgeExchangeEvents,
  },
  notification: {
    key: 'notification',
    name: 'notification-service',
    commandTopic: Topics.notificationCommands,
    eventTopic: Topics.notificationEvents,
  },
} as const;

export type ServiceKey = keyof typeof SERVICES;
export type ServiceDescriptor = (typeof SERVICES)[ServiceKey];
export const SERVICE_KEYS = Object.keys(SERVICES) as ServiceKey[];
