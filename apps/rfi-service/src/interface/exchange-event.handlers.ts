import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { EventEnvelope, KnowledgeExchangeEventData, KnowledgeExchangeEvents } from '@bp/contracts';
import { OnEvent } from '@bp/messaging';
import { ExchangesHeld } from '../infrastructure/persistence/exchanges-held';

/** Keeps the copy of knowledge exchanges that similar requests offer once they are completed. */
@Injectable()
export class ExchangeEventHandlers {
  constructor(private readonly exchanges: ExchangesHeld) {}

  @OnEvent(...Object.values(KnowledgeExchangeEvents))
  async onExchangeEvent(
    event: EventEnvelope<KnowledgeExchangeEventData>,
    em: EntityManager,
  ): Promise<void> {
    await this.exchanges.apply(
      em,
      event.data,
      event.subjectVersion ?? 0,
      new Date(event.occurredAt),
    );
  }
}
