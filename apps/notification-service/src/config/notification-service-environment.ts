import { IsInt, IsOptional, IsUrl, Matches, Max, Min } from 'class-validator';
import { ServiceEnvironment } from '@bp/messaging';

/** The notification-service's settings: those of every service, and duty pages and their e-mail. */
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
}
