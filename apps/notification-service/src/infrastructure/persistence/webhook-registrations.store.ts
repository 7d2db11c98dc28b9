import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { pageOf, textArray } from '@bp/persistence';
import { newestFirst } from './newest-first';

/** A webhook as kept, its secrets still sealed (infrastructure/webhooks/secret-box.ts). */
export interface WebhookRow {
  id: string;
  party: string;
  url: string;
  events: string[];
  secret: string;
  previousSecret: string | null;
  previousUntil: Date | null;
  secretRotatedAt: Date | null;
  enabled: boolean;
  disabledAt: Date | null;
  createdAt: Date;
}

interface Row {
  id: string;
  party: string;
  url: string;
  events: string[];
  secret: string;
  previous_secret: string | null;
  previous_until: Date | null;
  secret_rotated_at: Date | null;
  enabled: boolean;
  disabled_at: Date | null;
  created_at: Date;
}

const date = (value: Date | null) => (value ? new Date(value) : null);
const toRow = (row: Row): WebhookRow => ({
  id: row.id,
  party: row.party,
  url: row.url,
  events: row.events,
  secret: row.secret,
  previousSecret: row.previous_secret,
  previousUntil: date(row.previous_until),
  secretRotatedAt: date(row.secret_rotated_at),
  enabled: row.enabled,
  disabledAt: date(row.disabled_at),
  createdAt: new Date(row.created_at),
});

/**
 * A party's webhook registrations. Every read and change names the party: another party's webhook
 * is not found, exactly like one that does not exist (the rule is in the where clause).
 */
@Injectable()
export class WebhookRegistrations {
  async add(
    em: EntityManager,
    webhook: { id: string; party: string; url: string; events: readonly string[]; secret: string },
    now: Date,
  ): Promise<WebhookRow> {
    const rows = await em.execute<Row[]>(
      `insert into webhook (id, party, url, events, secret, created_at)
       values (?, ?, ?, ?::text[], ?, ?) returning *`,
      [webhook.id, webhook.party, webhook.url, textArray(webhook.events), webhook.secret, now],
    );
    return toRow(rows[0]!);
  }

  /** How many the party has, counted under a lock on the party so that two registrations queue. */
  async countForUpdate(em: EntityManager, party: string): Promise<number> {
    await em.execute('select pg_advisory_xact_lock(hashtext(?))', [`webhook:${party}`]);
    const rows = await em.execute<{ count: string }[]>(
      'select count(*) as count from webhook where party = ?',
      [party],
    );
    return Number(rows[0]?.count ?? 0);
  }

  async page(em: EntityManager, party: string, query: { limit: number; cursor?: string }) {
    const rows = await newestFirst<Row>(
      em,
      'select * from webhook',
      { where: 'party = ?', params: [party] },
      query,
    );
    return pageOf(
      rows.map(toRow),
      query.limit,
      (w) => [w.createdAt, w.id],
      (w) => w,
    );
  }

  async find(em: EntityManager, party: string, id: string): Promise<WebhookRow | null> {
    const rows = await em.execute<Row[]>('select * from webhook where party = ? and id = ?', [
      party,
      id,
    ]);
    return rows[0] ? toRow(rows[0]) : null;
  }

  /** Any party's, for the delivery worker only. */
  async byId(em: EntityManager, id: string): Promise<WebhookRow | null> {
    const rows = await em.execute<Row[]>('select * from webhook where id = ?', [id]);
    return rows[0] ? toRow(rows[0]) : null;
  }

  async remove(em: EntityManager, party: string, id: string): Promise<WebhookRow | null> {
    const rows = await em.execute<Row[]>(
      'delete from webhook where party = ? and id = ? returning *',
      [party, id],
    );
    return rows[0] ? toRow(rows[0]) : null;
  }

  /** The new secret signs from now; the current one beside it until `previousUntil`. */
  async rotate(
    em: EntityManager,
    party: string,
    id: string,
    secret: string,
    previousUntil: Date,
    now: Date,
  ): Promise<WebhookRow | null> {
    const rows = await em.execute<Row[]>(
      `update webhook set previous_secret = secret, previous_until = ?, secret = ?, secret_rotated_at = ?
       where party = ? and id = ? returning *`,
      [previousUntil, secret, now, party, id],
    );
    return rows[0] ? toRow(rows[0]) : null;
  }

  /**
   * Disables it once: answers the webhook only if this call disabled it. What was still queued for
   * it fails with it, so that enabling it again (a redelivery) does not replay a backlog whose
   * retry windows are over, each failure of which would disable it again.
   */
  async disable(em: EntityManager, id: string, now: Date): Promise<WebhookRow | null> {
    const rows = await em.execute<Row[]>(
      'update webhook set enabled = false, disabled_at = ? where id = ? and enabled returning *',
      [now, id],
    );
    if (!rows[0]) return null;
    await em.execute(
      `update webhook_delivery set status = 'FAILED', next_attempt_at = null
       where webhook_id = ? and status = 'PENDING'`,
      [id],
    );
    return toRow(rows[0]);
  }

  /** A redelivery asked for by its owner gives a disabled webhook another chance. */
  async enable(em: EntityManager, id: string): Promise<void> {
    await em.execute('update webhook set enabled = true, disabled_at = null where id = ?', [id]);
  }
}
