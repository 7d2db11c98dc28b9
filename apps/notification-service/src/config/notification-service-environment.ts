import {
  IsBase64,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  Length,
  Matches,
  Max,
  Min,
} from 'class-validator';
import { ServiceEnvironment } from '@bp/messaging';

/**
 * The notification-service's settings: those of every service, duty pages and their e-mail, and
 * how webhooks are delivered.
 */
export class NotificationServiceEnvironment extends ServiceEnvironment {
  /** How long a duty page waits for an acknowledgement before the next contact is paged. */
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(86_400)
  PAGE_ACK_TIMEOUT_SECONDS?: number;

  /** How often unacknowledged pages are looked for (and e-mails to send). */
  @IsOptional()
  @IsInt()
  @Min(100)
  @Max(3_600_000)
  PAGE_SCAN_INTERVAL_MS?: number;

  /** e.g. `smtp://relay.example.org:25` or `smtps://user:pass@host:465`; absent: no e-mail. */
  @IsOptional()
  @Matches(/^smtps?:\/\/[^\s]+$/, { message: 'SMTP_URL is smtp://host:port or smtps://…' })
  SMTP_URL?: string;

  /** The sender of duty e-mails. */
  @IsOptional()
  @Matches(/^[^\r\n]{3,200}$/)
  SMTP_FROM?: string;

  /** Where the API is reached from outside, for the links in e-mails. */
  @IsOptional()
  @IsUrl({ protocols: ['http', 'https'], require_tld: false, require_protocol: true })
  PUBLIC_URL?: string;

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
