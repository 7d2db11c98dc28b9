import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { linksFound, matchedTypes } from '../domain/entities/possible-links';
import { InformationRequest } from '../domain/information-request';
import { Relation, RfiActor, canReadBodies } from '../domain/need-to-know';
import { entitiesOf } from '../infrastructure/persistence/entity-rows';
import { candidatesFor } from './entity-candidates';
import { ExchangeHeld, ExchangesHeld } from '../infrastructure/persistence/exchanges-held';
import { RfiListQuery, SimilarRfi, anyWordOf } from '../infrastructure/persistence/rfi-list.query';

/** Requests that may be about the same, and completed knowledge exchanges on the same. */
export interface SimilarAnswer {
  items: SimilarRfi[];
  knowledgeExchanges: ExchangeHeld[];
}

/**
 * Requests the caller may see that may be about the same thing as this one: by the entities both
 * name (the matching rule, over entities the caller may read on both sides, never a draft of
 * another), then by topics and title words; and the completed knowledge exchanges (every reader
 * of the knowledge base sees them, as every reader of requests may) on the same topics or words.
 * For a draft too: what its requester is offered before submitting.
 */
@Injectable()
export class SimilarRequests {
  constructor(
    private readonly listing: RfiListQuery,
    private readonly exchanges: ExchangesHeld,
  ) {}

  async of(
    em: EntityManager,
    rfi: InformationRequest,
    actor: RfiActor,
    relation: Relation,
    now: Date,
  ): Promise<SimilarAnswer> {
    const own = canReadBodies(relation, rfi)
      ? (await entitiesOf(em, rfi.id)).filter((entity) => entity.messageId === null)
      : [];
    const candidates = await candidatesFor(em, rfi.id, own, actor);
    const byEntity = new Map(
      linksFound(own, candidates).map((link) => [link.otherRfiId, matchedTypes(link.matches)]),
    );
    return {
      items: await this.listing.similar(em, actor, rfi, now, byEntity),
      knowledgeExchanges: await this.exchanges.like(em, rfi, anyWordOf(rfi.title)),
    };
  }
}
