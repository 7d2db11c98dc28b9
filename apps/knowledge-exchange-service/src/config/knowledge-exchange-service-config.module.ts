import { DynamicModule, Module } from '@nestjs/common';
import {
  KNOWLEDGE_EXCHANGE_SERVICE_SETTINGS,
  KnowledgeExchangeServiceSettings,
} from './knowledge-exchange-service-settings';

/** Provides the settings main.ts loaded at boot to every provider of the app that asks for them. */
@Module({})
export class KnowledgeExchangeServiceConfigModule {
  static forRoot(settings: KnowledgeExchangeServiceSettings): DynamicModule {
    return {
      module: KnowledgeExchangeServiceConfigModule,
      global: true,
      providers: [{ provide: KNOWLEDGE_EXCHANGE_SERVICE_SETTINGS, useValue: settings }],
      exports: [KNOWLEDGE_EXCHANGE_SERVICE_SETTINGS],
    };
  }
}
