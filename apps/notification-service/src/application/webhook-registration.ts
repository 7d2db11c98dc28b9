import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import {
  ConflictError,
  NotFoundError,
  NotificationAccess,
  PageQuery,
  ValidationFailedError,
  WebhookCommands,
  WebhookIdCommand,
  WebhookRegistrationCommand,
} from '@bp/contracts';
import { requireParty, requireRole } from '@bp/auth';
import { CommandContext, HandlesCommand } from '@bp/messaging';
import {
  NOTIFICATION_SERVICE_SETTINGS,
  NotificationServiceSettings,
} from '../config/notification-service-settings';
import { WEBHOOKS_PER_PARTY } from '../domain/webhook-rules';
import { WebhookErrors } from '../domain/webhook-errors';
import { WebhookRegistrations } from '../infrastructure/persistence/webhook-registrations.store';
import { SecretBox } from '../infrastructure/webhooks/secret-box';
import { newWebhookSecret } from '../infrastructure/webhooks/webhook-signature';
import { TargetRefused, WebhookTargets } from '../infrastructure/webhooks/webhook-targets';
import { webhookView, withSecret } from './webhook-views';

const DEFAULT_LIMIT = 20;

/** The caller's party: a focal point manages its own party's webhooks, whatever a body says. */
export function ownParty(context: CommandContext): string {
  return requireParty(requireRole(context.actor, ...NotificationAccess.webhooks));
}

/**
 * A party's webhooks, managed by its focal points. Another party's webhook is not found, exactly
 * like one that does not exist; a secret is answered once, when it is made, and never again.
 */
@Injectable()
export class WebhookRegistration {
  constructor(
    private readonly registrations: WebhookRegistrations,
    private readonly targets: WebhookTargets,
    private readonly secrets: SecretBox,
    @Inject(NOTIFICATION_SERVICE_SETTINGS) private readonly settings: NotificationServiceSettings,
  ) {}

  @HandlesCommand(WebhookCommands.registerWebhook)
  async register(input: WebhookRegistrationCommand, context: CommandContext) {
    const party = ownParty(context);
    await this.vet(input.url);
    if ((await this.registrations.countForUpdate(context.em, party)) >= WEBHOOKS_PER_PARTY)
      throw new ConflictError(
        WebhookErrors.LIMIT_REACHED,
        `A party keeps at most ${WEBHOOKS_PER_PARTY} webhooks; delete one first`,
      );
    const secret = newWebhookSecret();
    const row = await this.registrations.add(
      context.em,
      {
        id: randomUUID(),
        party,
        url: input.url,
        events: input.events,
        secret: this.secrets.seal(secret),
      },
      new Date(),
    );
    return withSecret(row, secret);
  }

  @HandlesCommand(WebhookCommands.listWebhooks)
  async list(input: PageQuery, context: CommandContext) {
    const page = await this.registrations.page(context.em, ownParty(context), {
      limit: input.limit ?? DEFAULT_LIMIT,
      cursor: input.cursor,
    });
    return { items: page.items.map(webhookView), nextCursor: page.nextCursor };
  }

  @HandlesCommand(WebhookCommands.getWebhook)
  async get({ webhookId }: WebhookIdCommand, context: CommandContext) {
    return webhookView(await this.ownWebhook(context, webhookId));
  }

  @HandlesCommand(WebhookCommands.deleteWebhook)
  async delete({ webhookId }: WebhookIdCommand, context: CommandContext) {
    const removed = await this.registrations.remove(context.em, ownParty(context), webhookId);
    if (!removed) throw notFound(webhookId);
    return webhookView(removed);
  }

  @HandlesCommand(WebhookCommands.rotateWebhookSecret)
  async rotateSecret({ webhookId }: WebhookIdCommand, context: CommandContext) {
    const now = new Date();
    const secret = newWebhookSecret();
    const row = await this.registrations.rotate(
      context.em,
      ownParty(context),
      webhookId,
      this.secrets.seal(secret),
      new Date(now.getTime() + this.settings.webhooks.secretOverlapMs),
      now,
    );
    if (!row) throw notFound(webhookId);
    return withSecret(row, secret);
  }

  /** The caller's party's webhook, or not found. */
  async ownWebhook(context: CommandContext, webhookId: string) {
    const row = await this.registrations.find(context.em, ownParty(context), webhookId);
    if (!row) throw notFound(webhookId);
    return row;
  }

  private async vet(url: string): Promise<void> {
    try {
      await this.targets.vet(url);
    } catch (error) {
      if (!(error instanceof TargetRefused)) throw error;
      throw new ValidationFailedError(WebhookErrors.TARGET_REFUSED, error.message, [
        { field: 'url', message: error.message },
      ]);
    }
  }
}

const notFound = (webhookId: string) =>
  new NotFoundError(WebhookErrors.NOT_FOUND, `No webhook ${webhookId}`);
