import { EntitySchema } from '@mikro-orm/core';
import { KnowledgeExchange } from '../../domain/knowledge-exchange';

export const KnowledgeExchangeSchema = new EntitySchema<KnowledgeExchange>({
  class: KnowledgeExchange,
  tableName: 'knowledge_exchange',
  properties: {
    id: { type: 'uuid', primary: true },
    kind: { type: 'string' },
    ownerParty: { type: 'string' },
    createdBy: { type: 'uuid' },
    type: { type: 'string' },
    topics: { type: 'string[]' },
    title: { type: 'text' },
    description: { type: 'text' },
    format: { type: 'string' },
    preferredFrom: { type: 'string', columnType: 'date', nullable: true },
    preferredTo: { type: 'string', columnType: 'date', nullable: true },
    status: { type: 'string' },
    offers: { type: 'json' },
    partnerParty: { type: 'string', nullable: true },
    matchedOfferId: { type: 'uuid', nullable: true },
    matchedOfferExchangeId: { type: 'uuid', nullable: true },
    scheduledFor: { type: 'json', nullable: true },
    outcome: { type: 'json', nullable: true },
    cancelReason: { type: 'text', nullable: true },
    createdAt: { type: 'datetime' },
    updatedAt: { type: 'datetime' },
    statusChangedAt: { type: 'datetime' },
    version: { type: 'integer' },
  },
});
