import { hostname } from 'node:os';
import { SERVICES, ServiceDescriptor, ServiceKey } from '@bp/contracts';
import { AppSettings, appSettings } from '@bp/messaging';
import { deepFreeze, validateEnvironment } from '@bp/observability';
import { GatewayEnvironment } from './gateway-environment';

/** Everything the gateway is configured with, validated once at boot and frozen. */
export interface GatewaySettings extends AppSettings {
  readonly port: number;
  readonly host: string;
  /** Prometheus's address, apart from the public one. */
  readonly metrics: { readonly port: number; readonly host: string };
  readonly serviceTimeoutMs: number;
  /** Each service's HTTP address: direct reads, and the rfi-service's attachments' bytes. */
  readonly serviceUrls: Readonly<Record<ServiceKey, string>>;
  readonly readsThrough: 'http' | 'kafka';
  /** Browser origins allowed to read answers (CORS); none by default. */
  readonly corsAllowedOrigins: readonly string[];
  readonly instanceId: string;
  readonly bodyLimitBytes: number;
  readonly jwtTtlSeconds: number;
  readonly loginRateLimitPerMinute: number;
  readonly loginAddressRateLimitPerMinute: number;
  readonly passwordHashConcurrency: number;
  readonly passwordHashQueue: number;
  readonly rateLimit: { readonly limit: number; readonly windowSeconds: number };
  readonly stream: {
    readonly heartbeatSeconds: number;
    readonly audienceRefreshSeconds: number;
    readonly maxPerUser: number;
    readonly maxPerInstance: number;
  };
  /** For seed.ts alone: the running gateway never uses it. */
  readonly demoPassword: string;
}

export const GATEWAY_SETTINGS = Symbol('GATEWAY_SETTINGS');

export const DEFAULT_DEMO_PASSWORD = 'bp-demo-password';

/**
 * The one place the gateway reads its environment (README, Environment variables). Its entry
 * scripts call it first; a bad setting stops the process with every bad variable named.
 */
export function loadGatewaySettings(
  env: Record<string, string | undefined> = process.env,
): GatewaySettings {
  const environment = validateEnvironment(GatewayEnvironment)(env);
  const port = environment.PORT ?? 3000;
  return deepFreeze({
    ...appSettings(environment, { databaseName: 'bp_gateway' }),
    port,
    host: environment.HOST ?? '127.0.0.1',
    metrics: {
      port: environment.METRICS_PORT ?? 3100,
      host: environment.METRICS_HOST ?? '127.0.0.1',
    },
    serviceTimeoutMs: environment.SERVICE_TIMEOUT_MS ?? 5_000,
    serviceUrls: {
      rfi: serviceUrl(environment.RFI_SERVICE_URL, SERVICES.rfi),
      deployment: serviceUrl(environment.DEPLOYMENT_SERVICE_URL, SERVICES.deployment),
      knowledgeExchange: serviceUrl(
        environment.KNOWLEDGE_EXCHANGE_SERVICE_URL,
        SERVICES.knowledgeExchange,
      ),
      notification: serviceUrl(environment.NOTIFICATION_SERVICE_URL, SERVICES.notification),
      reporting: serviceUrl(environment.REPORTING_SERVICE_URL, SERVICES.reporting),
    },
    readsThrough: environment.READS_THROUGH ?? 'http',
    corsAllowedOrigins: environment.CORS_ALLOWED_ORIGINS?.split(',') ?? [],
    instanceId: environment.GATEWAY_INSTANCE_ID ?? `${hostname()}-${port}`,
    bodyLimitBytes: environment.BODY_LIMIT_BYTES ?? 256 * 1024,
    jwtTtlSeconds: environment.JWT_TTL_SECONDS ?? 900,
    loginRateLimitPerMinute: environment.LOGIN_RATE_LIMIT_PER_MINUTE ?? 10,
    loginAddressRateLimitPerMinute: environment.LOGIN_ADDRESS_RATE_LIMIT_PER_MINUTE ?? 30,
    passwordHashConcurrency: environment.PASSWORD_HASH_CONCURRENCY ?? 4,
    passwordHashQueue: environment.PASSWORD_HASH_QUEUE ?? 32,
    rateLimit: {
      limit: environment.RATE_LIMIT_REQUESTS ?? 600,
      windowSeconds: environment.RATE_LIMIT_WINDOW_SECONDS ?? 60,
    },
    stream: {
      heartbeatSeconds: environment.STREAM_HEARTBEAT_SECONDS ?? 15,
      audienceRefreshSeconds: environment.STREAM_AUDIENCE_REFRESH_SECONDS ?? 60,
      maxPerUser: environment.STREAM_MAX_PER_USER ?? 5,
      maxPerInstance: environment.STREAM_MAX_PER_INSTANCE ?? 1_000,
    },
    demoPassword: environment.DEMO_PASSWORD ?? DEFAULT_DEMO_PASSWORD,
  });
}

/** Unset: the service's own default port on this host (npm start's layout). */
function serviceUrl(configured: string | undefined, service: ServiceDescriptor): string {
  return (configured ?? `http://127.0.0.1:${service.httpPort}`).replace(/\/+$/, '');
}
