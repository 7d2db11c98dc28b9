import { EntityManager } from '@mikro-orm/postgresql';
import { MatchKey } from '../../domain/entities/entity-match';
import { LinkStatus } from '@bp/domain-kernel';
import { PossibleLink } from '../../domain/entities/link-consent';
import { CandidateEntity, EntityMatch, matchedTypes } from '../../domain/entities/possible-links';
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

interface LinkRow {
  id: string;
  first_rfi_id: string;
  second_rfi_id: string;
  matches: EntityMatch[];
  status: LinkStatus;
  found_at: Date;
  asked_at: Date | null;
  first_consent: boolean | null;
  second_consent: boolean | null;
  decided_at: Date | null;
}

const LINK_COLUMNS = `id, first_rfi_id, second_rfi_id, matches, status, found_at, asked_at,
  first_consent, second_consent, decided_at`;

function linkOf(row: LinkRow): PossibleLink {
  const date = (value: Date | null) => (value ? new Date(value) : null);
  return {
    id: row.id,
    firstRfiId: row.first_rfi_id,
    secondRfiId: row.second_rfi_id,
    entityTypes: matchedTypes(row.matches),
    status: row.status,
    foundAt: new Date(row.found_at),
    askedAt: date(row.asked_at),
    firstConsent: row.first_consent,
    secondConsent: row.second_consent,
    decidedAt: date(row.decided_at),
  };
}

/** The link under a row lock, taken before either request's: null when there is none. */
export async function lockLink(em: EntityManager, id: string): Promise<PossibleLink | null> {
  const [row] = await em.execute<LinkRow[]>(
    `select ${LINK_COLUMNS} from rfi_possible_link where id = ? for update`,
    [id],
  );
  return row ? linkOf(row) : null;
}

export async function saveLinkConsent(em: EntityManager, link: PossibleLink): Promise<void> {
  await em.execute(
    `update rfi_possible_link set status = ?, asked_at = ?, first_consent = ?, second_consent = ?,
       decided_at = ? where id = ?`,
    [link.status, link.askedAt, link.firstConsent, link.secondConsent, link.decidedAt, link.id],
  );
}

/** The links of one request, the newest first. */
export async function linksOfRfi(em: EntityManager, rfiId: string): Promise<PossibleLink[]> {
  const rows = await em.execute<LinkRow[]>(
    `select ${LINK_COLUMNS} from rfi_possible_link where ? in (first_rfi_id, second_rfi_id)
     order by found_at desc, id desc`,
    [rfiId],
  );
  return rows.map(linkOf);
}

/** A page of every link (the secretariat's), the newest first, after a (found_at, id) cursor. */
export async function linksPage(
  em: EntityManager,
  query: { status?: LinkStatus; after?: [string, string]; limit: number },
): Promise<PossibleLink[]> {
  const where: string[] = [];
  const params: unknown[] = [];
  if (query.status) {
    where.push('status = ?');
    params.push(query.status);
  }
  if (query.after) {
    where.push('(found_at, id) < (?::timestamptz, ?::uuid)');
    params.push(...query.after);
  }
  const rows = await em.execute<LinkRow[]>(
    `select ${LINK_COLUMNS} from rfi_possible_link
     ${where.length ? `where ${where.join(' and ')}` : ''}
     order by found_at desc, id desc limit ?`,
    [...params, query.limit],
  );
  return rows.map(linkOf);
}

/** The references of requests, by id: what a link's view names them by. */
export async function referencesOf(
  em: EntityManager,
  ids: readonly string[],
): Promise<Map<string, string>> {
  if (!ids.length) return new Map();
  const rows = await em.execute<{ id: string; reference: string }[]>(
    `select id, reference from information_request where id in (${ids.map(() => '?').join(', ')})`,
    [...ids],
  );
  return new Map(rows.map((row) => [row.id, row.reference]));
}
