import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { DURATION_HISTOGRAM } from '../../domain/duration-histogram';
import { MonthSplit, splitByMonth } from '../../domain/month-split';
import { overdueNow } from './model-sql';
import {
  HealthCounts,
  KEYS,
  ResponseHealthFilter,
  Span,
  healthConditions,
  keyFilter,
  partyOf,
} from './response-health-sql';

/** A row of the answer with its durations counted in buckets (index = bucket). */
export interface CountedRow extends HealthCounts {
  ackHours: Float64Array;
  respondHours: Float64Array;
}

/** A month's cell as read: its counts, and its buckets as array_to_string wrote them. */
type CellRow = Omit<HealthCounts, 'onTime' | 'overdueNow'> & {
  on_time: number;
  ack_hours: string;
  respond_hours: string;
};

interface EdgeRow {
  key: string;
  side: 'ack' | 'respond';
  bucket: number;
  received: string;
  declined: string;
  on_time: string;
}

/**
 * Response health as counts and bucketed durations: the whole months of the window from the
 * monthly cells (health-cells.migration.ts), the days around them and "overdue now" from the rows.
 * Which cells a caller reads follows its scope as the rows do: a focal point reads its own
 * party's cells only, never the all-parties ones.
 */
@Injectable()
export class HealthCellsQuery {
  /**
   * How many received assignments the answer counts (an assignment once per topic under
   * groupBy=topic): the whole months' cells summed and the edges' rows counted, no more.
   */
  async receivedIn(
    em: EntityManager,
    filter: ResponseHealthFilter,
    split: MonthSplit,
  ): Promise<number> {
    let received = 0;
    if (split.months) {
      const cells = this.cellSelection(filter, split.months);
      const [row] = await em.execute<{ n: string | null }[]>(
        `select sum(received) as n from report_health_cell where ${cells.where}`,
        cells.params,
      );
      received += Number(row?.n ?? 0);
    }
    if (split.edges.length) {
      const assignments = healthConditions('assignment', filter, split.edges);
      const [row] = await em.execute<{ n: string }[]>(
        `select count(*) as n from report_assignment a ${assignments.where}`,
        assignments.params,
      );
      received += Number(row!.n);
    }
    return received;
  }

  async run(
    em: EntityManager,
    filter: ResponseHealthFilter,
    split: MonthSplit,
  ): Promise<CountedRow[]> {
    const rows = new Map<string, CountedRow>();
    const rowOf = (key: string) => {
      let row = rows.get(key);
      if (!row) rows.set(key, (row = emptyRow(key)));
      return row;
    };
    if (split.months)
      for (const cell of await this.cells(em, filter, split.months)) add(rowOf(cell.key), cell);
    if (split.edges.length) {
      for (const edge of await this.filedAtEdges(em, filter, split.edges))
        rowOf(edge.key).filed += Number(edge.filed);
      for (const edge of await this.receivedAtEdges(em, filter, split.edges)) {
        const row = rowOf(edge.key);
        const n = Number(edge.received);
        if (edge.side === 'ack') {
          row.received += n;
          if (edge.bucket > 0) row.acknowledged += n;
          row.declined += Number(edge.declined);
          row.onTime += Number(edge.on_time);
          row.ackHours[edge.bucket]! += n;
        } else {
          if (edge.bucket > 0) row.responded += n;
          row.respondHours[edge.bucket]! += n;
        }
      }
    }
    for (const overdue of await this.overdue(em, filter))
      rowOf(overdue.key).overdueNow = Number(overdue.n);
    return [...rows.values()]
      .filter((row) => row.filed || row.received)
      .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  }

  /**
   * The window's whole months and edges; its last month whole when no request or assignment is
   * recorded at or after its end (two probes of the time indexes), as for today's figures.
   */
  async split(em: EntityManager, filter: ResponseHealthFilter): Promise<MonthSplit> {
    if (!filter.to) return splitByMonth(filter.from, null);
    const [row] = await em.execute<{ later: boolean }[]>(
      `select exists (select 1 from report_request where submitted_at >= ?)
         or exists (select 1 from report_assignment where assigned_at >= ?) as later`,
      [filter.to, filter.to],
    );
    return splitByMonth(filter.from, filter.to, !row!.later);
  }

  /** The cells of the whole months: one per key and month, summed here. */
  private cells(em: EntityManager, filter: ResponseHealthFilter, months: Span): Promise<CellRow[]> {
    const cells = this.cellSelection(filter, months);
    return em.execute<CellRow[]>(
      `select ${cells.key} as key, filed, received, acknowledged, responded, declined, on_time,
         array_to_string(ack_hours, ',') as ack_hours, array_to_string(respond_hours, ',') as respond_hours
       from report_health_cell where ${cells.where}`,
      cells.params,
    );
  }

  /**
   * Which cells hold the answer's rows, and the key each gives: a party's own cells ('' for all
   * parties, never read under a one-party scope) under one topic or '' for all topics.
   */
  private cellSelection(
    filter: ResponseHealthFilter,
    months: Span,
  ): { key: string; where: string; params: unknown[] } {
    const party = partyOf(filter);
    const topic = filter.topic ?? '';
    const [key, conditions, params]: [string, string, unknown[]] =
      filter.groupBy === 'party'
        ? party
          ? ['party', 'party = ? and topic = ?', [party, topic]]
          : ['party', `party <> '' and topic = ?`, [topic]]
        : filter.groupBy === 'topic'
          ? filter.topic
            ? ['topic', 'party = ? and topic = ?', [party ?? '', topic]]
            : ['topic', `party = ? and topic <> ''`, [party ?? '']]
          : [`to_char(month, 'YYYY-MM')`, 'party = ? and topic = ?', [party ?? '', topic]];
    const where = [conditions];
    if (months.from) {
      where.push('month >= ?');
      params.push(months.from);
    }
    if (months.to) {
      where.push('month < ?');
      params.push(months.to);
    }
    return { key, where: where.join(' and '), params };
  }

  private filedAtEdges(
    em: EntityManager,
    filter: ResponseHealthFilter,
    edges: Span[],
  ): Promise<{ key: string; filed: string }[]> {
    const keys = KEYS[filter.groupBy];
    const requests = healthConditions('request', filter, edges);
    const byKey = keyFilter(filter);
    return em.execute(
      `select ${keys.shown('key')} as key, count(*) as filed from (
         select ${keys.filed} as key from report_request r ${requests.where}
       ) f ${byKey.where} group by key`,
      [...requests.params, ...byKey.params],
    );
  }

  /**
   * Per key, the edges' assignments by bucket of the time to acknowledge (with how many were
   * declined and on time) and by bucket of the time to respond.
   */
  private receivedAtEdges(
    em: EntityManager,
    filter: ResponseHealthFilter,
    edges: Span[],
  ): Promise<EdgeRow[]> {
    const keys = KEYS[filter.groupBy];
    const assignments = healthConditions('assignment', filter, edges);
    const byKey = keyFilter(filter);
    return em.execute(
      `select ${keys.shown('key')} as key, case when grouping(ack) = 0 then 'ack' else 'respond' end as side,
         coalesce(ack, respond) as bucket, count(*) as received,
         count(*) filter (where declined) as declined, count(*) filter (where on_time) as on_time
       from (
         select ${keys.received} as key,
           report_health_bucket(a.acknowledged_at - a.assigned_at) as ack,
           report_health_bucket(a.responded_at - a.assigned_at - a.paused_ms * interval '1 millisecond') as respond,
           a.declined_at is not null as declined, coalesce(a.responded_on_time, false) as on_time
         from report_assignment a ${assignments.where}
       ) x ${byKey.where}
       group by grouping sets ((key, ack), (key, respond))`,
      [...assignments.params, ...byKey.params],
    );
  }

  /** Open now, clock running, past due: from the partial index of open assignments. */
  private overdue(
    em: EntityManager,
    filter: ResponseHealthFilter,
  ): Promise<{ key: string; n: string }[]> {
    const keys = KEYS[filter.groupBy];
    const assignments = healthConditions('assignment', filter, [
      { from: filter.from, to: filter.to },
    ]);
    const byKey = keyFilter(filter);
    const where = assignments.where
      ? `${assignments.where} and ${overdueNow('a')}`
      : `where ${overdueNow('a')}`;
    return em.execute(
      `select ${keys.shown('key')} as key, count(*) as n from (
         select ${keys.received} as key from report_assignment a ${where}
       ) x ${byKey.where} group by key`,
      [...assignments.params, filter.now, ...byKey.params],
    );
  }
}

function emptyRow(key: string): CountedRow {
  const buckets = DURATION_HISTOGRAM.last + 1;
  return {
    key,
    filed: 0,
    received: 0,
    acknowledged: 0,
    responded: 0,
    declined: 0,
    onTime: 0,
    overdueNow: 0,
    ackHours: new Float64Array(buckets),
    respondHours: new Float64Array(buckets),
  };
}

function add(row: CountedRow, cell: CellRow): void {
  row.filed += cell.filed;
  row.received += cell.received;
  row.acknowledged += cell.acknowledged;
  row.responded += cell.responded;
  row.declined += cell.declined;
  row.onTime += cell.on_time;
  addCounts(row.ackHours, cell.ack_hours);
  addCounts(row.respondHours, cell.respond_hours);
}

/** Adds a cell's bucket counts, as array_to_string wrote them from bucket 0 on. */
function addCounts(into: Float64Array, text: string): void {
  let bucket = 0;
  let start = 0;
  for (let i = 0; i <= text.length; i += 1) {
    if (i === text.length || text.charCodeAt(i) === 44) {
      if (i > start) into[bucket]! += Number(text.slice(start, i));
      bucket += 1;
      start = i + 1;
    }
  }
}
