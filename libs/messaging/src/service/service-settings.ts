import { LogLevel, readSecretFile } from '@bp/observability';
import {
  DEFAULT_DATABASE_URL,
  DEFAULT_STANDBY_MAX_STALENESS_MS,
  DatabaseSettings,
} from '@bp/persistence';
import { KafkaConnection, parseKafkaBrokers } from '../kafka/kafka-settings';
import { AppEnvironment, ServiceEnvironment } from './service-environment';

/** What every app process needs, parsed from its validated environment (AppEnvironment). */
export interface AppSettings {
  readonly kafka: KafkaConnection;
  readonly database: DatabaseSettings;
  readonly logLevel: LogLevel;
  /** The gateway's key folder (JWT_KEY_DIR), shared by every app of a deployment. */
  readonly keyDir: string;
}

/** A service's settings: those of every app, and where its /health and /metrics listen. */
export interface ServiceSettings extends AppSettings {
  readonly http: { readonly port: number; readonly host: string };
}

/** The typed settings of a validated environment; the defaults that differ per app are given. */
export function appSettings(
  environment: AppEnvironment,
  defaults: { databaseName: string },
): AppSettings {
  return {
    kafka: {
      brokers: parseKafkaBrokers(environment.KAFKA_BROKERS),
      ...(environment.KAFKA_SASL_USERNAME && environment.KAFKA_SASL_PASSWORD_FILE
        ? {
            sasl: {
              username: environment.KAFKA_SASL_USERNAME,
              password: readSecretFile(
                'KAFKA_SASL_PASSWORD_FILE',
                environment.KAFKA_SASL_PASSWORD_FILE,
              ),
            },
          }
        : {}),
    },
    database: {
      serverUrl: environment.DATABASE_URL ?? DEFAULT_DATABASE_URL,
      name: environment.DATABASE_NAME ?? defaults.databaseName,
      debug: environment.DATABASE_DEBUG ?? 'off',
      ...(environment.DATABASE_PASSWORD_FILE
        ? { password: readSecretFile('DATABASE_PASSWORD_FILE', environment.DATABASE_PASSWORD_FILE) }
        : {}),
      ...(environment.DATABASE_APP_ROLE ? { appRole: environment.DATABASE_APP_ROLE } : {}),
    },
    logLevel: environment.LOG_LEVEL ?? 'info',
    keyDir: environment.JWT_KEY_DIR ?? '.run/keys',
  };
}

export function serviceSettings(
  environment: ServiceEnvironment,
  defaults: { databaseName: string; httpPort: number },
): ServiceSettings {
  const settings = appSettings(environment, defaults);
  return {
    ...settings,
    database: {
      ...settings.database,
      ...(environment.DATABASE_READ_URL
        ? {
            standby: {
              serverUrl: environment.DATABASE_READ_URL,
              maxStalenessMs:
                environment.DATABASE_READ_MAX_STALENESS_MS ?? DEFAULT_STANDBY_MAX_STALENESS_MS,
            },
          }
        : {}),
    },
    http: {
      port: environment.HTTP_PORT ?? defaults.httpPort,
      host: environment.HTTP_HOST ?? '127.0.0.1',
    },
  };
}
