import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import {
  NOTIFICATION_SERVICE_SETTINGS,
  NotificationServiceSettings,
} from '../../config/notification-service-settings';

const SEALED = 'v1:';
const PLAIN = 'plain:';

/**
 * Keeps webhook secrets recoverable (they must sign) but unreadable from the database alone:
 * AES-256-GCM under WEBHOOK_SECRET_KEY, stored as `v1:<iv>.<tag>.<ciphertext>`. Without a key they
 * are stored as `plain:<secret>` and the service says so at boot; a sealed secret never opens
 * without its key, so removing the key cannot downgrade what was sealed.
 */
@Injectable()
export class SecretBox implements OnModuleInit {
  private readonly key: Buffer | null;

  constructor(@Inject(NOTIFICATION_SERVICE_SETTINGS) settings: NotificationServiceSettings) {
    this.key = settings.webhooks.secretKey
      ? Buffer.from(settings.webhooks.secretKey, 'base64')
      : null;
  }

  onModuleInit(): void {
    if (!this.key)
      new Logger(SecretBox.name).warn(
        'WEBHOOK_SECRET_KEY is not set: webhook secrets are stored unencrypted',
      );
  }

  seal(secret: string): string {
    if (!this.key) return `${PLAIN}${secret}`;
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const ciphertext = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
    const parts = [iv, cipher.getAuthTag(), ciphertext].map((part) => part.toString('base64url'));
    return `${SEALED}${parts.join('.')}`;
  }

  open(stored: string): string {
    if (stored.startsWith(PLAIN)) return stored.slice(PLAIN.length);
    if (!stored.startsWith(SEALED) || !this.key)
      throw new Error('A webhook secret cannot be opened without WEBHOOK_SECRET_KEY');
    const [iv, tag, ciphertext] = stored
      .slice(SEALED.length)
      .split('.')
      .map((part) => Buffer.from(part, 'base64url'));
    const decipher = createDecipheriv('aes-256-gcm', this.key, iv!);
    decipher.setAuthTag(tag!);
    return Buffer.concat([decipher.update(ciphertext!), decipher.final()]).toString('utf8');
  }
}
