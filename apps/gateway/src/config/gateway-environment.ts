import { hostname } from 'node:os';
import { IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import { ServiceEnvironment } from '@bp/messaging';

export class GatewayEnvironment extends ServiceEnvironment {
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(65535)
  PORT?: number;

  @IsOptional()
  @IsString()
  HOST?: string;

  /** How long the gateway waits for a service before answering 504. */
  @IsOptional()
  @IsInt()
  @Min(100)
  @Max(120_000)
  SERVICE_TIMEOUT_MS?: number;

  /** Names this process's reply consumer group; must differ between gateway instances. */
  @IsOptional()
  @Matches(/^[A-Za-z0-9._-]{1,64}$/)
  GATEWAY_INSTANCE_ID?: string;

  @IsOptional()
  @IsInt()
  @Min(1024)
  @Max(50 * 1024 * 1024)
  BODY_LIMIT_BYTES?: number;

  /** Folder of the RS256 key pair shared by every gateway instance (created when missing). */
  @IsOptional()
  @IsString()
  JWT_KEY_DIR?: string;

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
}

export interface GatewaySettings {
  port: number;
  host: string;
  serviceTimeoutMs: number;
  instanceId: string;
  bodyLimitBytes: number;
  jwtKeyDir: string;
  jwtTtlSeconds: number;
  loginRateLimitPerMinute: number;
  rateLimit: { limit: number; windowSeconds: number };
}

export function gatewaySettingsFromEnv(env = process.env): GatewaySettings {
  const port = Number(env.PORT ?? 3000);
  return {
    port,
    host: env.HOST ?? '127.0.0.1',
    serviceTimeoutMs: Number(env.SERVICE_TIMEOUT_MS ?? 5_000),
    instanceId: env.GATEWAY_INSTANCE_ID ?? `${hostname()}-${port}`,
    bodyLimitBytes: Number(env.BODY_LIMIT_BYTES ?? 256 * 1024),
    jwtKeyDir: env.JWT_KEY_DIR ?? '.run/keys',
    jwtTtlSeconds: Number(env.JWT_TTL_SECONDS ?? 900),
    loginRateLimitPerMinute: Number(env.LOGIN_RATE_LIMIT_PER_MINUTE ?? 10),
    rateLimit: {
      limit: Number(env.RATE_LIMIT_REQUESTS ?? 600),
      windowSeconds: Number(env.RATE_LIMIT_WINDOW_SECONDS ?? 60),
    },
  };
}
