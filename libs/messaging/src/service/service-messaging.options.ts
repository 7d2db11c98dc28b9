import { EventCatalog, ServiceDescriptor } from '@bp/contracts';
import { DatabaseSettings } from '@bp/persistence';
import { KafkaConnection } from '../kafka/kafka-settings';

export interface ServiceMessagingOptions {
  service: ServiceDescriptor;
  database: DatabaseSettings;
  catalog: EventCatalog;
  kafka: KafkaConnection;
  /** Where the gateway keeps its keys (JWT_KEY_DIR): the command key's public half is read here. */
  keyDir: string;
  /** Attempts before a failing event is parked in the dead-letter topic. */
  maxEventAttempts?: number;
}

export const SERVICE_MESSAGING_OPTIONS = Symbol('SERVICE_MESSAGING_OPTIONS');
