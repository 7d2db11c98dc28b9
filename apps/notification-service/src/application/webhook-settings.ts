import { RetryPolicy } from '../domain/delivery-schedule';

/** How webhooks are delivered (README, environment variables; read in config/). */
export class WebhookSettings {
  constructor(
    readonly retry: RetryPolicy,
    readonly timeoutMs: number,
    readonly pollIntervalMs: number,
    readonly secretOverlapMs: number,
    /** Hosts and addresses allowed although not public, lower case. */
    readonly allowedTargets: readonly string[],
    /** Base64 AES-256 key for secrets at rest; null keeps them unencrypted (a warning at boot). */
    readonly secretKey: string | null,
  ) {}
}
