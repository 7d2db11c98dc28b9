import { Injectable } from '@nestjs/common';
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
import { CommandContext, HandlesCommand, Versioned, versioned } from '@bp/messaging';
import { isTopic } from '@bp/reference';
import { KnowledgeExchange } from '../domain/knowledge-exchange';
import { ExchangeErrors } from '../domain/exchange-errors';
import { relationToExchange, shownExchangeVersion } from '../domain/need-to-know';
import { KnowledgeExchangeRepository } from '../infrastructure/persistence/knowledge-exchange.repository';
import { KnowledgeExchangeListQuery } from '../infrastructure/persistence/knowledge-exchange-list.query';
import { KnowledgeExchangeUnitOfWork } from '../infrastructure/persistence/knowledge-exchange.unit-of-work';
import { exchangeView, knowledgeBaseItem } from './knowledge-exchange-views';

/**
 * Needs, offers and the knowledge base of completed exchanges. A marketplace that focal points,
 * officers and the secretariat read; every answer is the exchange as the caller may see it
 * (domain/need-to-know.ts), with the version the caller can see as its ETag.
 */
@Injectable()
export class KnowledgeExchanges {
  constructor(
    private readonly exchanges: KnowledgeExchangeRepository,
    private readonly unitOfWork: KnowledgeExchangeUnitOfWork,
    private readonly listQuery: KnowledgeExchangeListQuery,
  ) {}

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
    await this.unitOfWork.commit(em, exchange, by);
    return answer(exchange, by);
  }

  @HandlesCommand(KnowledgeExchangeCommands.offer)
  offer(input: OfferCommand, context: CommandContext) {
    return this.changed(
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
      ? await this.exchanges.find(context.em, input.offerExchangeId)
      : undefined;
    if (input.offerExchangeId && !standingOffer) {
      throw new ValidationFailedError(
        ExchangeErrors.STANDING_OFFER_UNKNOWN,
        'Unknown standing offer',
        [{ field: 'offerExchangeId', message: 'no such exchange' }],
      );
    }
    return this.changed(
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
    return this.changed(
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
    return this.changed(
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
    return this.changed(
      input.exchangeId,
      KnowledgeExchangeAccess.takePart,
      context,
      (exchange, actor, now) => exchange.cancel(actor, input.reason, now),
    );
  }

  @HandlesCommand(KnowledgeExchangeCommands.get)
  async get({ exchangeId }: ExchangeIdCommand, { actor, em }: CommandContext) {
    const caller = requireRole(actor, ...KnowledgeExchangeAccess.read);
    const exchange = await this.exchanges.find(em, exchangeId);
    if (!exchange) throw absent(exchangeId);
    return answer(exchange, caller);
  }

  @HandlesCommand(KnowledgeExchangeCommands.list)
  async list(query: ExchangeListQuery, { actor, em }: CommandContext) {
    const caller = requireRole(actor, ...KnowledgeExchangeAccess.read);
    const page = await this.listQuery.list(em, caller, query);
    return { items: page.items.map((e) => exchangeView(e, caller)), nextCursor: page.nextCursor };
  }

  /** Completed exchanges and their lessons, best matches first when searching, newest first otherwise. */
  @HandlesCommand(KnowledgeExchangeCommands.knowledgeBase)
  async knowledgeBase(query: KnowledgeBaseQuery, { actor, em }: CommandContext) {
    requireRole(actor, ...KnowledgeExchangeAccess.read);
    const page = await this.listQuery.knowledgeBase(em, query);
    return {
      items: page.items.map(({ exchange, rank }) => knowledgeBaseItem(exchange, rank)),
      nextCursor: page.nextCursor,
    };
  }

  /**
   * Role first (403 whatever the record), then the unit of work, with If-Match against the version
   * the caller was shown; the answer is the exchange as the caller now sees it (an offering party
   * sees its offer). Every reader may know that any exchange exists.
   */
  private async changed(
    exchangeId: string,
    roles: readonly Role[],
    { actor, em, ifMatch }: CommandContext,
    rule: (exchange: KnowledgeExchange, actor: Actor, now: Date) => unknown,
  ): Promise<Versioned> {
    const caller = requireRole(actor, ...roles);
    const exchange = await this.unitOfWork.change(em, {
      id: exchangeId,
      actor: caller,
      visible: () => true,
      absent: () => absent(exchangeId),
      ifMatch,
      shownVersion: (e) => shownExchangeVersion(caller, relationToExchange(caller, e), e),
      apply: (e) => rule(e, caller, new Date()),
    });
    return answer(exchange, caller);
  }
}

function absent(exchangeId: string): NotFoundError {
  return new NotFoundError(ExchangeErrors.NOT_FOUND, `No knowledge exchange ${exchangeId}`);
}

/** The exchange as the caller sees it, with the version the caller sees as its ETag. */
function answer(exchange: KnowledgeExchange, caller: Actor): Versioned {
  const view = exchangeView(exchange, caller);
  return versioned(view, view.version);
}
