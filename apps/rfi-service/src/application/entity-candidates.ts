import { EntityManager } from '@mikro-orm/postgresql';
import { Actor } from '@bp/contracts';
import { MatchKey, MatchKeyKind, matchKeysOf } from '../domain/entities/entity-match';
import { CandidateEntity } from '../domain/entities/possible-links';
import { RfiEntity } from '../domain/entities/rfi-entity';
import { candidateEntities } from '../infrastructure/persistence/possible-link-rows';

/** Kinds of key that are the value itself: sharing one is a match. */
const EXACT_KINDS = new Set<MatchKeyKind>(['DOCUMENT', 'CONVEYANCE', 'PHONE']);
/** The most candidates one name weighs (those sharing the most of its words first). */
const CANDIDATES_PER_NAME = 200;
/** The most entities sharing an exact key with the new ones (each is a match). */
const EXACT_CANDIDATES = 2_000;

/**
 * What `entities` are weighed against: every entity sharing an exact key (a document, a
 * conveyance, a phone: a shared one is a match), and for each name the ones sharing the most of
 * its words, so that a common first name alone does not crowd out the one that shares the
 * surname too, nor a name a passport. With `readableBy`, only what that caller may read.
 */
export async function candidatesFor(
  em: EntityManager,
  rfiId: string,
  entities: readonly RfiEntity[],
  readableBy?: Actor,
): Promise<CandidateEntity[]> {
  const exact: MatchKey[] = [];
  const found = new Map<string, CandidateEntity>();
  const add = (candidates: CandidateEntity[]) =>
    candidates.forEach((candidate) => found.set(candidate.id, candidate));
  for (const entity of entities) {
    const keys = matchKeysOf(entity.values);
    if (keys.every((key) => EXACT_KINDS.has(key.kind))) exact.push(...keys);
    else add(await candidateEntities(em, rfiId, keys, CANDIDATES_PER_NAME, readableBy));
  }
  add(await candidateEntities(em, rfiId, exact, EXACT_CANDIDATES, readableBy));
  return [...found.values()];
}
