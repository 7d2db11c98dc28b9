import 'reflect-metadata';
import { SERVICES } from '@bp/contracts';
import { startTracing } from '@bp/observability';

// Before the imports below load `pg`, which its instrumentation patches as it is required.
startTracing(SERVICES.knowledgeExchange.name);

import { bootstrapService } from '@bp/messaging';
import { loadKnowledgeExchangeServiceSettings } from './config/knowledge-exchange-service-settings';
import { KnowledgeExchangeServiceModule } from './knowledge-exchange-service.module';

const settings = loadKnowledgeExchangeServiceSettings();
void bootstrapService(
  KnowledgeExchangeServiceModule.forRoot(settings),
  SERVICES.knowledgeExchange,
  settings,
);
