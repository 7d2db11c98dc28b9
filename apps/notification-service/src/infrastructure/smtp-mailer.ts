import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { Transporter, createTransport } from 'nodemailer';
import {
  NOTIFICATION_SERVICE_SETTINGS,
  NotificationServiceSettings,
} from '../config/notification-service-settings';

/** Sends one e-mail over SMTP_URL; absent when no SMTP server is configured. */
@Injectable()
export class SmtpMailer implements OnApplicationShutdown {
  private readonly transport: Transporter | null;
  private readonly from: string;

  constructor(@Inject(NOTIFICATION_SERVICE_SETTINGS) settings: NotificationServiceSettings) {
    this.from = settings.email.from;
    // Short timeouts: a hanging server must not hold the outbox rows of every other mail for long.
    this.transport = settings.email.smtpUrl
      ? createTransport({
          url: settings.email.smtpUrl,
          connectionTimeout: 10_000,
          greetingTimeout: 10_000,
          socketTimeout: 20_000,
        })
      : null;
  }

  get configured(): boolean {
    return this.transport !== null;
  }

  /**
   * The outbox row's id makes the Message-ID: should a sent mail be tried again (the server took
   * it but the mark did not commit), the receiving side sees the same message twice, not two.
   */
  async send(mail: {
    id: string;
    recipient: string;
    subject: string;
    body: string;
  }): Promise<void> {
    if (!this.transport) throw new Error('No SMTP server is configured');
    await this.transport.sendMail({
      from: this.from,
      to: mail.recipient,
      subject: mail.subject,
      text: mail.body,
      messageId: `<${mail.id}@bp-duty>`,
    });
  }

  onApplicationShutdown(): void {
    this.transport?.close();
  }
}
