import { MESSAGING_MIGRATIONS } from '@bp/messaging';
import { DatabaseSettings, ServiceOrmConfig } from '@bp/persistence';
import { KnowledgeExchangeSchema } from './knowledge-exchange.schema';
import {
  KNOWLEDGE_EXCHANGE_MIGRATION,
  STATUS_CHANGED_AT_MIGRATION,
} from './knowledge-exchange.migration';

/** The knowledge-exchange-service's own database: its mappings and its migrations, in order. */
export function ormConfig(database: DatabaseSettings): ServiceOrmConfig {
  return {
    database,
    entities: [KnowledgeExchangeSchema],
    migrations: [
      ...MESSAGING_MIGRATIONS,
      KNOWLEDGE_EXCHANGE_MIGRATION,
      STATUS_CHANGED_AT_MIGRATION,
    ],
  };
}
