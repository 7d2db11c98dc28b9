import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { MikroORM } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { PeriodicTask, stripValues } from '@bp/persistence';
import {
  NOTIFICATION_SERVICE_SETTINGS,
  NotificationServiceSettings,
} from '../config/notification-service-settings';
import { nextAttemptAt } from '../domain/delivery-schedule';
import { signingSecrets } from '../domain/webhook-rules';
import { webhookDisabledNotification } from '../domain/webhook-notifications';
import { NotificationStore } from '../infrastructure/persistence/notification-store';
import {
  ClaimedDelivery,
  WebhookDeliveries,
} from '../infrastructure/persistence/webhook-deliveries.store';
import { WebhookRegistrations } from '../infrastructure/persistence/webhook-registrations.store';
import { SecretBox } from '../infrastructure/webhooks/secret-box';
import { signedHeaders } from '../infrastructure/webhooks/webhook-signature';
import {
  AttemptOutcome,
  WebhookSender,
  delivered,
} from '../infrastructure/webhooks/webhook-sender';
import { TargetRefused, WebhookTargets } from '../infrastructure/webhooks/webhook-targets';
import { NotificationFanOut } from './notification-fan-out';
import { messageIdOf } from './webhook-views';

/** Deliveries one instance sends at most at once; a pass takes only what room is left. */
const MAX_IN_FLIGHT = 20;
/** Beyond the timeout, how long a claimed delivery stays taken before another pass may retry it. */
const LEASE_MARGIN_MS = 30_000;

/**
 * Sends due webhook deliveries, in every instance: each pass claims its own (skip locked) and
 * sends them outside any transaction without waiting for them, so that a slow receiver does not hold
 * up the next pass; each attempt is then kept and the next scheduled with backoff. A
 * delivery that fails for the whole retry window is given up, its webhook disabled and its party's
 * focal points told, in one transaction.
 */
@Injectable()
export class WebhookDispatcher implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(WebhookDispatcher.name);
  private readonly task: PeriodicTask;
  private readonly inFlight = new Set<Promise<void>>();
  /** The webhooks this instance is sending to now: none gets a second delivery meanwhile. */
  private readonly busyWebhooks = new Map<string, number>();

  constructor(
    private readonly orm: MikroORM,
    private readonly deliveries: WebhookDeliveries,
    private readonly registrations: WebhookRegistrations,
    private readonly targets: WebhookTargets,
    private readonly sender: WebhookSender,
    private readonly secrets: SecretBox,
    private readonly store: NotificationStore,
    private readonly fanOut: NotificationFanOut,
    @Inject(NOTIFICATION_SERVICE_SETTINGS) private readonly settings: NotificationServiceSettings,
  ) {
    this.task = new PeriodicTask('Webhook deliveries', settings.webhooks.pollIntervalMs, () =>
      this.pass(),
    );
  }

  onApplicationBootstrap(): void {
    this.task.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.task.stop();
    await Promise.all(this.inFlight);
  }

  /** One pass: answers how many deliveries it started. */
  async pass(now = new Date()): Promise<number> {
    const room = MAX_IN_FLIGHT - this.inFlight.size;
    if (room <= 0) return 0;
    const { timeoutMs } = this.settings.webhooks;
    const leaseUntil = new Date(now.getTime() + timeoutMs + LEASE_MARGIN_MS);
    const claimed = await this.deliveries.claimDue(this.em(), now, leaseUntil, room, [
      ...this.busyWebhooks.keys(),
    ]);
    for (const delivery of claimed) {
      const { webhookId } = delivery;
      this.busyWebhooks.set(webhookId, (this.busyWebhooks.get(webhookId) ?? 0) + 1);
      // A failure to keep the outcome leaves the delivery claimed: it is tried again after its lease.
      const sending: Promise<void> = this.attempt(delivery)
        .catch((error: unknown) =>
          this.logger.warn(`Webhook delivery ${delivery.id} not kept: ${valueFree(error)}`),
        )
        .finally(() => {
          this.inFlight.delete(sending);
          const left = (this.busyWebhooks.get(webhookId) ?? 1) - 1;
          if (left > 0) this.busyWebhooks.set(webhookId, left);
          else this.busyWebhooks.delete(webhookId);
        });
      this.inFlight.add(sending);
    }
    return claimed.length;
  }

  private async attempt(delivery: ClaimedDelivery): Promise<void> {
    const webhook = await this.registrations.byId(this.em(), delivery.webhookId);
    // Deleted since (its deliveries went with it), or disabled (what was queued failed with it).
    if (!webhook?.enabled) return;
    const at = new Date();
    const outcome = await this.send(delivery, webhook, at);
    await this.em().transactional(async (tx) => {
      const attempt = { at, ...outcome };
      if (delivered(outcome)) {
        await this.deliveries.recordAttempt(tx, delivery.id, attempt, {
          status: 'DELIVERED',
          next: null,
        });
        return;
      }
      const next = nextAttemptAt(
        delivery.failures + 1,
        this.settings.webhooks.retry,
        { queuedAt: delivery.queuedAt, now: new Date() },
        Math.random(),
      );
      await this.deliveries.recordAttempt(tx, delivery.id, attempt, {
        status: next ? 'PENDING' : 'FAILED',
        next,
      });
      if (!next) await this.disable(tx, delivery.webhookId);
    });
  }

  private async send(
    delivery: ClaimedDelivery,
    webhook: {
      url: string;
      secret: string;
      previousSecret: string | null;
      previousUntil: Date | null;
    },
    at: Date,
  ): Promise<AttemptOutcome> {
    try {
      const target = await this.targets.vet(webhook.url);
      const secrets = signingSecrets(
        {
          current: webhook.secret,
          previous: webhook.previousSecret,
          previousUntil: webhook.previousUntil,
        },
        at,
      ).map((sealed) => this.secrets.open(sealed));
      const headers = signedHeaders(messageIdOf(delivery.id), at, delivery.payload, secrets);
      return await this.sender.post(
        target,
        delivery.payload,
        headers,
        this.settings.webhooks.timeoutMs,
      );
    } catch (error) {
      const refused = error instanceof TargetRefused;
      if (!refused)
        this.logger.warn(`Webhook delivery ${delivery.id} not sent: ${valueFree(error)}`);
      return {
        status: null,
        error: refused ? `refused: ${error.message}` : 'not sent (see the service log)',
        answer: null,
        durationMs: 0,
      };
    }
  }

  /**
   * Disables the webhook (once, whichever instance gets there first) before telling its party, so
   * that this notification is not queued for the webhook that just died.
   */
  private async disable(tx: EntityManager, webhookId: string): Promise<void> {
    const now = new Date();
    const disabled = await this.registrations.disable(tx, webhookId, now);
    if (!disabled) return;
    this.logger.warn(`Webhook ${webhookId} of ${disabled.party} disabled after its retry window`);
    // The disabling is the event: it happens once, so it has an id of its own.
    const told = await this.store.add(
      tx,
      randomUUID(),
      [webhookDisabledNotification(disabled)],
      now,
    );
    await this.fanOut.stored(tx, told);
  }

  private em(): EntityManager {
    return this.orm.em.fork() as EntityManager;
  }
}

/** A log line's account of an error: never a value a query carried (a payload, a secret). */
const valueFree = (error: unknown) =>
  error instanceof Error ? stripValues(error).message : String(error);
