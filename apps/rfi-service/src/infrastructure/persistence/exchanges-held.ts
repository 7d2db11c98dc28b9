import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { KnowledgeExchangeEventData } from '@bp/contracts';
import { textArray } from '@bp/persistence';

/** A completed knowledge exchange as the similar requests offer it. */
export interface ExchangeHeld {
  id: string;
  title: string;
  type: string;
  kind: string;
  topics: string[];
  ownerParty: string;
  partnerParty: string | null;
  rating: number | null;
  completedAt: string | null;
  sharedTopics: string[];
}

/**
 * The projection of knowledge exchanges, kept from knowledge-exchange.* events. An event only
 * moves a row forward in the exchange's version, so duplicates, replays and old events change
 * nothing; an exchange without a title yet (events written before titles travelled) waits for one.
 */
@Injectable()
export class ExchangesHeld {
  async apply(
    em: EntityManager,
    data: KnowledgeExchangeEventData,
    subjectVersion: number,
    occurredAt: Date,
  ): Promise<void> {
    if (!data.title) return;
    await em.execute(
      `insert into exchange_held as x (exchange_id, title, topics, type, kind, owner_party, partner_party, rating, status, subject_version, completed_at)
       values (?, ?, ?::text[], ?, ?, ?, ?, ?, ?, ?, ?)
       on conflict (exchange_id) do update set
         title = excluded.title, topics = excluded.topics, type = excluded.type, kind = excluded.kind,
         owner_party = excluded.owner_party, partner_party = excluded.partner_party,
         rating = coalesce(excluded.rating, x.rating), status = excluded.status,
         subject_version = excluded.subject_version,
         completed_at = coalesce(excluded.completed_at, x.completed_at)
       where x.subject_version <= excluded.subject_version`,
      [
        data.exchangeId,
        data.title,
        textArray(data.topics ?? []),
        data.type,
        data.kind,
        data.ownerParty,
        data.partnerParty ?? null,
        data.rating ?? null,
        data.status,
        subjectVersion,
        data.status === 'COMPLETED' ? occurredAt : null,
      ],
    );
  }

  /** Completed exchanges sharing topics or title words with a request, best first. */
  async like(
    em: EntityManager,
    rfi: { title: string; topics: string[] },
    words: string | null,
    limit = 5,
  ): Promise<ExchangeHeld[]> {
    const rows = await em.execute<
      {
        exchange_id: string;
        title: string;
        type: string;
        kind: string;
        topics: string[];
        owner_party: string;
        partner_party: string | null;
        rating: number | null;
        completed_at: Date | null;
        shared: string[];
      }[]
    >(
      `select exchange_id, title, type, kind, topics, owner_party, partner_party, rating, completed_at,
         array(select unnest(topics) intersect select unnest(?::text[])) as shared
       from exchange_held
       where status = 'COMPLETED'
         and (topics && ?::text[] ${words ? `or title_search @@ to_tsquery('simple', ?)` : ''})
       order by cardinality(array(select unnest(topics) intersect select unnest(?::text[])))
         + ${words ? `ts_rank(title_search, to_tsquery('simple', ?)) * 4` : '0'} desc,
         completed_at desc nulls last
       limit ?`,
      [
        textArray(rfi.topics),
        textArray(rfi.topics),
        ...(words ? [words] : []),
        textArray(rfi.topics),
        ...(words ? [words] : []),
        limit,
      ],
    );
    return rows.map((row) => ({
      id: row.exchange_id,
      title: row.title,
      type: row.type,
      kind: row.kind,
      topics: row.topics,
      ownerParty: row.owner_party,
      partnerParty: row.partner_party,
      rating: row.rating,
      completedAt: row.completed_at ? new Date(row.completed_at).toISOString() : null,
      sharedTopics: row.shared,
    }));
  }
}
