import {
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  Length,
  Matches,
  Max,
  Min,
} from 'class-validator';
import { AppEnvironment } from '@bp/messaging';

// https only, but for a page on the developer's own machine: a plain-http origin anywhere else
// could be anyone on the network path.
const ORIGIN = '(https://[A-Za-z0-9.-]+|http://(localhost|127\\.0\\.0\\.1))(:[0-9]{1,5})?';
const ORIGIN_LIST = new RegExp(`^${ORIGIN}(,${ORIGIN})*$`);

const SERVICE_URL = { require_tld: false, protocols: ['http', 'https'], require_protocol: true };

/** The gateway's settings: those of every app, and its own (README, Environment variables). */
export class GatewayEnvironment extends AppEnvironment {
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(65535)
  PORT?: number;

  @IsOptional()
  @IsString()
  HOST?: string;

  /** Where Prometheus scrapes the gateway: never the public port (metrics-listener.ts). */
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(65535)
  METRICS_PORT?: number;

  @IsOptional()
  @IsString()
  METRICS_HOST?: string;

  /** How long the gateway waits for a service before answering 504. */
  @IsOptional()
  @IsInt()
  @Min(100)
  @Max(120_000)
  SERVICE_TIMEOUT_MS?: number;

  /**
   * Where the gateway reaches each service's HTTP port: a user's reads go there straight, and
   * attachments' bytes to the rfi-service's (never through Kafka). One instance, or a load
   * balancer in front of several.
   */
  @IsOptional()
  @IsUrl(SERVICE_URL)
  RFI_SERVICE_URL?: string;

  @IsOptional()
  @IsUrl(SERVICE_URL)
  DEPLOYMENT_SERVICE_URL?: string;

  @IsOptional()
  @IsUrl(SERVICE_URL)
  KNOWLEDGE_EXCHANGE_SERVICE_URL?: string;

  @IsOptional()
  @IsUrl(SERVICE_URL)
  NOTIFICATION_SERVICE_URL?: string;

  @IsOptional()
  @IsUrl(SERVICE_URL)
  REPORTING_SERVICE_URL?: string;

  /** `http`: reads straight to the services (Kafka when one cannot be reached); `kafka`: all. */
  @IsOptional()
  @IsIn(['http', 'kafka'])
  READS_THROUGH?: 'http' | 'kafka';

  /**
   * Web origins whose pages may call the API from a browser (CORS), comma-separated, e.g.
   * `https://rfi.mup.gov.rs`. None by default: other origins' scripts cannot read any answer.
   */
  @IsOptional()
  @Matches(ORIGIN_LIST, {
    message: 'CORS_ALLOWED_ORIGINS is origin[,origin...], each scheme://host[:port]',
  })
  CORS_ALLOWED_ORIGINS?: string;

  /** Names this process's reply consumer group; must differ between gateway instances. */
  @IsOptional()
  @Matches(/^[A-Za-z0-9._-]{1,64}$/)
  GATEWAY_INSTANCE_ID?: string;

  @IsOptional()
  @IsInt()
  @Min(1024)
  @Max(50 * 1024 * 1024)
  BODY_LIMIT_BYTES?: number;

  @IsOptional()
  @IsInt()
  @Min(60)
  @Max(24 * 3600)
  JWT_TTL_SECONDS?: number;

  /** Sign-in attempts per minute for one username from one address. */
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(10_000)
  LOGIN_RATE_LIMIT_PER_MINUTE?: number;

  /** Sign-in attempts per minute from one address, whatever the usernames. */
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100_000)
  LOGIN_ADDRESS_RATE_LIMIT_PER_MINUTE?: number;

  /** Password hashes and checks running at once in this process (Argon2id: 64 MiB each). */
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(64)
  PASSWORD_HASH_CONCURRENCY?: number;

  /** How many more may wait for one; beyond that a sign-in gets 503 with Retry-After at once. */
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(10_000)
  PASSWORD_HASH_QUEUE?: number;

  /** Requests per user (or per address before sign-in) in one rate-limit window, on every API route. */
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(10_000_000)
  RATE_LIMIT_REQUESTS?: number;

  /** Length of the rate-limit window; every gateway instance must use the same. */
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(24 * 3600)
  RATE_LIMIT_WINDOW_SECONDS?: number;

  /** The password of the demo accounts seed.ts creates (npm start, npm test); the rule of any password. */
  @IsOptional()
  @IsString()
  @Length(12, 256)
  DEMO_PASSWORD?: string;

  /** Seconds between heartbeats of a live notification stream; each re-checks the token holder. */
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(300)
  STREAM_HEARTBEAT_SECONDS?: number;

  /** Seconds between askings of a stream's audience anew (an officer's posting can end). */
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(3600)
  STREAM_AUDIENCE_REFRESH_SECONDS?: number;

  /** Open notification streams one user may hold on one gateway instance. */
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100)
  STREAM_MAX_PER_USER?: number;

  /** Open notification streams one gateway instance holds at most. */
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100_000)
  STREAM_MAX_PER_INSTANCE?: number;
}
