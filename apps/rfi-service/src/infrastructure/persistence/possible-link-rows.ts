import { EntityManager } from '@mikro-orm/postgresql';
import { MatchKey } from '../../domain/entities/entity-match';
import { LinkStatus } from '@bp/domain-kernel';
import { Actor } from '@bp/contracts';
import { advisoryLockKey, textArray } from '@bp/persistence';
import { visibility } from './need-to-know.sql';
import { SqlFragment, sql } from './sql-fragment';
import { PossibleLink } from '../../domain/entities/link-consent';
import { CandidateEntity, EntityMatch, matchedTypes } from '../../domain/entities/possible-links';
import { EntityValues } from '../../domain/entities/rfi-entity';

/**
 * Entities of other submitted requests that share a match key with `keys`: what the rule then
 * weighs, those sharing the most keys first, at most `limit`. A draft's entities are neither
 * proposed nor matched until it is submitted (its requester alone knows of it), and a
 * secretariat note's never (entity-rules.ts isMatched). With `readableBy`, only those the caller
 * may see and read (need-to-know.sql.ts; on the requests themselves; FULL ones for the
 * secretariat): what `similar` may show it.
 */
export async function candidateEntities(
  em: EntityManager,
  rfiId: string,
  keys: readonly MatchKey[],
  limit: number,
  readableBy?: Actor,
): Promise<CandidateEntity[]> {
  const unique = [...new Map(keys.map((key) => [`${key.kind}:${key.key}`, key])).values()];
  if (!unique.length) return [];
  const readable = readableBy ? readableTo(readableBy) : sql('true');
  const rows = await em.execute<
    { id: string; rfi_id: string; type: EntityValues['type']; values: object }[]
  >(
    `select e.id, e.rfi_id, e.type, e."values"
     from (select k.entity_id, count(*) as shared
           from rfi_entity_key k
           join information_request r on r.id = k.rfi_id and r.submitted_at is not null
           join rfi_entity x on x.id = k.entity_id
           left join rfi_message m on m.id = x.message_id
           where (k.kind, k.key) in (select * from unnest(?::text[], ?::text[]))
             and k.rfi_id <> ? and m.kind is distinct from 'NOTE' and ${readable.text}
           group by k.entity_id
           order by shared desc, k.entity_id
           limit ?) c
     join rfi_entity e on e.id = c.entity_id`,
    [
      textArray(unique.map((key) => key.kind)),
      textArray(unique.map((key) => key.key)),
      rfiId,
      ...readable.params,
      limit,
    ],
  );
  return rows.map((row) => ({
    id: row.id,
    rfiId: row.rfi_id,
    values: { type: row.type, ...row.values } as EntityValues,
  }));
}

/** Entities on requests the caller may see and read (alias r: the request, x: the entity). */
function readableTo(actor: Actor): SqlFragment {
  const { rfi: visible } = visibility(actor);
  const full = actor.role === 'secretariat' ? ` and r.secretariat_access = 'FULL'` : '';
  return sql(`(x.message_id is null and ${visible.text}${full})`, ...visible.params);
}

/** Separates the locks on match keys from every other advisory lock of the service's. */
const MATCH_KEY_LOCK_CLASS = advisoryLockKey('rfi-entity-match-key');

/**
 * Keys share 256 locks: however many keys an entity brings, a change takes at most that many
 * (PostgreSQL's lock table is shared by every transaction), and two changes on different keys
 * rarely wait for each other, briefly.
 */
const MATCH_KEY_BUCKETS = 256;

/**
 * Takes a transaction-scoped lock on each key's bucket, in one order: two changes naming the same person
 * at once then match one after the other, and the second sees what the first committed (under
 * READ COMMITTED neither would see the other's, and the link would be missed for good).
 */
export async function lockMatchKeys(em: EntityManager, keys: readonly MatchKey[]): Promise<void> {
  const names = [...new Set(keys.map(({ kind, key }) => `${kind}:${key}`))].sort();
  if (!names.length) return;
  await em.execute(
    `select pg_advisory_xact_lock(?, h) from (
       select hashtext(name) & ${MATCH_KEY_BUCKETS - 1} as h from unnest(?::text[]) as name
       group by h order by h) locked`,
    [MATCH_KEY_LOCK_CLASS, textArray(names)],
  );
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
    `insert into rfi_possible_link (id, first_rfi_id, second_rfi_id, found_by_rfi_id, matches, found_at, other_noted)
     values (?, ?, ?, ?, ?::jsonb, ?, false)
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
  found_by_rfi_id: string;
  other_noted: boolean;
  matches: EntityMatch[];
  status: LinkStatus;
  found_at: Date;
  asked_at: Date | null;
  first_consent: boolean | null;
  second_consent: boolean | null;
  decided_at: Date | null;
}

const LINK_COLUMNS = `id, first_rfi_id, second_rfi_id, found_by_rfi_id, other_noted, matches,
  status, found_at, asked_at, first_consent, second_consent, decided_at`;

function linkOf(row: LinkRow): PossibleLink {
  const date = (value: Date | null) => (value ? new Date(value) : null);
  return {
    id: row.id,
    firstRfiId: row.first_rfi_id,
    secondRfiId: row.second_rfi_id,
    foundByRfiId: row.found_by_rfi_id,
    otherNoted: row.other_noted,
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

/** A link whose line the other request does not have yet. */
export interface PendingNotice {
  id: string;
  matches: EntityMatch[];
  foundByRfiId: string;
  otherRfiId: string;
}

/** Links not yet noted in their other request, the oldest first. */
export async function pendingNotices(em: EntityManager, limit: number): Promise<string[]> {
  const rows = await em.execute<{ id: string }[]>(
    'select id from rfi_possible_link where not other_noted order by found_at limit ?',
    [limit],
  );
  return rows.map((row) => row.id);
}

/** The link under its row lock while it is still to be noted; null once another pass did it. */
export async function claimNotice(em: EntityManager, id: string): Promise<PendingNotice | null> {
  const [row] = await em.execute<
    { id: string; matches: EntityMatch[]; found_by_rfi_id: string; other_rfi_id: string }[]
  >(
    `select id, matches, found_by_rfi_id,
       case when found_by_rfi_id = first_rfi_id then second_rfi_id else first_rfi_id end as other_rfi_id
     from rfi_possible_link where id = ? and not other_noted for update`,
    [id],
  );
  return row
    ? {
        id: row.id,
        matches: row.matches,
        foundByRfiId: row.found_by_rfi_id,
        otherRfiId: row.other_rfi_id,
      }
    : null;
}

export async function markNoted(em: EntityManager, id: string): Promise<void> {
  await em.execute('update rfi_possible_link set other_noted = true where id = ?', [id]);
}
