import { Injectable } from '@nestjs/common';
import { LockMode } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { AggregateRepository, UnitOfWork } from '@bp/messaging';
import { advisoryLockKey, decodeCursor, pageOf } from '@bp/persistence';
import { Actor, SERVICES } from '@bp/contracts';
import { alertEvents } from '../../application/alert-integration-events';
import { Alert, AlertChange } from '../../domain/alert';
import { AlertSchema } from './alert.schema';

/** Where alerts are kept: one row each, acknowledgements inside it. */
@Injectable()
export class AlertRepository implements AggregateRepository<Alert, AlertChange> {
  lock(em: EntityManager, id: string): Promise<Alert | null> {
    return em.findOne(AlertSchema, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
  }

  /** The alert keeps no history table: its changes live on as integration events. */
  async save(em: EntityManager, alert: Alert): Promise<void> {
    em.persist(alert);
  }

  /**
   * How many alerts the sender (a party; null: the secretariat) raised since `since`, counted
   * under a lock of that sender's, held to the end of the transaction: two alerts at once cannot
   * both find room for one.
   */
  async raisedSinceLocked(em: EntityManager, sender: string | null, since: Date) {
    await em.execute('select pg_advisory_xact_lock(?)', [
      advisoryLockKey(`alert-quota:${sender ?? 'secretariat'}`),
    ]);
    const [row] = await em.execute<{ n: string }[]>(
      'select count(*) as n from alert where sender_party is not distinct from ? and raised_at > ?',
      [sender, since],
    );
    return Number(row?.n ?? 0);
  }

  find(em: EntityManager, id: string): Promise<Alert | null> {
    return em.findOne(AlertSchema, { id });
  }

  /**
   * Newest first: every alert for the secretariat; for a focal point, those addressed to its party
   * or sent by it (the same rule as domain/alert-need-to-know.ts, in SQL). Anyone else: none.
   */
  async page(em: EntityManager, caller: Actor, limit: number, cursor: string | null) {
    const where = ['true'];
    const params: unknown[] = [];
    if (caller.role !== 'secretariat') {
      where.push('(sender_party = ? or addressed_parties @> array[?]::text[])');
      params.push(caller.party, caller.party);
    }
    if (cursor) {
      where.push('(raised_at, id) < (?::timestamptz, ?::uuid)');
      params.push(...decodeCursor(cursor));
    }
    const ids = await em.execute<{ id: string }[]>(
      `select id from alert where ${where.join(' and ')}
       order by raised_at desc, id desc limit ?`,
      [...params, limit + 1],
    );
    const found = new Map(
      (await em.find(AlertSchema, { id: { $in: ids.map((row) => row.id) } })).map((alert) => [
        alert.id,
        alert,
      ]),
    );
    const alerts = ids.map((row) => found.get(row.id)).filter((alert) => alert !== undefined);
    return pageOf(
      alerts,
      limit,
      (alert) => [alert.raisedAt, alert.id],
      (alert) => alert,
    );
  }
}

/** The one way an alert changes: its row and its integration events, in one transaction. */
@Injectable()
export class AlertUnitOfWork extends UnitOfWork<Alert, AlertChange> {
  constructor(repository: AlertRepository) {
    super(repository, alertEvents, SERVICES.reporting.name);
  }
}
