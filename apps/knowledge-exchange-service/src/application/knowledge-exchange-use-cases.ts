import { Injectable } from '@nestjs/common';
import { LockMode } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { randomUUID } from 'node:crypto';
import {
  Actor,
  CancelExchangeCommand,
  CompleteCommand,
  ExchangeListQuery,
  KnowledgeBaseQuery,
  ExchangeIdCommand,
  KnowledgeExchangeAccess,
  KnowledgeExchangeCommands,
  MatchCommand,
  InputErrors,
  NotFoundError,
  OfferCommand,
  PostExchangeBody,
  Role,
  ScheduleCommand,
  ValidationFailedError,
} from '@bp/contracts';
import { requireRole } from '@bp/auth';
import { CommandContext, HandlesCommand, Versioned, stageEvents, versioned } from '@bp/messaging';
import { decodeCursor, decodeOffsetCursor, encodeOffsetCursor, pageOf } from '@bp/persistence';
import { isTopic } from '@bp/reference';
import { KnowledgeExchange } from '../domain/knowledge-exchange';
import { ExchangeErrors } from '../domain/exchange-errors';
import { KnowledgeExchangeSchema } from '../infrastructure/persistence/knowledge-exchange.schema';
import { relationToExchange, shownExchangeVersion } from '../domain/need-to-know';
import { exchangeView, knowledgeBaseItem } from './knowledge-exchange-views';
import { conditions, partyCondition } from './exchange-conditions';
import { integrationEvents } from './exchange-integration-events';

const SOURCE = 'knowledge-exchange-service';

/**
 * Needs, offers and the knowledge base of completed exchanges. A marketplace that focal points,
 * officers and the secretariat read; every answer is the exchange as the caller may see it
 * (domain/need-to-know.ts), with the version the caller can see as its ETag.
 */
@Injectable()
export class KnowledgeExchanges {
  @HandlesCommand(KnowledgeExchangeCommands.post)
  async post(input: PostExchangeBody, { actor, em }: CommandContext) {
    const by = requireRole(actor, ...KnowledgeExchangeAccess.post);
    const unknown = input.topics.flatMap((topic, i) =>
      isTopic(topic)
        ? []
        : [{ field: `topics[${i}]`, message: `unknown topic ${topic} (GET /topics)` }],
    );
    if (unknown.length)
      throw new ValidationFailedError(InputErrors.UNKNOWN_REFERENCE, 'Unknown topics', unknown);
    const exchange = KnowledgeExchange.post({
      id: randomUUID(),
      by,
      now: new Date(),
      input: {
        ...input,
        preferredFrom: input.preferredFrom ?? null,
        preferredTo: input.preferredTo ?? null,
      },
    });
    await this.commit(em, exchange, by);
    return answer(exchange, by);
  }

  @HandlesCommand(KnowledgeExchangeCommands.offer)
  offer(input: OfferCommand, context: CommandContext) {
    return this.change(
      input.exchangeId,
      KnowledgeExchangeAccess.offer,
      context,
      (exchange, actor, now) =>
        exchange.makeOffer(
          actor,
          {
            id: randomUUID(),
            description: input.description,
            proposedFrom: input.proposedFrom ?? null,
            proposedTo: input.proposedTo ?? null,
          },
          now,
        ),
    );
  }

  @HandlesCommand(KnowledgeExchangeCommands.match)
  async match(input: MatchCommand, context: CommandContext) {
    requireRole(context.actor, ...KnowledgeExchangeAccess.takePart);
    if (!input.offerId === !input.offerExchangeId) {
      throw new ValidationFailedError(
        ExchangeErrors.OFFER_CHOICE_INVALID,
        'Give exactly one of offerId and offerExchangeId',
        [{ field: 'offerId', message: 'exactly one of offerId, offerExchangeId' }],
      );
    }
    const standingOffer = input.offerExchangeId
      ? await context.em.findOne(KnowledgeExchangeSchema, { id: input.offerExchangeId })
      : undefined;
    if (input.offerExchangeId && !standingOffer) {
      throw new ValidationFailedError(
        ExchangeErrors.STANDING_OFFER_UNKNOWN,
        'Unknown standing offer',
        [{ field: 'offerExchangeId', message: 'no such exchange' }],
      );
    }
    return this.change(
      input.exchangeId,
      KnowledgeExchangeAccess.takePart,
      context,
      (exchange, actor, now) =>
        exchange.match(
          actor,
          { offerId: input.offerId, standingOffer: standingOffer ?? undefined },
          now,
        ),
    );
  }

  @HandlesCommand(KnowledgeExchangeCommands.schedule)
  schedule(input: ScheduleCommand, context: CommandContext) {
    return this.change(
      input.exchangeId,
      KnowledgeExchangeAccess.takePart,
      context,
      (exchange, actor, now) =>
        exchange.schedule(
          actor,
          {
            startsOn: input.startsOn,
            endsOn: input.endsOn,
            location: input.location ?? null,
            online: input.online,
          },
          now,
        ),
    );
  }

  @HandlesCommand(KnowledgeExchangeCommands.complete)
  complete(input: CompleteCommand, context: CommandContext) {
    return this.change(
      input.exchangeId,
      KnowledgeExchangeAccess.takePart,
      context,
      (exchange, actor, now) =>
        exchange.complete(
          actor,
          {
            summary: input.outcomeSummary,
            lessonsLearned: input.lessonsLearned,
            rating: input.evaluation.rating,
            comment: input.evaluation.comment ?? null,
          },
          now,
        ),
    );
  }

  @HandlesCommand(KnowledgeExchangeCommands.cancel)
  cancel(input: CancelExchangeCommand, context: CommandContext) {
    return this.change(
      input.exchangeId,
      KnowledgeExchangeAccess.takePart,
      context,
      (exchange, actor, now) => exchange.cancel(actor, input.reason, now),
    );
  }

  @HandlesCommand(KnowledgeExchangeCommands.get)
  async get({ exchangeId }: ExchangeIdCommand, { actor, em }: CommandContext) {
    const caller = requireRole(actor, ...KnowledgeExchangeAccess.read);
    const exchange = await em.findOne(KnowledgeExchangeSchema, { id: exchangeId });
    if (!exchange)
      throw new NotFoundError(ExchangeErrors.NOT_FOUND, `No knowledge exchange ${exchangeId}`);
    return answer(exchange, caller);
  }

  @HandlesCommand(KnowledgeExchangeCommands.list)
  async list(query: ExchangeListQuery, { actor, em }: CommandContext) {
    const caller = requireRole(actor, ...KnowledgeExchangeAccess.read);
    const limit = query.limit ?? 20;
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
    const rows = await this.inOrder(
      em,
      ids.map((row) => row.id),
    );
    return pageOf(
      rows,
      limit,
      (e) => [new Date(e.createdAt), e.id],
      (e) => exchangeView(e, caller),
    );
  }

  /** Completed exchanges and their lessons, best matches first when searching, newest first otherwise. */
  @HandlesCommand(KnowledgeExchangeCommands.knowledgeBase)
  async knowledgeBase(query: KnowledgeBaseQuery, { actor, em }: CommandContext) {
    requireRole(actor, ...KnowledgeExchangeAccess.read);
    const limit = query.limit ?? 20;
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
    const exchanges = await this.inOrder(
      em,
      rows.slice(0, limit).map((row) => row.id),
    );
    const items = exchanges.map((exchange, i) => knowledgeBaseItem(exchange, rows[i]?.rank ?? 0));
    const nextCursor = rows.length > limit ? encodeOffsetCursor(offset + limit) : null;
    return { items, nextCursor };
  }

  private async inOrder(em: EntityManager, ids: string[]): Promise<KnowledgeExchange[]> {
    if (!ids.length) return [];
    const found = new Map(
      (await em.find(KnowledgeExchangeSchema, { id: { $in: ids } })).map((e) => [e.id, e]),
    );
    return ids.map((id) => found.get(id)!).filter(Boolean);
  }

  /**
   * Role first (403 whatever the record), then If-Match against the version the caller was shown,
   * then the domain's own rules; the answer is the exchange as the caller now sees it (an offering
   * party sees its offer).
   */
  private async change(
    exchangeId: string,
    roles: readonly Role[],
    { actor, em, ifMatch }: CommandContext,
    apply: (exchange: KnowledgeExchange, actor: Actor, now: Date) => unknown,
  ): Promise<Versioned> {
    const caller = requireRole(actor, ...roles);
    const exchange = await em.findOne(
      KnowledgeExchangeSchema,
      { id: exchangeId },
      { lockMode: LockMode.PESSIMISTIC_WRITE },
    );
    if (!exchange)
      throw new NotFoundError(ExchangeErrors.NOT_FOUND, `No knowledge exchange ${exchangeId}`);
    exchange.assertVersion(
      ifMatch,
      shownExchangeVersion(caller, relationToExchange(caller, exchange), exchange),
    );
    apply(exchange, caller, new Date());
    await this.commit(em, exchange, caller);
    return answer(exchange, caller);
  }

  private async commit(
    em: EntityManager,
    exchange: KnowledgeExchange,
    actor: Actor | null,
  ): Promise<void> {
    const changes = exchange.pullChanges();
    em.persist(exchange);
    await stageEvents(em, integrationEvents(exchange, changes), { source: SOURCE, actor });
  }
}

/** The exchange as the caller sees it, with the version the caller sees as its ETag. */
function answer(exchange: KnowledgeExchange, caller: Actor): Versioned {
  const view = exchangeView(exchange, caller);
  return versioned(view, view.version);
}
