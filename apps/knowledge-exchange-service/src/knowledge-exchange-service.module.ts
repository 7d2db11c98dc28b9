import { Module } from '@nestjs/common';
import { SERVICES } from '@bp/contracts';
import { ServicePlatformModule } from '@bp/messaging';
import { ormConfig } from './infrastructure/persistence/orm-config';
import { KnowledgeExchanges } from './application/knowledge-exchange-use-cases';
import { KnowledgeExchangeCommandHandlers } from './interface/knowledge-exchange-command.handlers';

@Module({
  imports: [
    ServicePlatformModule.forService({ service: SERVICES.knowledgeExchange, orm: ormConfig() }),
  ],
  providers: [KnowledgeExchanges, KnowledgeExchangeCommandHandlers],
})
export class KnowledgeExchangeServiceModule {}
