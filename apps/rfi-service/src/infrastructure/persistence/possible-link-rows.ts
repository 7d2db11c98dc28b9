import { EntityManager } from '@mikro-orm/postgresql';
import { MatchKey } from '../../domain/entities/entity-match';
import { CandidateEntity, EntityMatch } from '../../domain/entities/possible-links';
import { EntityValues } from '../../domain/entities/rfi-entity';

/**
 * The most candidates one change weighs, those sharing the most keys first: a common first name
 * alone must not crowd out the one entity that also shares the surname.
 */
const MAX_CANDIDATES = 2_000;

/**
 * Entities of other submitted requests that share a match key with `keys`: what the rule then
 * weighs. A draft's entities are neither proposed nor matched until it is submitted (its
 * requester alone knows of it).
 */
export async function candidateEntities(
  em: EntityManager,
  rfiId: string,
  keys: readonly MatchKey[],
): Promise<CandidateEntity[]> {
  if (!keys.length) return [];
  const rows = await em.execute<
    { id: string; rfi_id: string; type: EntityValues['type']; values: object }[]
  >(
    `select e.id, e.rfi_id, e.type, e."values"
     from (select k.entity_id, count(*) as shared
           from rfi_entity_key k
           join information_request r on r.id = k.rfi_id and r.submitted_at is not null
           where (k.kind, k.key) in (${keys.map(() => '(?, ?)').join(', ')}) and k.rfi_id <> ?
           group by k.entity_id
           order by shared desc, k.entity_id
           limit ${MAX_CANDIDATES}) c
     join rfi_entity e on e.id = c.entity_id`,
    [...keys.flatMap(({ kind, key }) => [kind, key]), rfiId],
  );
  return rows.map((row) => ({
    id: row.id,
    rfiId: row.rfi_id,
    values: { type: row.type, ...row.values } as EntityValues,
  }));
}

/** Keeps a new possible link; false when the pair is linked already (found before, or just now). */
export async function keepPossibleLink(
  em: EntityManager,
  link: {
    id: string;
    rfiId: string;
    otherRfiId: string;
    matches: readonly EntityMatch[];
    at: Date;
  },
): Promise<boolean> {
  const [first, second] = [link.rfiId, link.otherRfiId].sort();
  const rows = await em.execute(
    `insert into rfi_possible_link (id, first_rfi_id, second_rfi_id, found_by_rfi_id, matches, found_at)
     values (?, ?, ?, ?, ?::jsonb, ?)
     on conflict (first_rfi_id, second_rfi_id) do nothing
     returning id`,
    [link.id, first, second, link.rfiId, JSON.stringify(link.matches), link.at],
  );
  return rows.length > 0;
}

/** What the other request of a link is called, for the secretariat's line and event. */
export async function referenceOf(em: EntityManager, rfiId: string): Promise<string> {
  const [row] = await em.execute<{ reference: string }[]>(
    'select reference from information_request where id = ?',
    [rfiId],
  );
  return row!.reference;
}
