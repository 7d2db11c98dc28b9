import { DynamicModule, Module } from '@nestjs/common';
import { SERVICES } from '@bp/contracts';
import { ServicePlatformModule } from '@bp/messaging';
import { KnowledgeExchangeServiceConfigModule } from './config/knowledge-exchange-service-config.module';
import { KnowledgeExchangeServiceSettings } from './config/knowledge-exchange-service-settings';
import { ormConfig } from './infrastructure/persistence/orm-config';
import { KnowledgeExchanges } from './application/knowledge-exchanges';
import { KnowledgeExchangeRepository } from './infrastructure/persistence/knowledge-exchange.repository';
import { KnowledgeExchangeListQuery } from './infrastructure/persistence/knowledge-exchange-list.query';
import { KnowledgeExchangeUnitOfWork } from './infrastructure/persistence/knowledge-exchange.unit-of-work';

@Module({})
export class KnowledgeExchangeServiceModule {
  /** The app with the settings main.ts loaded from the environment. */
  static forRoot(settings: KnowledgeExchangeServiceSettings): DynamicModule {
    return {
      module: KnowledgeExchangeServiceModule,
      imports: [
        KnowledgeExchangeServiceConfigModule.forRoot(settings),
        ServicePlatformModule.forService({
          service: SERVICES.knowledgeExchange,
          settings,
          orm: ormConfig(settings.database),
        }),
      ],
      providers: [
        KnowledgeExchangeRepository,
        KnowledgeExchangeUnitOfWork,
        KnowledgeExchangeListQuery,
        KnowledgeExchanges,
      ],
    };
  }
}
