import 'reflect-metadata';
import { SERVICES } from '@bp/contracts';
import { bootstrapService } from '@bp/messaging';
import { KnowledgeExchangeServiceModule } from './knowledge-exchange-service.module';

void bootstrapService(KnowledgeExchangeServiceModule, SERVICES.knowledgeExchange, 3103);
