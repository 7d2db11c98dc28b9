import { SERVICES } from './services';
import { Topics, deadLetterTopic, replyTopic } from './topics';

/**
 * Who may do what on the broker: one principal per app, named as the app, with the least it needs.
 * infra creates exactly these ACLs (and removes any other of these principals); the broker's
 * authorizer denies everything else. The admin principal, which creates topics and ACLs, is a
 * super user of the broker and used by no app.
 */
export type KafkaOperation = 'READ' | 'WRITE' | 'DESCRIBE' | 'DELETE';

export interface KafkaGrant {
  resource: 'TOPIC' | 'GROUP';
  /** A topic or group name, or a name prefix when `prefixed`. */
  name: string;
  prefixed?: boolean;
  operations: readonly KafkaOperation[];
}

export interface KafkaPrincipal {
  name: string;
  grants: readonly KafkaGrant[];
}

export const KAFKA_ADMIN_PRINCIPAL = 'admin';
export const GATEWAY_PRINCIPAL = 'gateway';
/** Every consumer group of a gateway instance starts so: its replies and its live stream. */
export const GATEWAY_GROUP_PREFIX = 'bp-gateway-';

const read = (name: string): KafkaGrant => ({ resource: 'TOPIC', name, operations: ['READ'] });
const write = (name: string): KafkaGrant => ({ resource: 'TOPIC', name, operations: ['WRITE'] });
const groups = (prefix: string): KafkaGrant => ({
  resource: 'GROUP',
  name: prefix,
  prefixed: true,
  operations: ['READ', 'DESCRIBE'],
});

/**
 * Every one-off consumer group of a service's replays starts so; the service may delete those
 * groups and no other (not its live ones).
 */
export function replayGroupPrefix(service: { name: string }): string {
  return `${service.name}.replay.`;
}

function gateway(): KafkaPrincipal {
  const services = Object.values(SERVICES);
  return {
    name: GATEWAY_PRINCIPAL,
    grants: [
      ...services.map((service) => write(service.commandTopic)),
      ...services.map((service) => read(replyTopic(service.commandTopic))),
      // The one event topic the gateway reads: the notifications it streams to their recipients.
      read(Topics.notificationEvents),
      groups(GATEWAY_GROUP_PREFIX),
    ],
  };
}

/** The rfi-service's postings and the reporting-service's model are rebuilt by replaying topics. */
const REBUILT_BY_REPLAY = new Set<string>([SERVICES.rfi.name, SERVICES.reporting.name]);

function service(descriptor: (typeof SERVICES)[keyof typeof SERVICES]): KafkaPrincipal {
  return {
    name: descriptor.name,
    grants: [
      read(descriptor.commandTopic),
      write(replyTopic(descriptor.commandTopic)),
      write(descriptor.eventTopic),
      ...descriptor.consumes.flatMap((topic: string) => [
        read(topic),
        write(deadLetterTopic(topic)),
      ]),
      groups(descriptor.name),
      // A service that rebuilds a projection by replay drops the replay's one-off group after.
      ...(REBUILT_BY_REPLAY.has(descriptor.name)
        ? [
            {
              resource: 'GROUP' as const,
              name: replayGroupPrefix(descriptor),
              prefixed: true,
              operations: ['DELETE' as const],
            },
          ]
        : []),
    ],
  };
}

export const KAFKA_PRINCIPALS: readonly KafkaPrincipal[] = [
  gateway(),
  ...Object.values(SERVICES).map(service),
];
