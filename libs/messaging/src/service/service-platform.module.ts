import { DynamicModule, Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { MikroOrmModule } from '@mikro-orm/nestjs';
import { EVENT_CATALOG, EventCatalog, ServiceDescriptor } from '@bp/contracts';
import {
  LivenessController,
  loggerModule,
  metricsModule,
  validateEnvironment,
} from '@bp/observability';
import { ServiceOrmConfig, mikroOrmOptions } from '@bp/persistence';
import { kafkaBrokersFromEnv } from '../kafka/kafka-settings';
import { ServiceMessagingModule } from './service-messaging.module';
import { ServiceEnvironment } from './service-environment';

export interface ServicePlatformOptions {
  service: ServiceDescriptor;
  orm: ServiceOrmConfig;
  catalog?: EventCatalog;
}

/** What every service app stands on: validated settings, logs, metrics, its database and the bus. */
@Module({})
export class ServicePlatformModule {
  static forService({
    service,
    orm,
    catalog = EVENT_CATALOG,
  }: ServicePlatformOptions): DynamicModule {
    return {
      module: ServicePlatformModule,
      imports: [
        ConfigModule.forRoot({
          isGlobal: true,
          ignoreEnvFile: true,
          validate: validateEnvironment(ServiceEnvironment),
        }),
        loggerModule(service.name),
        metricsModule(service.name),
        MikroOrmModule.forRoot({ ...mikroOrmOptions(orm), registerRequestContext: false }),
        ServiceMessagingModule.forService({
          service,
          database: orm.database,
          catalog,
          brokers: kafkaBrokersFromEnv(),
        }),
      ],
      controllers: [LivenessController],
    };
  }
}
