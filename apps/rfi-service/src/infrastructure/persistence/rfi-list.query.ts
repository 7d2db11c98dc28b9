import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { Actor, ListRfisCommand } from '@bp/contracts';
import { decodeCursor, pageOf, textArray } from '@bp/persistence';

export interface RfiSummary {
  id: string;
  reference: string;
  title: string;
  requesterParty: string;
  status: string;
  priority: string;
  channel: string;
  topics: string[];
  createdAt: string;
  updatedAt: string;
  overdue: boolean;
}

/** A row of information_request with its `overdue` flag, as both queries select it. */
interface SummaryRow {
  id: string;
  reference: string;
  title: string;
  requester_party: string;
  status: string;
  priority: string;
  channel: string;
  topics: string[];
  created_at: Date;
  updated_at: Date;
  overdue: boolean;
}

function summaryOf(row: SummaryRow): RfiSummary {
  return {
    id: row.id,
    reference: row.reference,
    title: row.title,
    requesterParty: row.requester_party,
    status: row.status,
    priority: row.priority,
    channel: row.channel,
    topics: row.topics,
    createdAt: new Date(row.created_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
    overdue: row.overdue,
  };
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

interface Sql {
  text: string;
  params: unknown[];
}

const sql = (text: string, ...params: unknown[]): Sql => ({ text, params });

/**
 * The same need-to-know rule as domain/need-to-know.ts, in SQL, so that lists, counts and searches
 * never reach a row the caller may not see. `visibleAssignment` limits which assignments filters
 * may look at: a recipient must not learn who else was asked by filtering on it.
 */
function visibility(actor: Actor): { rfi: Sql; visibleAssignment: Sql } {
  switch (actor.role) {
    case 'focal_point':
      return {
        rfi: sql(
          `(r.requester_party = ? or (r.submitted_at is not null and exists (select 1 from rfi_assignment v
             where v.rfi_id = r.id and v.recipient_party = ? and v.officer_id is null)))`,
          actor.party,
          actor.party,
        ),
        visibleAssignment: sql(
          '(r.requester_party = ? or (a.recipient_party = ? and a.officer_id is null))',
          actor.party,
          actor.party,
        ),
      };
    case 'secretariat':
      return { rfi: sql(`r.submitted_at is not null`), visibleAssignment: sql('true') };
    case 'liaison_officer':
      // Only while actively posted: the RFIs routed to the officer and those between their sending
      // and host party (domain/need-to-know.ts).
      return {
        rfi: sql(
          `r.submitted_at is not null and exists (select 1 from posting p where p.officer_id = ? and p.status = 'ACTIVE' and (
             exists (select 1 from rfi_assignment v where v.rfi_id = r.id and v.officer_id = ? and v.posting_id = p.deployment_id)
             or (r.requester_party = p.sending_party and exists (select 1 from rfi_assignment v where v.rfi_id = r.id and v.recipient_party = p.host_party))
             or (r.requester_party = p.host_party and exists (select 1 from rfi_assignment v where v.rfi_id = r.id and v.recipient_party = p.sending_party))))`,
          actor.officerId,
          actor.officerId,
        ),
        visibleAssignment: officerOwns('a', actor),
      };
    default:
      return { rfi: sql('false'), visibleAssignment: sql('false') };
  }
}

/**
 * An officer's own assignments: made to them under the posting they are on now (isOfficersOwn in
 * domain/need-to-know.ts); those of an ended posting are not theirs any more.
 */
function officerOwns(alias: string, actor: Actor): Sql {
  return sql(
    `${alias}.officer_id = ? and ${alias}.posting_id = (select p.deployment_id from posting p where p.officer_id = ? and p.status = 'ACTIVE' limit 1)`,
    actor.officerId,
    actor.officerId,
  );
}

/**
 * When the caller last saw the RFI change: the newest history line it may see (the rule of
 * domain/history-visibility.ts, in SQL). `r.updated_at` would tell a recipient that others acted.
 */
function visibleUpdatedAt(actor: Actor): Sql {
  const changes = `from rfi_history h where h.rfi_id = r.id and h.action <> 'BODY_READ'`;
  const ownAssignment =
    actor.role === 'liaison_officer'
      ? officerOwns('o', actor)
      : sql('o.recipient_party = ? and o.officer_id is null', actor.party);
  switch (actor.role) {
    case 'secretariat':
      return sql(`(select max(h.at) ${changes})`);
    case 'focal_point':
    case 'liaison_officer':
      return sql(
        `(select max(h.at) ${changes} and h.action <> 'NOTE_ADDED' and (
           ${actor.role === 'focal_point' ? 'r.requester_party = ? or' : ''}
           (h.assignment_id is null and h.action <> 'ROUTED')
           or exists (select 1 from rfi_assignment o where o.id = h.assignment_id and ${ownAssignment.text})
           or (h.action = 'ROUTED' and exists (select 1 from rfi_assignment o
                 cross join jsonb_array_elements(h.details -> 'recipients') e
                 where o.rfi_id = r.id and o.id::text = e ->> 'assignmentId' and ${ownAssignment.text}))))`,
        ...(actor.role === 'focal_point' ? [actor.party] : []),
        ...ownAssignment.params,
        ...ownAssignment.params,
      );
    default:
      return sql('null::timestamptz');
  }
}

export interface SimilarRfi extends RfiSummary {
  sharedTopics: string[];
}

/** Words of a title as an OR query: any shared word makes a request a candidate. */
function anyWordOf(text: string): string | null {
  const words = [...new Set(text.toLowerCase().match(/[\p{L}\p{N}]{4,}/gu) ?? [])].slice(0, 20);
  return words.length ? words.join(' | ') : null;
}

@Injectable()
export class RfiListQuery {
  /**
   * Earlier requests the caller may see that share topics or title words with this one, best
   * matches first: information the channel may already hold.
   */
  async similar(
    em: EntityManager,
    actor: Actor,
    rfi: { id: string; title: string; topics: string[]; createdAt: Date },
    now: Date,
  ): Promise<SimilarRfi[]> {
    const { rfi: visible, visibleAssignment } = visibility(actor);
    const seenAt = visibleUpdatedAt(actor);
    const words = anyWordOf(rfi.title);
    const rows = await em.execute<(SummaryRow & { shared: string[] })[]>(
      `select r.id, r.reference, r.title, r.requester_party, r.status, r.priority, r.channel, r.topics, r.created_at,
         coalesce(${seenAt.text}, r.created_at) as updated_at,
         exists (select 1 from rfi_assignment a where a.rfi_id = r.id and a.status in ('PENDING', 'ACKNOWLEDGED')
           and a.paused_since is null and a.due_at < ? and ${visibleAssignment.text}) as overdue,
         array(select unnest(r.topics) intersect select unnest(?::text[])) as shared
       from information_request r
       where ${visible.text} and r.id <> ? and r.created_at <= ?
         and (r.topics && ?::text[] ${words ? `or r.title_search @@ to_tsquery('simple', ?)` : ''})
       order by cardinality(array(select unnest(r.topics) intersect select unnest(?::text[])))
         + ${words ? `ts_rank(r.title_search, to_tsquery('simple', ?)) * 4` : '0'} desc, r.created_at desc
       limit 10`,
      [
        ...seenAt.params,
        now,
        ...visibleAssignment.params,
        textArray(rfi.topics),
        ...visible.params,
        rfi.id,
        rfi.createdAt,
        textArray(rfi.topics),
        ...(words ? [words] : []),
        textArray(rfi.topics),
        ...(words ? [words] : []),
      ],
    );
    return rows.map((row) => ({ ...summaryOf(row), sharedTopics: row.shared }));
  }

  async list(
    em: EntityManager,
    actor: Actor,
    query: ListRfisCommand,
    now: Date,
  ): Promise<Page<RfiSummary>> {
    const limit = query.limit ?? 20;
    const { rfi, visibleAssignment } = visibility(actor);
    const seenAt = visibleUpdatedAt(actor);
    const openOverdue = `a.status in ('PENDING', 'ACKNOWLEDGED') and a.paused_since is null and a.due_at < ?`;
    const where: Sql[] = [rfi];
    if (query.status) where.push(sql('r.status = ?', query.status));
    if (query.priority) where.push(sql('r.priority = ?', query.priority));
    if (query.topic) where.push(sql('? = any(r.topics)', query.topic));
    if (query.box === 'sent') where.push(sql('r.requester_party = ?', actor.party));
    if (query.box === 'received') {
      where.push(
        actor.role === 'liaison_officer'
          ? sql(
              `exists (select 1 from rfi_assignment a where a.rfi_id = r.id and ${officerOwns('a', actor).text})`,
              ...officerOwns('a', actor).params,
            )
          : sql(
              'exists (select 1 from rfi_assignment a where a.rfi_id = r.id and a.recipient_party = ? and a.officer_id is null)',
              actor.party,
            ),
      );
    }
    if (query.party) {
      where.push(
        sql(
          `(r.requester_party = ? or exists (select 1 from rfi_assignment a where a.rfi_id = r.id and a.recipient_party = ? and ${visibleAssignment.text}))`,
          query.party,
          query.party,
          ...visibleAssignment.params,
        ),
      );
    }
    if (query.overdue === 'true') {
      where.push(
        sql(
          `exists (select 1 from rfi_assignment a where a.rfi_id = r.id and ${openOverdue} and ${visibleAssignment.text})`,
          now,
          ...visibleAssignment.params,
        ),
      );
    }
    if (query.q) {
      const searchable =
        actor.role === 'secretariat'
          ? `case when r.secretariat_access = 'FULL' then r.full_search else r.title_search end`
          : 'r.full_search';
      where.push(sql(`${searchable} @@ plainto_tsquery('simple', ?)`, query.q));
    }
    if (query.cursor) {
      const [createdAt, id] = decodeCursor(query.cursor);
      where.push(sql('(r.created_at, r.id) < (?::timestamptz, ?::uuid)', createdAt, id));
    }
    const rows = await em.execute<SummaryRow[]>(
      `select r.id, r.reference, r.title, r.requester_party, r.status, r.priority, r.channel, r.topics, r.created_at,
         coalesce(${seenAt.text}, r.created_at) as updated_at,
         exists (select 1 from rfi_assignment a where a.rfi_id = r.id and ${openOverdue} and ${visibleAssignment.text}) as overdue
       from information_request r
       where ${where.map((part) => part.text).join(' and ')}
       order by r.created_at desc, r.id desc
       limit ?`,
      [
        ...seenAt.params,
        now,
        ...visibleAssignment.params,
        ...where.flatMap((part) => part.params),
        limit + 1,
      ],
    );
    return pageOf(rows, limit, (row) => [new Date(row.created_at), row.id], summaryOf);
  }
}
