import { IsBase64, IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';
import { ServiceEnvironment } from '@bp/messaging';

/** The notification-service's settings: those of every service, and how webhooks are delivered. */
export class NotificationServiceEnvironment extends ServiceEnvironment {
  /** The delay after a delivery's first failure; each later one doubles it (with jitter). */
  @IsOptional()
  @IsInt()
  @Min(100)
  @Max(86_400_000)
  WEBHOOK_RETRY_BASE_MS?: number;

  /** No retry delay grows beyond this. */
  @IsOptional()
  @IsInt()
  @Min(100)
  @Max(86_400_000)
  WEBHOOK_RETRY_MAX_MS?: number;

  /** How long a delivery is retried before it is given up and its webhook disabled. */
  @IsOptional()
  @IsInt()
  @Min(1_000)
  @Max(604_800_000)
  WEBHOOK_RETRY_WINDOW_MS?: number;

  /** How long one delivery attempt may take, connection to last byte. */
  @IsOptional()
  @IsInt()
  @Min(100)
  @Max(60_000)
  WEBHOOK_TIMEOUT_MS?: number;

  @IsOptional()
  @IsInt()
  @Min(50)
  @Max(60_000)
  WEBHOOK_POLL_INTERVAL_MS?: number;

  /** How long a rotated-out secret keeps signing beside the new one. */
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(604_800_000)
  WEBHOOK_SECRET_OVERLAP_MS?: number;

  /**
   * Hosts or addresses a webhook may target although they are not public, comma-separated
   * (e.g. a national system on a private network, or the tests' local receiver on 127.0.0.1).
   */
  @IsOptional()
  @IsString()
  WEBHOOK_ALLOWED_TARGETS?: string;

  /** 32 bytes, base64: webhook secrets are encrypted with it at rest (AES-256-GCM). */
  @IsOptional()
  @IsBase64()
  @Length(44, 44)
  WEBHOOK_SECRET_KEY?: string;
}
