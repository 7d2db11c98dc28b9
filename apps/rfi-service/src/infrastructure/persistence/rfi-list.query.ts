import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { Actor, ListRfisCommand, RfiTitles } from '@bp/contracts';
import { decodeCursor, pageOf, textArray } from '@bp/persistence';
import {
  ownAssignment,
  requestedBy,
  routedToParty,
  searchableText,
  visibility,
  visibleUpdatedAt,
} from './need-to-know.sql';
import { SqlFragment, sql } from './sql-fragment';

/** The received box: RFIs with an assignment the caller answers for (ownAssignment). */
function receivedBy(actor: Actor): SqlFragment {
  if (actor.role === 'focal_point') return routedToParty(actor);
  const own = ownAssignment(actor, 'a');
  return sql(
    `exists (select 1 from rfi_assignment a where a.rfi_id = r.id and ${own.text})`,
    ...own.params,
  );
}

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

export interface SimilarRfi extends RfiSummary {
  sharedTopics: string[];
  /** The types of entities this request names that the other names too (by the matching rule). */
  sharedEntityTypes: string[];
}

/** Words of a title as an OR query: any shared word makes a request a candidate. */
export function anyWordOf(text: string): string | null {
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
    byEntity: ReadonlyMap<string, string[]> = new Map(),
  ): Promise<SimilarRfi[]> {
    const { rfi: visible } = visibility(actor);
    const summary = summaryColumns(actor, now);
    const words = anyWordOf(rfi.title);
    const rows = await em.execute<(SummaryRow & { shared: string[] })[]>(
      `select ${summary.text},
         array(select unnest(r.topics) intersect select unnest(?::text[])) as shared
       from information_request r
       where ${visible.text} and r.id <> ?
         and ((r.created_at <= ? and (r.topics && ?::text[]
               ${words ? `or r.title_search @@ to_tsquery('simple', ?)` : ''}))
              or r.id = any(?::uuid[]))
       order by (r.id = any(?::uuid[])) desc,
         cardinality(array(select unnest(r.topics) intersect select unnest(?::text[])))
         + ${words ? `ts_rank(r.title_search, to_tsquery('simple', ?)) * 4` : '0'} desc, r.created_at desc
       limit 10`,
      [
        ...summary.params,
        textArray(rfi.topics),
        ...visible.params,
        rfi.id,
        rfi.createdAt,
        textArray(rfi.topics),
        ...(words ? [words] : []),
        textArray([...byEntity.keys()]),
        textArray([...byEntity.keys()]),
        textArray(rfi.topics),
        ...(words ? [words] : []),
      ],
    );
    return rows.map((row) => ({
      ...summaryOf(row),
      sharedTopics: row.shared,
      sharedEntityTypes: byEntity.get(row.id) ?? [],
    }));
  }

  /**
   * The titles of those of these requests the caller may see (the lists' rule), deleted ones
   * (blank titles) left out.
   */
  async titles(em: EntityManager, actor: Actor, ids: readonly string[]): Promise<RfiTitles> {
    const { rfi } = visibility(actor);
    const rows = await em.execute<{ id: string; title: string }[]>(
      `select r.id, r.title from information_request r
       where r.id = any(?::uuid[]) and r.title <> '' and ${rfi.text}`,
      [textArray(ids), ...rfi.params],
    );
    return { titles: Object.fromEntries(rows.map((row) => [row.id, row.title])) };
  }

  async list(
    em: EntityManager,
    actor: Actor,
    query: ListRfisCommand,
    now: Date,
  ): Promise<Page<RfiSummary>> {
    const limit = query.limit ?? 20;
    const rows = await this.rows(
      em,
      summaryColumns(actor, now),
      filtersOf(actor, query, now, { after: query.cursor }),
      limit + 1,
    );
    return pageOf(rows, limit, keyOf, summaryOf);
  }

  /**
   * The ids of the page `list` would give (and of the row past it), newest first: what a standby
   * may answer (RfiLists), as it holds no need-to-know decision the primary does not check again.
   */
  async chooseIds(
    chooser: EntityManager,
    actor: Actor,
    query: ListRfisCommand,
    now: Date,
  ): Promise<string[]> {
    const rows = await this.rows<{ id: string }>(
      chooser,
      sql('r.id'),
      filtersOf(actor, query, now, { after: query.cursor }),
      (query.limit ?? 20) + 1,
    );
    return rows.map((row) => row.id);
  }

  /**
   * The page of the rows `chosen` (chooseIds, on a standby), told by `em`, the primary: every one
   * of them, the one past the page included, must still match there, the caller's need to know
   * first, and is shown as the primary holds it. When one does not (it changed in the last
   * seconds), the page is read on the primary. A request the standby does not hold yet is missing:
   * the staleness the standby's bound allows.
   */
  async pageOfChosen(
    em: EntityManager,
    chosen: readonly string[],
    actor: Actor,
    query: ListRfisCommand,
    now: Date,
  ): Promise<Page<RfiSummary>> {
    if (chosen.length === 0) return { items: [], nextCursor: null };
    const current = new Map(
      (
        await this.rows(
          em,
          summaryColumns(actor, now),
          filtersOf(actor, query, now, { ids: chosen }),
          chosen.length,
        )
      ).map((row) => [row.id, row]),
    );
    if (chosen.some((id) => !current.has(id))) return this.list(em, actor, query, now);
    const rows = chosen.map((id) => current.get(id)!);
    return pageOf(rows, query.limit ?? 20, keyOf, summaryOf);
  }

  private rows<Row = SummaryRow>(
    em: EntityManager,
    select: SqlFragment,
    filters: SqlFragment[],
    limit: number,
  ): Promise<Row[]> {
    return em.execute<Row[]>(
      `select ${select.text}
       from information_request r
       where ${filters.map((part) => part.text).join(' and ')}
       order by r.created_at desc, r.id desc
       limit ?`,
      [...select.params, ...filters.flatMap((part) => part.params), limit],
    );
  }
}

const OPEN_OVERDUE = `a.status in ('PENDING', 'ACKNOWLEDGED') and a.paused_since is null and a.due_at < ?`;

/** The columns of a summary as the caller sees it (its own `updated_at` and `overdue`). */
function summaryColumns(actor: Actor, now: Date): SqlFragment {
  const { visibleAssignment } = visibility(actor);
  const seenAt = visibleUpdatedAt(actor);
  return sql(
    `r.id, r.reference, r.title, r.requester_party, r.status, r.priority, r.channel, r.topics, r.created_at,
     coalesce(${seenAt.text}, r.created_at) as updated_at,
     exists (select 1 from rfi_assignment a where a.rfi_id = r.id and ${OPEN_OVERDUE} and ${visibleAssignment.text}) as overdue`,
    ...seenAt.params,
    now,
    ...visibleAssignment.params,
  );
}

/**
 * The list's conditions: the caller's need to know first, then its filters, then either the rows
 * after a cursor or only the rows named.
 */
function filtersOf(
  actor: Actor,
  query: ListRfisCommand,
  now: Date,
  { after, ids }: { after?: string; ids?: readonly string[] },
): SqlFragment[] {
  const { rfi, visibleAssignment } = visibility(actor);
  const where: SqlFragment[] = [rfi];
  if (query.status) where.push(sql('r.status = ?', query.status));
  if (query.priority) where.push(sql('r.priority = ?', query.priority));
  if (query.topic) where.push(sql('? = any(r.topics)', query.topic));
  if (query.box === 'sent') where.push(requestedBy(actor));
  if (query.box === 'received') where.push(receivedBy(actor));
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
        `exists (select 1 from rfi_assignment a where a.rfi_id = r.id and ${OPEN_OVERDUE} and ${visibleAssignment.text})`,
        now,
        ...visibleAssignment.params,
      ),
    );
  }
  if (query.q) {
    where.push(sql(`${searchableText(actor)} @@ plainto_tsquery('simple', ?)`, query.q));
  }
  if (ids) {
    where.push(sql('r.id = any(?::uuid[])', textArray(ids)));
  } else if (after) {
    const [createdAt, id] = decodeCursor(after);
    where.push(sql('(r.created_at, r.id) < (?::timestamptz, ?::uuid)', createdAt, id));
  }
  return where;
}

const keyOf = (row: SummaryRow): [Date, string] => [new Date(row.created_at), row.id];
