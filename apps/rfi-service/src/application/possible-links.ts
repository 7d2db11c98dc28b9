import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { randomUUID } from 'node:crypto';
import { MatchKey, MatchKeyKind, matchKeysOf } from '../domain/entities/entity-match';
import { CandidateEntity, linksFound, possibleLinkChange } from '../domain/entities/possible-links';
import { RfiEntity } from '../domain/entities/rfi-entity';
import { InformationRequest } from '../domain/information-request';
import {
  candidateEntities,
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
    const candidates = await this.candidatesFor(em, rfi.id, entities);
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
      rfi.noteLink(possibleLinkChange(link, other, now, true));
      linked += 1;
    }
    return linked;
  }

  /**
   * Every entity sharing an exact key (a document, a conveyance, a phone: a shared one is a match),
   * and for each name the ones sharing the most of its words: a common first name alone must not
   * crowd out the one that shares the surname too, nor a name crowd out a passport.
   */
  private async candidatesFor(
    em: EntityManager,
    rfiId: string,
    entities: readonly RfiEntity[],
  ): Promise<CandidateEntity[]> {
    const exact: MatchKey[] = [];
    const found = new Map<string, CandidateEntity>();
    for (const entity of entities) {
      const keys = matchKeysOf(entity.values);
      if (keys.every((key) => EXACT_KINDS.has(key.kind))) exact.push(...keys);
      else
        for (const candidate of await candidateEntities(em, rfiId, keys, CANDIDATES_PER_NAME))
          found.set(candidate.id, candidate);
    }
    for (const candidate of await candidateEntities(em, rfiId, exact, EXACT_CANDIDATES))
      found.set(candidate.id, candidate);
    return [...found.values()];
  }
}

/** Kinds of key that are the value itself: sharing one is a match. */
const EXACT_KINDS = new Set<MatchKeyKind>(['DOCUMENT', 'CONVEYANCE', 'PHONE']);
/** The most candidates one name weighs (those sharing the most of its words first). */
const CANDIDATES_PER_NAME = 200;
/** The most entities sharing an exact key with the new ones (each is a match). */
const EXACT_CANDIDATES = 2_000;
