import { CommandInput, defineCommand } from '../commands/command-definition';
import { EmptyPayload } from '../commands/system-commands';
import { PageQuery } from '../commands/page-query';
import { NotificationAccess } from './notification-access';
import { WebhookRegistrationBody } from './webhook-inputs';

const WEBHOOK = { webhookId: 'id' } as const;
const DELIVERY = { webhookId: 'id', deliveryId: 'did' } as const;
const webhooks = { service: 'notification' } as const;
const roles = NotificationAccess.webhooks;

/**
 * A party's webhooks: its national case system is sent each notification addressed to the party's
 * focal points, signed (Standard Webhooks). Part of the notification-service's set.
 */
export const WebhookCommands = {
  registerWebhook: defineCommand({
    ...webhooks,
    name: 'webhook.register',
    payload: WebhookRegistrationBody,
    mutating: true,
    status: 201,
    shownOnce: ['secret'],
    http: {
      method: 'POST',
      path: 'webhooks',
      roles,
      summary: "Register a webhook for your party's notifications; its secret is shown once",
      description:
        'Each notification addressed to your party whose kind is in `events` is POSTed to `url`, ' +
        'signed per Standard Webhooks (`webhook-id`, `webhook-timestamp`, `webhook-signature`), ' +
        'retried with exponential backoff for 24 h, after which the webhook is disabled and your ' +
        'focal points are told (`WEBHOOK_DISABLED`). The answer carries `secret` (`whsec_…`): ' +
        'it is never shown again, not even to a replay of the same Idempotency-Key. 400 when ' +
        'the target resolves to a non-public address.',
    },
  }),
  listWebhooks: defineCommand({
    ...webhooks,
    name: 'webhook.list',
    payload: PageQuery,
    mutating: false,
    http: {
      method: 'GET',
      path: 'webhooks',
      roles,
      summary: "Your party's webhooks (never their secrets)",
      description:
        "Focal points only, for their own party: another party's webhooks are never listed. " +
        'Newest first, paginated with `limit` and `cursor`; `enabled: false` with `disabledAt` ' +
        'marks one disabled after its retry window ran out, until a redelivery enables it ' +
        'again.',
    },
  }),
  getWebhook: defineCommand({
    ...webhooks,
    name: 'webhook.get',
    payload: EmptyPayload,
    ids: WEBHOOK,
    mutating: false,
    http: {
      method: 'GET',
      path: 'webhooks/:id',
      roles,
      summary: "One of your party's webhooks (never its secret)",
      description:
        "Focal points of the party that owns it; another party's webhook answers 404, as one " +
        'that does not exist. The secret is answered only when it is made (registration, ' +
        'rotation); `secretRotatedAt` says when it last changed.',
    },
  }),
  deleteWebhook: defineCommand({
    ...webhooks,
    name: 'webhook.delete',
    payload: EmptyPayload,
    ids: WEBHOOK,
    mutating: true,
    http: {
      method: 'DELETE',
      path: 'webhooks/:id',
      roles,
      summary: 'Delete a webhook, with its deliveries; nothing more is sent to it',
      description:
        "Focal points of the party that owns it (another party's: 404, and so is a second " +
        'delete). Its delivery log and queued deliveries go with it, and its place under the ' +
        'limit of 10 webhooks per party is free again. Answers the deleted webhook.',
    },
  }),
  rotateWebhookSecret: defineCommand({
    ...webhooks,
    name: 'webhook.rotate-secret',
    payload: EmptyPayload,
    ids: WEBHOOK,
    mutating: true,
    shownOnce: ['secret'],
    http: {
      method: 'POST',
      path: 'webhooks/:id/rotate-secret',
      roles,
      summary: 'A new secret, shown once; the old one still signs beside it for an overlap window',
      description:
        'During the overlap (24 h unless configured otherwise) each delivery carries two ' +
        'signatures in `webhook-signature`, one per secret, so the receiver can switch at leisure.',
    },
  }),
  listDeliveries: defineCommand({
    ...webhooks,
    name: 'webhook.deliveries',
    payload: PageQuery,
    ids: WEBHOOK,
    mutating: false,
    http: {
      method: 'GET',
      path: 'webhooks/:id/deliveries',
      roles,
      summary: 'Deliveries of a webhook, newest first, each with its attempts and their answers',
      description:
        "Focal points of the party that owns the webhook (another party's: 404). Each delivery " +
        'names its notification and kind, its `status` (PENDING, DELIVERED, FAILED), its ' +
        '`messageId` (the `webhook-id` header) and next attempt; each attempt shows when, the ' +
        'HTTP status or the error, the first 256 characters of the answer and how long it ' +
        'took. Paginated with `limit` and `cursor`.',
    },
  }),
  redeliver: defineCommand({
    ...webhooks,
    name: 'webhook.redeliver',
    payload: EmptyPayload,
    ids: DELIVERY,
    mutating: true,
    status: 202,
    http: {
      method: 'POST',
      path: 'webhooks/:id/deliveries/:did/redeliver',
      roles,
      summary: 'Send a delivery again, with the same webhook-id, and retry it as a new one',
      description:
        "Focal points of the party that owns the webhook (another party's: 404). A DELIVERED " +
        'or FAILED delivery is queued at once with the same body and a new retry window, ' +
        'signed again when sent; one still PENDING is left as it is, so asking twice does not ' +
        'send it twice. A disabled webhook is enabled again (its other failed deliveries stay ' +
        'failed); answers the delivery.',
    },
  }),
} as const;

export type WebhookIdCommand = CommandInput<typeof WebhookCommands.getWebhook>;
export type WebhookRegistrationCommand = CommandInput<typeof WebhookCommands.registerWebhook>;
export type WebhookDeliveriesCommand = CommandInput<typeof WebhookCommands.listDeliveries>;
export type WebhookDeliveryCommand = CommandInput<typeof WebhookCommands.redeliver>;
