import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { randomUUID } from 'node:crypto';
import { matchKeysOf } from '../domain/entities/entity-match';
import { linksFound, possibleLinkChange } from '../domain/entities/possible-links';
import { RfiEntity } from '../domain/entities/rfi-entity';
import { InformationRequest } from '../domain/information-request';
import {
  candidateEntities,
  keepPossibleLink,
  referenceOf,
} from '../infrastructure/persistence/possible-link-rows';
import { RfiRepository } from '../infrastructure/persistence/rfi.repository';

/**
 * Matches a request's entities against those of every other submitted request, when they become
 * visible to others (the request's own at its submission, a message's when they are added), in
 * the transaction of that change and under the request's row lock. Each new pair is a possible
 * link: a line in both histories (the requester's and the secretariat's to see) and, from this
 * request, an event for the secretariat. A pair is linked once, whichever side finds it.
 */
@Injectable()
export class PossibleLinks {
  constructor(private readonly rfis: RfiRepository) {}

  async match(
    em: EntityManager,
    rfi: InformationRequest,
    entities: readonly RfiEntity[],
    now: Date,
  ): Promise<number> {
    const keys = entities.flatMap((entity) => matchKeysOf(entity.values));
    const candidates = await candidateEntities(em, rfi.id, keys);
    let linked = 0;
    for (const found of linksFound(entities, candidates)) {
      const link = { id: randomUUID(), matches: found.matches };
      const kept = await keepPossibleLink(em, {
        ...link,
        rfiId: rfi.id,
        otherRfiId: found.otherRfiId,
        at: now,
      });
      if (!kept) continue;
      const other = { id: found.otherRfiId, reference: await referenceOf(em, found.otherRfiId) };
      rfi.noteLink(possibleLinkChange(link, other, now));
      // The other request's line. Its row is not locked: a line is all that changes there, and
      // its history's chain orders its lines on its own. Two requests finding each other at the
      // same moment may each wait for the other's chain: PostgreSQL ends one (a deadlock), whose
      // command answers 503 and is retried with its Idempotency-Key, changing nothing meanwhile.
      await this.rfis.appendHistory(em, other.id, [
        possibleLinkChange(link, { id: rfi.id, reference: rfi.reference }, now),
      ]);
      linked += 1;
    }
    return linked;
  }
}
