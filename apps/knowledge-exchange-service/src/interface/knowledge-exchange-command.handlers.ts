import { Injectable } from '@nestjs/common';
import {
  CancelExchangeCommand,
  CompleteCommand,
  ExchangeIdCommand,
  ExchangeListQuery,
  KnowledgeBaseQuery,
  KnowledgeExchangeCommands,
  MatchCommand,
  OfferCommand,
  PostExchangeBody,
  ScheduleCommand,
} from '@bp/contracts';
import { CommandContext, HandlesCommand } from '@bp/messaging';
import { KnowledgeExchanges } from '../application/knowledge-exchange-use-cases';

/** The knowledge-exchange-service's commands, each handed to its use case. */
@Injectable()
export class KnowledgeExchangeCommandHandlers {
  constructor(private readonly exchanges: KnowledgeExchanges) {}

  @HandlesCommand(KnowledgeExchangeCommands.post)
  post(payload: PostExchangeBody, context: CommandContext) {
    return this.exchanges.post(payload, context);
  }

  @HandlesCommand(KnowledgeExchangeCommands.offer)
  offer(payload: OfferCommand, context: CommandContext) {
    return this.exchanges.offer(payload, context);
  }

  @HandlesCommand(KnowledgeExchangeCommands.match)
  match(payload: MatchCommand, context: CommandContext) {
    return this.exchanges.match(payload, context);
  }

  @HandlesCommand(KnowledgeExchangeCommands.schedule)
  schedule(payload: ScheduleCommand, context: CommandContext) {
    return this.exchanges.schedule(payload, context);
  }

  @HandlesCommand(KnowledgeExchangeCommands.complete)
  complete(payload: CompleteCommand, context: CommandContext) {
    return this.exchanges.complete(payload, context);
  }

  @HandlesCommand(KnowledgeExchangeCommands.cancel)
  cancel(payload: CancelExchangeCommand, context: CommandContext) {
    return this.exchanges.cancel(payload, context);
  }

  @HandlesCommand(KnowledgeExchangeCommands.get)
  get({ exchangeId }: ExchangeIdCommand, context: CommandContext) {
    return this.exchanges.get(exchangeId, context);
  }

  @HandlesCommand(KnowledgeExchangeCommands.list)
  list(payload: ExchangeListQuery, context: CommandContext) {
    return this.exchanges.list(payload, context);
  }

  @HandlesCommand(KnowledgeExchangeCommands.knowledgeBase)
  knowledgeBase(payload: KnowledgeBaseQuery, context: CommandContext) {
    return this.exchanges.knowledgeBase(payload, context);
  }
}
