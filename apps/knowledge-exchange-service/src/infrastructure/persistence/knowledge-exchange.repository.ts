import { Injectable } from '@nestjs/common';
import { LockMode } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { AggregateRepository } from '@bp/messaging';
import { ExchangeChange } from '../../domain/exchange-change';
import { KnowledgeExchange } from '../../domain/knowledge-exchange';
import { KnowledgeExchangeSchema } from './knowledge-exchange.schema';

/** Where knowledge exchanges are kept: one row each, offers, schedule and outcome inside it. */
@Injectable()
export class KnowledgeExchangeRepository
  implements AggregateRepository<KnowledgeExchange, ExchangeChange>
{
  lock(em: EntityManager, id: string): Promise<KnowledgeExchange | null> {
    return em.findOne(KnowledgeExchangeSchema, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
  }

  /** The service keeps no history table: its changes live on as integration events. */
  async save(
    em: EntityManager,
    exchange: KnowledgeExchange,
    _changes: readonly ExchangeChange[],
  ): Promise<void> {
    em.persist(exchange);
  }

  find(em: EntityManager, id: string): Promise<KnowledgeExchange | null> {
    return em.findOne(KnowledgeExchangeSchema, { id });
  }

  /** The exchanges with these ids, in the order given; ids of none are left out. */
  async inOrder(em: EntityManager, ids: string[]): Promise<KnowledgeExchange[]> {
    if (!ids.length) return [];
    const found = new Map(
      (await em.find(KnowledgeExchangeSchema, { id: { $in: ids } })).map((e) => [e.id, e]),
    );
    return ids.map((id) => found.get(id)!).filter(Boolean);
  }
}
