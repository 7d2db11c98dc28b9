import { Injectable } from '@nestjs/common';
import {
  NotFoundError,
  WebhookCommands,
  WebhookDeliveriesCommand,
  WebhookDeliveryCommand,
} from '@bp/contracts';
import { CommandContext, HandlesCommand } from '@bp/messaging';
import { WebhookErrors } from '../domain/webhook-errors';
import { WebhookDeliveries } from '../infrastructure/persistence/webhook-deliveries.store';
import { WebhookRegistrations } from '../infrastructure/persistence/webhook-registrations.store';
import { WebhookRegistration } from './webhook-registration';
import { deliveryView } from './webhook-views';

const DEFAULT_LIMIT = 20;

/** What was sent to a party's webhook and how each attempt was answered; a delivery sent again. */
@Injectable()
export class WebhookDeliveryLog {
  constructor(
    private readonly webhooks: WebhookRegistration,
    private readonly registrations: WebhookRegistrations,
    private readonly deliveries: WebhookDeliveries,
  ) {}

  @HandlesCommand(WebhookCommands.listDeliveries)
  async list(input: WebhookDeliveriesCommand, context: CommandContext) {
    const webhook = await this.webhooks.ownWebhook(context, input.webhookId);
    const page = await this.deliveries.page(context.em, webhook.id, {
      limit: input.limit ?? DEFAULT_LIMIT,
      cursor: input.cursor,
    });
    return { items: page.items.map(deliveryView), nextCursor: page.nextCursor };
  }

  /**
   * Due at once, with a new retry window and the same webhook-id. Asked for by the owner after
   * fixing its receiver, it also enables a webhook that was disabled.
   */
  @HandlesCommand(WebhookCommands.redeliver)
  async redeliver({ webhookId, deliveryId }: WebhookDeliveryCommand, context: CommandContext) {
    const webhook = await this.webhooks.ownWebhook(context, webhookId);
    const row = await this.deliveries.requeue(context.em, webhook.id, deliveryId, new Date());
    if (!row)
      throw new NotFoundError(WebhookErrors.DELIVERY_NOT_FOUND, `No delivery ${deliveryId}`);
    if (!webhook.enabled) await this.registrations.enable(context.em, webhook.id);
    return deliveryView(row);
  }
}
