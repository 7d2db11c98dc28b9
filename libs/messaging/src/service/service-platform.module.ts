import { DynamicModule, Logger, Module, Provider } from '@nestjs/common';
import { MikroOrmModule } from '@mikro-orm/nestjs';
import { EVENT_CATALOG, EventCatalog, ServiceDescriptor } from '@bp/contracts';
import { LivenessController, loggerModule, metricsModule } from '@bp/observability';
import { ServiceOrmConfig, StandbyHeartbeat, StandbyReads, mikroOrmOptions } from '@bp/persistence';
import { ServiceMessagingModule } from './service-messaging.module';
import { ServiceSettings } from './service-settings';

export interface ServicePlatformOptions {
  service: ServiceDescriptor;
  /** Validated once at boot by the app's config (apps/<app>/src/config/). */
  settings: ServiceSettings;
  /** The service's mappings and migrations, on the database of its settings. */
  orm: ServiceOrmConfig;
  catalog?: EventCatalog;
  /**
   * Whether some of its reads may go to a standby (StandbyReads), when DATABASE_READ_URL names
   * one: its migrations then include STANDBY_HEARTBEAT_MIGRATION.
   */
  readsFromStandby?: boolean;
}

/** What every service app stands on: logs, metrics, its database and the bus, as its settings say. */
@Module({})
export class ServicePlatformModule {
  static forService({
    service,
    settings,
    orm,
    catalog = EVENT_CATALOG,
    readsFromStandby = false,
  }: ServicePlatformOptions): DynamicModule {
    const standby = readsFromStandby ? orm.database.standby : undefined;
    if (orm.database.standby && !standby)
      new Logger(service.name).warn(
        'DATABASE_READ_URL is set, but this service reads nothing from a standby: ignored',
      );
    const standbyProviders: Provider[] = [
      {
        provide: StandbyReads,
        useValue: new StandbyReads(
          standby,
          orm.migrations.map((migration) => migration.name),
        ),
      },
      ...(standby ? [StandbyHeartbeat] : []),
    ];
    return {
      module: ServicePlatformModule,
      imports: [
        loggerModule(service.name, settings.logLevel),
        metricsModule(service.name),
        MikroOrmModule.forRoot({
          ...mikroOrmOptions({ ...orm, database: { ...orm.database, standby } }),
          registerRequestContext: false,
        }),
        ServiceMessagingModule.forService({
          service,
          database: orm.database,
          catalog,
          kafka: settings.kafka,
          keyDir: settings.keyDir,
        }),
      ],
      controllers: [LivenessController],
      // The command keys' verifier: a service that takes requests besides commands (the
      // rfi-service's attachment transfers) checks who asks the same way.
      providers: standbyProviders,
      exports: [ServiceMessagingModule, StandbyReads],
    };
  }
}
