import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { Actor, ExchangeListQuery, KnowledgeBaseQuery } from '@bp/contracts';
import { decodeCursor, decodeOffsetCursor, encodeOffsetCursor, pageOf } from '@bp/persistence';
import { KnowledgeExchangeRepository } from './knowledge-exchange.repository';

const DEFAULT_LIMIT = 20;

/** SQL conditions and their parameters, collected side by side so they cannot drift apart. */
function conditions(first: string) {
  const where = [first];
  const params: unknown[] = [];
  const add = (condition: string, ...values: unknown[]) => {
    where.push(condition);
    params.push(...values);
  };
  return { where, params, add };
}

/**
 * "Posted by, or matched with, this party", as far as the caller may see the match
 * (domain/need-to-know.ts seesPartner): the partner of an exchange is known to those taking part
 * and, once it is complete, to everyone. Filtering on the partner must not tell anyone else who
 * was matched. test/need-to-know-agreement.int-spec.ts compares the two over generated exchanges.
 */
function partyCondition(caller: Actor, party: string): [string, ...unknown[]] {
  if (caller.role === 'secretariat')
    return ['(owner_party = ? or partner_party = ?)', party, party];
  const mine = caller.role === 'focal_point' ? caller.party : null;
  if (!mine)
    return [`(owner_party = ? or (partner_party = ? and status = 'COMPLETED'))`, party, party];
  return [
    `(owner_party = ? or (partner_party = ? and (status = 'COMPLETED' or owner_party = ? or partner_party = ?)))`,
    party,
    party,
    mine,
    mine,
  ];
}

/** The marketplace's list and the knowledge base's search, as pages of exchanges. */
@Injectable()
export class KnowledgeExchangeListQuery {
  constructor(private readonly exchanges: KnowledgeExchangeRepository) {}

  /** Newest first, filtered as the caller asked and may know; the next page by keyset. */
  async list(em: EntityManager, caller: Actor, query: ExchangeListQuery) {
    const limit = query.limit ?? DEFAULT_LIMIT;
    const { where, params, add } = conditions('true');
    if (query.kind) add('kind = ?', query.kind);
    if (query.type) add('type = ?', query.type);
    if (query.status) add('status = ?', query.status);
    if (query.topic) add('? = any(topics)', query.topic);
    if (query.party) add(...partyCondition(caller, query.party));
    if (query.q) add(`search @@ plainto_tsquery('english', ?)`, query.q);
    if (query.cursor)
      add('(created_at, id) < (?::timestamptz, ?::uuid)', ...decodeCursor(query.cursor));
    const ids = await em.execute<{ id: string }[]>(
      `select id from knowledge_exchange where ${where.join(' and ')} order by created_at desc, id desc limit ?`,
      [...params, limit + 1],
    );
    const rows = await this.exchanges.inOrder(
      em,
      ids.map((row) => row.id),
    );
    return pageOf(
      rows,
      limit,
      (e) => [new Date(e.createdAt), e.id],
      (e) => e,
    );
  }

  /**
   * Completed exchanges, each with its rank: best matches first when searching, newest first
   * otherwise; the next page by offset, as a rank has no stable key.
   */
  async knowledgeBase(em: EntityManager, query: KnowledgeBaseQuery) {
    const limit = query.limit ?? DEFAULT_LIMIT;
    const offset = query.cursor ? decodeOffsetCursor(query.cursor) : 0;
    const { where, params, add } = conditions(`status = 'COMPLETED'`);
    if (query.topic) add('? = any(topics)', query.topic);
    if (query.type) add('type = ?', query.type);
    if (query.party) add('(owner_party = ? or partner_party = ?)', query.party, query.party);
    if (query.q) add(`search @@ plainto_tsquery('english', ?)`, query.q);
    const rank = query.q ? `ts_rank(search, plainto_tsquery('english', ?))` : '0';
    const rows = await em.execute<{ id: string; rank: number }[]>(
      `select id, ${rank} as rank from knowledge_exchange where ${where.join(' and ')}
       order by rank desc, updated_at desc, id desc limit ? offset ?`,
      [...(query.q ? [query.q] : []), ...params, limit + 1, offset],
    );
    const exchanges = await this.exchanges.inOrder(
      em,
      rows.slice(0, limit).map((row) => row.id),
    );
    return {
      items: exchanges.map((exchange, i) => ({
        exchange,
        rank: rows[i]?.rank ?? 0,
      })),
      nextCursor: rows.length > limit ? encodeOffsetCursor(offset + limit) : null,
    };
  }
}
