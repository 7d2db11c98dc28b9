import { SERVICES } from '@bp/contracts';
import { ServiceEnvironment, ServiceSettings, serviceSettings } from '@bp/messaging';
import { deepFreeze, validateEnvironment } from '@bp/observability';

/** Everything the knowledge-exchange-service is configured with: those of every service, so far. */
export type KnowledgeExchangeServiceSettings = ServiceSettings;

export const KNOWLEDGE_EXCHANGE_SERVICE_SETTINGS = Symbol('KNOWLEDGE_EXCHANGE_SERVICE_SETTINGS');

/**
 * The one place the knowledge-exchange-service reads its environment (README, Environment
 * variables). Its entry scripts call it first; a bad setting stops the process with every bad
 * variable named.
 */
export function loadKnowledgeExchangeServiceSettings(
  env: Record<string, string | undefined> = process.env,
): KnowledgeExchangeServiceSettings {
  const environment = validateEnvironment(ServiceEnvironment)(env);
  return deepFreeze(
    serviceSettings(environment, {
      databaseName: 'bp_knowledge_exchange',
      httpPort: SERVICES.knowledgeExchange.httpPort,
    }),
  );
}
