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
const groups = (prefix: string, { deletes = false } = {}): KafkaGrant => ({
  resource: 'GROUP',
  name: prefix,
  prefixed: true,
  operations: deletes ? ['READ', 'DESCRIBE', 'DELETE'] : ['READ', 'DESCRIBE'],
});

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
      // A service that rebuilds a projection by replay drops the replay's one-off group after.
      groups(descriptor.name, { deletes: REBUILT_BY_REPLAY.has(descriptor.name) }),
    ],
  };
}

export const KAFKA_PRINCIPALS: readonly KafkaPrincipal[] = [
  gateway(),
  ...Object.values(SERVICES).map(service),
];
