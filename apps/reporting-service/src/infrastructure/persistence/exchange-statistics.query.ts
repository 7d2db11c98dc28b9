import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { ExchangeGroup, ExchangeStatisticsRow } from '@bp/contracts';

interface Row {
  key: string;
  needs: string;
  standing_offers: string;
  offers_on_needs: string;
  matched: string;
  completed: string;
  cancelled: string;
  mean_rating: string | null;
}

/** The knowledge-exchange figures in one statement, over the exchanges posted in the window. */
@Injectable()
export class ExchangeStatisticsQueryRunner {
  async run(
    em: EntityManager,
    filter: { from: Date | null; to: Date | null; groupBy: ExchangeGroup },
  ): Promise<ExchangeStatisticsRow[]> {
    const where = ['e.posted_at is not null'];
    const params: unknown[] = [];
    if (filter.from) {
      where.push('e.posted_at >= ?');
      params.push(filter.from);
    }
    if (filter.to) {
      where.push('e.posted_at < ?');
      params.push(filter.to);
    }
    const key = filter.groupBy === 'type' ? 'e.type' : 'unnest(e.topics)';
    const rows = await em.execute<Row[]>(
      `select key,
         count(*) filter (where kind = 'NEED') as needs,
         count(*) filter (where kind = 'OFFER') as standing_offers,
         coalesce(sum(offers_received) filter (where kind = 'NEED'), 0) as offers_on_needs,
         count(matched_at) filter (where kind = 'NEED') as matched,
         count(completed_at) filter (where kind = 'NEED') as completed,
         count(cancelled_at) as cancelled,
         round(avg(rating) filter (where completed_at is not null), 2) as mean_rating
       from (select ${key} as key, e.* from report_exchange e where ${where.join(' and ')}) x
       group by key order by key`,
      params,
    );
    return rows.map((row) => ({
      key: row.key,
      needs: Number(row.needs),
      standingOffers: Number(row.standing_offers),
      offersOnNeeds: Number(row.offers_on_needs),
      matched: Number(row.matched),
      completed: Number(row.completed),
      cancelled: Number(row.cancelled),
      meanRating: row.mean_rating === null ? null : Number(row.mean_rating),
    }));
  }
}
