import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { randomUUID } from 'node:crypto';
import { matchKeysOf } from '../domain/entities/entity-match';
import { linksFound, matchedTypes, possibleLinkChange } from '../domain/entities/possible-links';
import { RfiEntity } from '../domain/entities/rfi-entity';
import { InformationRequest } from '../domain/information-request';
import { candidatesFor } from './entity-candidates';
import {
  keepPossibleLink,
  lockMatchKeys,
  referenceOf,
} from '../infrastructure/persistence/possible-link-rows';

/**
 * Matches a request's entities against those of every other submitted request, when they become
 * visible to others (the request's own at its submission, a message's when they are added), in
 * the transaction of that change and under the request's row lock. Each new pair is a possible
 * link: a line in this request's history now and in the other's soon after (link-notices.ts),
 * the requester's and the secretariat's to see, and from this request an event for the
 * secretariat. A pair is linked once, whichever side finds it.
 */
@Injectable()
export class PossibleLinks {
  async match(
    em: EntityManager,
    rfi: InformationRequest,
    entities: readonly RfiEntity[],
    now: Date,
  ): Promise<number> {
    const keys = entities.flatMap((entity) => matchKeysOf(entity.values));
    await lockMatchKeys(em, keys);
    const candidates = await candidatesFor(em, rfi.id, entities);
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
      // The other request's line follows under its own lock (link-notices.ts): a change that
      // held two requests could deadlock with one that finds the same pair from the other side.
      rfi.noteLink(
        possibleLinkChange(
          { id: link.id, entityTypes: matchedTypes(link.matches) },
          other,
          now,
          true,
        ),
      );
      linked += 1;
    }
    return linked;
  }
}
