import { WebhookRow } from '../infrastructure/persistence/webhook-registrations.store';
import { DeliveryRow } from '../infrastructure/persistence/webhook-deliveries.store';

/** A webhook as its party's focal points see it: never a secret (that is shown once, on its own). */
export function webhookView(row: WebhookRow) {
  return {
    id: row.id,
    party: row.party,
    url: row.url,
    events: row.events,
    enabled: row.enabled,
    disabledAt: row.disabledAt?.toISOString() ?? null,
    secretRotatedAt: row.secretRotatedAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
  };
}

/** The answer of a registration or a rotation: the view, and the new secret this once. */
export const withSecret = (row: WebhookRow, secret: string) => ({ ...webhookView(row), secret });

/** The `webhook-id` header of a delivery: the same on every attempt and redelivery. */
export const messageIdOf = (deliveryId: string) => `msg_${deliveryId}`;

/** A delivery with every attempt: when, the HTTP status or the error, the start of the answer. */
export function deliveryView(row: DeliveryRow) {
  return {
    id: row.id,
    webhookId: row.webhookId,
    messageId: messageIdOf(row.id),
    notificationId: row.notificationId,
    kind: row.kind,
    status: row.status,
    nextAttemptAt: row.nextAttemptAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    attempts: row.attempts.map((attempt) => ({
      at: attempt.at.toISOString(),
      status: attempt.status,
      error: attempt.error,
      answer: attempt.answer,
      durationMs: attempt.durationMs,
    })),
  };
}
