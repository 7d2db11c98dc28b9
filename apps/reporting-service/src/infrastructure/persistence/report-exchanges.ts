import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { textArray } from '@bp/persistence';
import { ExchangeRecord } from '../../domain/exchange-record';
import { dateOrNull } from './model-sql';

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
    await em.execute(
      `insert into report_exchange (exchange_id, kind, type, owner_party, topics, status, posted_at,
         matched_at, completed_at, cancelled_at, offers_received, rating, subject_version)
       values (?, ?, ?, ?, ?::text[], ?, ?, ?, ?, ?, ?, ?, ?)
       on conflict (exchange_id) do update set kind = excluded.kind, type = excluded.type,
         owner_party = excluded.owner_party, topics = excluded.topics, status = excluded.status,
         posted_at = excluded.posted_at, matched_at = excluded.matched_at,
         completed_at = excluded.completed_at, cancelled_at = excluded.cancelled_at,
         offers_received = excluded.offers_received, rating = excluded.rating,
         subject_version = excluded.subject_version`,
      [
        exchange.exchangeId,
        exchange.kind,
        exchange.type,
        exchange.ownerParty,
        textArray(exchange.topics),
        exchange.status,
        exchange.postedAt,
        exchange.matchedAt,
        exchange.completedAt,
        exchange.cancelledAt,
        exchange.offersReceived,
        exchange.rating,
        exchange.version,
      ],
    );
  }
}
