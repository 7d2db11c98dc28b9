import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { PreparedStatement, pageOf, runPrepared } from '@bp/persistence';
import { newestFirst } from './newest-first';

export type DeliveryStatus = 'PENDING' | 'DELIVERED' | 'FAILED';

export interface AttemptRow {
  at: Date;
  status: number | null;
  error: string | null;
  answer: string | null;
  durationMs: number;
}

export interface DeliveryRow {
  id: string;
  webhookId: string;
  notificationId: string;
  kind: string;
  status: DeliveryStatus;
  nextAttemptAt: Date | null;
  createdAt: Date;
  attempts: AttemptRow[];
}

/** A delivery the worker claimed: what to send, and since when it is being tried. */
export interface ClaimedDelivery {
  id: string;
  webhookId: string;
  payload: string;
  queuedAt: Date;
  failures: number;
}

interface DeliveryRecord {
  id: string;
  webhook_id: string;
  notification_id: string;
  kind: string;
  status: DeliveryStatus;
  next_attempt_at: Date | null;
  created_at: Date;
}

const DELIVERY_COLUMNS =
  'id, webhook_id, notification_id, kind, status, next_attempt_at, created_at';

const toDelivery = (row: DeliveryRecord, attempts: AttemptRow[]): DeliveryRow => ({
  id: row.id,
  webhookId: row.webhook_id,
  notificationId: row.notification_id,
  kind: row.kind,
  status: row.status,
  nextAttemptAt: row.next_attempt_at ? new Date(row.next_attempt_at) : null,
  createdAt: new Date(row.created_at),
  attempts,
});

/** Run for every notification, whether its party has webhooks or not. */
const ENQUEUE: PreparedStatement = {
  name: 'notification.enqueue-webhook-deliveries',
  text: `insert into webhook_delivery (id, webhook_id, notification_id, kind, payload, status, next_attempt_at, queued_at, created_at)
    select gen_random_uuid(), w.id, $1, $2, $3, 'PENDING', $4, $4, $4
    from webhook w where w.party = $5 and w.enabled and $2 = any (w.events)
    on conflict (webhook_id, notification_id) do nothing returning id`,
};

/** What is to be delivered to webhooks, and every attempt made: all the SQL of the delivery queue. */
@Injectable()
export class WebhookDeliveries {
  /**
   * Queues one delivery of a notification to each enabled webhook of the party that asked for its
   * kind, in the caller's transaction; answers how many.
   */
  async enqueue(
    em: EntityManager,
    notification: { id: string; kind: string; party: string; payload: string },
    now: Date,
  ): Promise<number> {
    const rows = await runPrepared<{ id: string }>(em, ENQUEUE, [
      notification.id,
      notification.kind,
      notification.payload,
      now,
      notification.party,
    ]);
    return rows.length;
  }

  /**
   * Takes up to `limit` due deliveries of enabled webhooks for this worker: rows locked with
   * `skip locked`, so two instances never take the same one, and moved `lease` ahead, so none is
   * taken again while it is being sent (after a crash, it is tried again once the lease is over).
   */
  async claimDue(
    em: EntityManager,
    now: Date,
    leaseUntil: Date,
    limit: number,
    busyWebhooks: readonly string[] = [],
  ): Promise<ClaimedDelivery[]> {
    // One delivery per webhook per pass, none of a webhook this instance is still sending to: a
    // receiver that never answers holds one slot, not all of them, and parties take turns.
    const rows = await em.execute<
      { id: string; webhook_id: string; payload: string; queued_at: Date; failures: string }[]
    >(
      `with due as (
         select d.id from webhook_delivery d
         where d.id in (
           select id from (
             select d.id, d.next_attempt_at,
                    row_number() over (partition by d.webhook_id order by d.next_attempt_at) as nth
             from webhook_delivery d join webhook w on w.id = d.webhook_id
             where d.status = 'PENDING' and d.next_attempt_at <= ? and w.enabled
               ${busyWebhooks.length ? 'and not (d.webhook_id = any(array[?]::uuid[]))' : ''}
           ) ranked
           where nth = 1 order by next_attempt_at limit ?
         )
         -- Checked again on the row as locked: another instance may have claimed it since this
         -- statement's snapshot, and the list above is from that snapshot.
         and d.status = 'PENDING' and d.next_attempt_at <= ?
         for update of d skip locked
       )
       update webhook_delivery d set next_attempt_at = ? from due where d.id = due.id
       returning d.id, d.webhook_id, d.payload, d.queued_at,
         (select count(*) from webhook_attempt a where a.delivery_id = d.id and a.attempted_at >= d.queued_at) as failures`,
      [now, ...(busyWebhooks.length ? [busyWebhooks] : []), limit, now, leaseUntil],
    );
    return rows.map((row) => ({
      id: row.id,
      webhookId: row.webhook_id,
      payload: row.payload,
      queuedAt: new Date(row.queued_at),
      failures: Number(row.failures),
    }));
  }

  /** Keeps an attempt and where the delivery stands after it (null `next`: no further attempt). */
  async recordAttempt(
    em: EntityManager,
    deliveryId: string,
    attempt: AttemptRow,
    outcome: { status: DeliveryStatus; next: Date | null },
  ): Promise<void> {
    await em.execute(
      `insert into webhook_attempt (id, delivery_id, attempted_at, status_code, error, answer, duration_ms)
       select gen_random_uuid(), id, ?, ?, ?, ?, ? from webhook_delivery where id = ?`,
      [attempt.at, attempt.status, attempt.error, attempt.answer, attempt.durationMs, deliveryId],
    );
    await em.execute('update webhook_delivery set status = ?, next_attempt_at = ? where id = ?', [
      outcome.status,
      outcome.next,
      deliveryId,
    ]);
  }

  async page(em: EntityManager, webhookId: string, query: { limit: number; cursor?: string }) {
    const rows = await newestFirst<DeliveryRecord>(
      em,
      `select ${DELIVERY_COLUMNS} from webhook_delivery`,
      { where: 'webhook_id = ?', params: [webhookId] },
      query,
    );
    const attempts = await this.attemptsOf(
      em,
      rows.map((row) => row.id),
    );
    return pageOf(
      rows,
      query.limit,
      (row) => [new Date(row.created_at), row.id],
      (row) => toDelivery(row, attempts.get(row.id) ?? []),
    );
  }

  /**
   * Queues a delivery of this webhook again, due now, with a new retry window: the same id (the
   * same webhook-id header) and the same payload. Answers it, or null when it is not this webhook's.
   */
  async requeue(
    em: EntityManager,
    webhookId: string,
    deliveryId: string,
    now: Date,
  ): Promise<DeliveryRow | null> {
    const rows = await em.execute<DeliveryRecord[]>(
      // Only a delivery that is over (delivered or given up) is queued again: one still pending is
      // queued already, and may be in flight, so requeueing it would send it twice at once.
      `update webhook_delivery set status = 'PENDING', next_attempt_at = ?, queued_at = ?
       where webhook_id = ? and id = ? and status <> 'PENDING'
       returning ${DELIVERY_COLUMNS}`,
      [now, now, webhookId, deliveryId],
    );
    if (!rows[0]) return this.find(em, webhookId, deliveryId);
    const attempts = await this.attemptsOf(em, [deliveryId]);
    return toDelivery(rows[0], attempts.get(deliveryId) ?? []);
  }

  /** One delivery of the webhook with its attempts; null when the webhook has no such delivery. */
  async find(
    em: EntityManager,
    webhookId: string,
    deliveryId: string,
  ): Promise<DeliveryRow | null> {
    const rows = await em.execute<DeliveryRecord[]>(
      `select ${DELIVERY_COLUMNS} from webhook_delivery where webhook_id = ? and id = ?`,
      [webhookId, deliveryId],
    );
    if (!rows[0]) return null;
    const attempts = await this.attemptsOf(em, [deliveryId]);
    return toDelivery(rows[0], attempts.get(deliveryId) ?? []);
  }

  private async attemptsOf(
    em: EntityManager,
    deliveryIds: readonly string[],
  ): Promise<Map<string, AttemptRow[]>> {
    const byDelivery = new Map<string, AttemptRow[]>();
    if (!deliveryIds.length) return byDelivery;
    const rows = await em.execute<
      {
        delivery_id: string;
        attempted_at: Date;
        status_code: number | null;
        error: string | null;
        answer: string | null;
        duration_ms: number;
      }[]
    >(
      `select delivery_id, attempted_at, status_code, error, answer, duration_ms from webhook_attempt
       where delivery_id = any (?::uuid[]) order by attempted_at, id`,
      [`{${deliveryIds.join(',')}}`],
    );
    for (const row of rows) {
      const list = byDelivery.get(row.delivery_id) ?? [];
      list.push({
        at: new Date(row.attempted_at),
        status: row.status_code,
        error: row.error,
        answer: row.answer,
        durationMs: row.duration_ms,
      });
      byDelivery.set(row.delivery_id, list);
    }
    return byDelivery;
  }
}
