import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { EarlyWarning, SignalDimension } from '@bp/contracts';
import { decodeCursor, pageOf } from '@bp/persistence';
import { RouteParties } from '../../application/route-parties';
import { Rise, SignalWindow, WeeklyCounts } from '../../domain/early-warning';
import { routePartiesTable } from './model-sql';

const WEEK_SECONDS = 7 * 24 * 3600;

interface SignalRow {
  id: string;
  dimension: SignalDimension;
  key: string;
  raised_at: string | Date;
  window_from: string | Date;
  window_to: string | Date;
  last_week: number;
  baseline: number[];
  baseline_mean: number;
  p_value: number;
}

/** The signals raised, and the weekly counts they are raised from. */
@Injectable()
export class EarlyWarnings {
  /**
   * Requests filed per route and per topic in each week of the window, oldest week 0. A request
   * counts on a route when its requesting party and a party it was assigned to both lie on it.
   */
  async weeklyCounts(
    em: EntityManager,
    window: SignalWindow,
    routes: RouteParties,
  ): Promise<WeeklyCounts[]> {
    const week = `floor(extract(epoch from r.submitted_at - ?::timestamptz) / ${WEEK_SECONDS})::int`;
    const inWindow = 'r.submitted_at >= ? and r.submitted_at < ?';
    const rows = await em.execute<
      { dimension: SignalDimension; key: string; week: number; n: string }[]
    >(
      `select 'route' as dimension, rr.route as key, ${week} as week, count(*) as n
         from report_request r join ${routePartiesTable(routes, 'rr')} on rr.party = r.requester_party
        where ${inWindow} and exists (
          select 1 from report_assignment a join ${routePartiesTable(routes, 'ra')}
            on ra.party = a.recipient_party
           where a.rfi_id = r.rfi_id and ra.route = rr.route)
        group by 2, 3
       union all
       select 'topic', t.topic, ${week}, count(*)
         from report_request r cross join unnest(r.topics) as t(topic)
        where ${inWindow}
        group by 2, 3`,
      [
        window.since,
        ...routes.flat(),
        window.since,
        window.to,
        ...routes.flat(),
        window.since,
        window.since,
        window.to,
      ],
    );
    const series = new Map<string, WeeklyCounts & { weeks: number[] }>();
    for (const row of rows) {
      const id = `${row.dimension}:${row.key}`;
      if (!series.has(id))
        series.set(id, {
          dimension: row.dimension,
          key: row.key,
          weeks: Array(window.weeks).fill(0),
        });
      series.get(id)!.weeks[row.week] = Number(row.n);
    }
    return [...series.values()];
  }

  /** Whether the route or topic raised a signal since `since`: one rise is one signal. */
  async raisedSince(
    em: EntityManager,
    rise: Pick<Rise, 'dimension' | 'key'>,
    since: Date,
  ): Promise<boolean> {
    const [row] = await em.execute<{ raised: boolean }[]>(
      `select exists (select 1 from early_warning
        where dimension = ? and key = ? and raised_at > ?) as raised`,
      [rise.dimension, rise.key, since],
    );
    return row?.raised ?? false;
  }

  async add(
    em: EntityManager,
    signal: { id: string; rise: Rise; window: SignalWindow; raisedAt: Date },
  ): Promise<void> {
    const { rise, window } = signal;
    await em.execute(
      `insert into early_warning (id, dimension, key, raised_at, window_from, window_to,
         last_week, baseline, baseline_mean, p_value)
       values (?, ?, ?, ?, ?, ?, ?, ?::integer[], ?, ?)`,
      [
        signal.id,
        rise.dimension,
        rise.key,
        signal.raisedAt,
        window.from,
        window.to,
        rise.lastWeek,
        `{${rise.baseline.join(',')}}`,
        rise.baselineMean,
        rise.pValue,
      ],
    );
  }

  /** Newest first, of one dimension or both; the next page by keyset. */
  async page(
    em: EntityManager,
    filter: { dimension: SignalDimension | null; limit: number; cursor: string | null },
    test: string,
  ) {
    const where = ['true'];
    const params: unknown[] = [];
    if (filter.dimension) {
      where.push('dimension = ?');
      params.push(filter.dimension);
    }
    if (filter.cursor) {
      where.push('(raised_at, id) < (?::timestamptz, ?::uuid)');
      params.push(...decodeCursor(filter.cursor));
    }
    const rows = await em.execute<SignalRow[]>(
      `select * from early_warning where ${where.join(' and ')}
       order by raised_at desc, id desc limit ?`,
      [...params, filter.limit + 1],
    );
    return pageOf(
      rows,
      filter.limit,
      (row) => [new Date(row.raised_at), row.id],
      (row): EarlyWarning => ({
        id: row.id,
        dimension: row.dimension,
        key: row.key,
        raisedAt: new Date(row.raised_at).toISOString(),
        window: {
          from: new Date(row.window_from).toISOString(),
          to: new Date(row.window_to).toISOString(),
        },
        lastWeek: row.last_week,
        baseline: row.baseline,
        baselineMean: row.baseline_mean,
        pValue: row.p_value,
        test,
      }),
    );
  }
}
