import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { textArray } from '@bp/persistence';
import { ExchangeRecord } from '../../domain/exchange-record';
import { dateOrNull, upsertWhole } from './model-sql';

interface Row {
  posted_at: string | null;
  matched_at: string | null;
  completed_at: string | null;
  cancelled_at: string | null;
  offers_received: number;
  rating: number | null;
  subject_version: number;
}

/** The model's exchanges, read and written inside a knowledge-exchange event's transaction. */
@Injectable()
export class ReportExchanges {
  async find(
    em: EntityManager,
    exchangeId: string,
  ): Promise<(ExchangeRecord & { version: number }) | null> {
    const [row] = await em.execute<Row[]>(
      `select posted_at, matched_at, completed_at, cancelled_at, offers_received, rating,
         subject_version from report_exchange where exchange_id = ?`,
      [exchangeId],
    );
    if (!row) return null;
    return {
      postedAt: dateOrNull(row.posted_at),
      matchedAt: dateOrNull(row.matched_at),
      completedAt: dateOrNull(row.completed_at),
      cancelledAt: dateOrNull(row.cancelled_at),
      offersReceived: row.offers_received,
      rating: row.rating,
      version: row.subject_version,
    };
  }

  async save(
    em: EntityManager,
    exchange: {
      exchangeId: string;
      kind: string;
      type: string;
      ownerParty: string;
      topics: readonly string[];
      status: string;
      version: number;
    } & ExchangeRecord,
  ): Promise<void> {
    await upsertWhole(em, 'report_exchange', 'exchange_id', {
      exchange_id: exchange.exchangeId,
      kind: exchange.kind,
      type: exchange.type,
      owner_party: exchange.ownerParty,
      topics: textArray(exchange.topics),
      status: exchange.status,
      posted_at: exchange.postedAt,
      matched_at: exchange.matchedAt,
      completed_at: exchange.completedAt,
      cancelled_at: exchange.cancelledAt,
      offers_received: exchange.offersReceived,
      rating: exchange.rating,
      subject_version: exchange.version,
    });
  }
}
