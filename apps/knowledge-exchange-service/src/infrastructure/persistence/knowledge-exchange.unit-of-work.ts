import { Injectable } from '@nestjs/common';
import { SERVICES } from '@bp/contracts';
import { UnitOfWork } from '@bp/messaging';
import { integrationEvents } from '../../application/exchange-integration-events';
import { ExchangeChange } from '../../domain/exchange-change';
import { KnowledgeExchange } from '../../domain/knowledge-exchange';
import { KnowledgeExchangeRepository } from './knowledge-exchange.repository';

/** The one way a knowledge exchange changes: its row and its integration events, in one transaction. */
@Injectable()
export class KnowledgeExchangeUnitOfWork extends UnitOfWork<KnowledgeExchange, ExchangeChange> {
  constructor(repository: KnowledgeExchangeRepository) {
    super(repository, integrationEvents, SERVICES.knowledgeExchange.name);
  }
}
