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
  KnowledgeExchangeEvents,
  MatchCommand,
  NotFoundError,
  OfferCommand,
  PostExchangeBody,
  ScheduleCommand,
  ValidationFailedError,
} from '@bp/contracts';
import { requireActor } from '@bp/auth';
import { CommandContext, CommandResponse, EventDraft, respond, stageEvents } from '@bp/messaging';
import { decodeCursor, decodeOffsetCursor, encodeOffsetCursor, pageOf } from '@bp/persistence';
import { isTopic } from '@bp/reference';
import { ExchangeAction, KnowledgeExchange } from '../domain/knowledge-exchange';
import { KnowledgeExchangeSchema } from '../infrastructure/persistence/knowledge-exchange.schema';
import { exchangeView } from './knowledge-exchange-views';

const SOURCE = 'knowledge-exchange-service';
const EVENT_OF: Record<
  ExchangeAction,
  (typeof KnowledgeExchangeEvents)[keyof typeof KnowledgeExchangeEvents]
> = {
  POSTED: KnowledgeExchangeEvents.posted,
  OFFER_RECEIVED: KnowledgeExchangeEvents.offerReceived,
  MATCHED: KnowledgeExchangeEvents.matched,
  SCHEDULED: KnowledgeExchangeEvents.scheduled,
  COMPLETED: KnowledgeExchangeEvents.completed,
  CANCELLED: KnowledgeExchangeEvents.cancelled,
};

/** Needs, offers and the knowledge base of completed exchanges. A marketplace: any signed-in user reads it. */
@Injectable()
export class KnowledgeExchanges {
  async post(input: PostExchangeBody, { actor, em }: CommandContext): Promise<CommandResponse> {
    const unknown = input.topics.flatMap((topic, i) =>
      isTopic(topic)
        ? []
        : [{ field: `topics[${i}]`, message: `unknown topic ${topic} (GET /topics)` }],
    );
    if (unknown.length) throw new ValidationFailedError('Unknown topics', unknown);
    const exchange = KnowledgeExchange.post({
      id: randomUUID(),
      by: requireActor(actor),
      now: new Date(),
      input: {
        ...input,
        preferredFrom: input.preferredFrom ?? null,
        preferredTo: input.preferredTo ?? null,
      },
    });
    await this.commit(em, exchange, actor);
    return respond.created(exchangeView(exchange), String(exchange.version));
  }

  async offer(input: OfferCommand, context: CommandContext): Promise<CommandResponse> {
    const response = await this.change(input.exchangeId, context, (exchange, actor, now) =>
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
    return { ...response, status: 201 };
  }

  async match(input: MatchCommand, context: CommandContext): Promise<CommandResponse> {
    if (!input.offerId === !input.offerExchangeId) {
      throw new ValidationFailedError('Give exactly one of offerId and offerExchangeId', [
        { field: 'offerId', message: 'exactly one of offerId, offerExchangeId' },
      ]);
    }
    const standingOffer = input.offerExchangeId
      ? await context.em.findOne(KnowledgeExchangeSchema, { id: input.offerExchangeId })
      : undefined;
    if (input.offerExchangeId && !standingOffer) {
      throw new ValidationFailedError('Unknown standing offer', [
        { field: 'offerExchangeId', message: 'no such exchange' },
      ]);
    }
    return this.change(input.exchangeId, context, (exchange, actor, now) =>
      exchange.match(
        actor,
        { offerId: input.offerId, standingOffer: standingOffer ?? undefined },
        now,
      ),
    );
  }

  schedule(input: ScheduleCommand, context: CommandContext) {
    return this.change(input.exchangeId, context, (exchange, actor, now) =>
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

  complete(input: CompleteCommand, context: CommandContext) {
    return this.change(input.exchangeId, context, (exchange, actor, now) =>
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

  cancel(input: CancelExchangeCommand, context: CommandContext) {
    return this.change(input.exchangeId, context, (exchange, actor, now) =>
      exchange.cancel(actor, input.reason, now),
    );
  }

  async get(exchangeId: string, { em }: CommandContext): Promise<CommandResponse> {
    const exchange = await em.findOne(KnowledgeExchangeSchema, { id: exchangeId });
    if (!exchange) throw new NotFoundError(`No knowledge exchange ${exchangeId}`);
    return respond.ok(exchangeView(exchange), String(exchange.version));
  }

  async list(query: ExchangeListQuery, { em }: CommandContext): Promise<CommandResponse> {
    const limit = query.limit ?? 20;
    const { where, params, add } = conditions('true');
    if (query.kind) add('kind = ?', query.kind);
    if (query.type) add('type = ?', query.type);
    if (query.status) add('status = ?', query.status);
    if (query.topic) add('? = any(topics)', query.topic);
    if (query.party) add('(owner_party = ? or partner_party = ?)', query.party, query.party);
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
    return respond.ok(pageOf(rows, limit, (e) => [new Date(e.createdAt), e.id], exchangeView));
  }

  /** Completed exchanges and their lessons, best matches first when searching, newest first otherwise. */
  async knowledgeBase(query: KnowledgeBaseQuery, { em }: CommandContext): Promise<CommandResponse> {
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
    const items = exchanges.map((exchange, i) => ({
      id: exchange.id,
      title: exchange.title,
      type: exchange.type,
      topics: exchange.topics,
      parties: [exchange.ownerParty, exchange.partnerParty].filter(Boolean),
      outcomeSummary: exchange.outcome?.summary ?? null,
      lessonsLearned: exchange.outcome?.lessonsLearned ?? [],
      rating: exchange.outcome?.rating ?? null,
      completedAt: exchange.outcome?.completedAt ?? null,
      score: rows[i]?.rank ?? 0,
    }));
    const nextCursor = rows.length > limit ? encodeOffsetCursor(offset + limit) : null;
    return respond.ok({ items, nextCursor });
  }

  private async inOrder(em: EntityManager, ids: string[]): Promise<KnowledgeExchange[]> {
    if (!ids.length) return [];
    const found = new Map(
      (await em.find(KnowledgeExchangeSchema, { id: { $in: ids } })).map((e) => [e.id, e]),
    );
    return ids.map((id) => found.get(id)!).filter(Boolean);
  }

  private async change(
    exchangeId: string,
    { actor: caller, em, ifMatch }: CommandContext,
    apply: (exchange: KnowledgeExchange, actor: Actor, now: Date) => unknown,
  ): Promise<CommandResponse> {
    const actor = requireActor(caller);
    const exchange = await em.findOne(
      KnowledgeExchangeSchema,
      { id: exchangeId },
      { lockMode: LockMode.PESSIMISTIC_WRITE },
    );
    if (!exchange) throw new NotFoundError(`No knowledge exchange ${exchangeId}`);
    exchange.assertVersion(ifMatch);
    apply(exchange, actor, new Date());
    await this.commit(em, exchange, actor);
    return respond.ok(exchangeView(exchange), String(exchange.version));
  }

  private async commit(
    em: EntityManager,
    exchange: KnowledgeExchange,
    actor: Actor | null,
  ): Promise<void> {
    const changes = exchange.pullChanges();
    em.persist(exchange);
    const drafts: EventDraft[] = changes.map((change) => ({
      definition: EVENT_OF[change.action],
      subject: exchange.id,
      subjectVersion: exchange.version,
      data: {
        exchangeId: exchange.id,
        kind: exchange.kind,
        type: exchange.type,
        ownerParty: exchange.ownerParty,
        partnerParty: exchange.partnerParty,
        status: exchange.status,
        ...(typeof change.details.offerId === 'string' ? { offerId: change.details.offerId } : {}),
      },
    }));
    await stageEvents(em, drafts, { source: SOURCE, actor });
  }
}

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
