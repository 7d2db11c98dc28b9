import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { DeploymentGroup, DeploymentStatisticsRow } from '@bp/contracts';

import { RouteParties } from '../../application/route-parties';
import { routePartiesTable } from './model-sql';

/**
 * Officers on post per month, counted where the postings lie. "On post during a month" is the
 * domain's wasOnPostDuring (domain/posting-record.ts): started before the month's end, not ended
 * before its start.
 */
@Injectable()
export class DeploymentStatisticsQueryRunner {
  async officersOnPost(
    em: EntityManager,
    filter: { from: Date; to: Date; groupBy: DeploymentGroup; routes: RouteParties },
  ): Promise<DeploymentStatisticsRow[]> {
    const byRoute = filter.groupBy === 'route';
    const key = byRoute
      ? 'rp.route'
      : filter.groupBy === 'host'
        ? 'p.host_party'
        : 'p.sending_party';
    const routeJoin = byRoute
      ? `join ${routePartiesTable(filter.routes, 'rp')} on rp.party = p.host_party`
      : '';
    const rows = await em.execute<{ key: string; month: string; officers: string }[]>(
      `with months as (
         select m as month_start, m + interval '1 month' as month_end
         from generate_series(?::timestamptz, ?::timestamptz, interval '1 month') m
       )
       select ${key} as key, to_char(m.month_start at time zone 'UTC', 'YYYY-MM') as month,
         count(distinct p.officer_id) filter (where p.activated_at < m.month_end
           and (p.ended_at is null or p.ended_at >= m.month_start)) as officers
       from report_posting p ${routeJoin} cross join months m
       where p.activated_at is not null and p.activated_at < ?
         and (p.ended_at is null or p.ended_at >= ?)
       group by 1, 2 order by 1, 2`,
      [
        filter.from,
        filter.to,
        ...(byRoute ? filter.routes.flat() : []),
        monthAfter(filter.to),
        filter.from,
      ],
    );
    const rowsByKey = new Map<string, DeploymentStatisticsRow>();
    for (const row of rows) {
      const entry = rowsByKey.get(row.key) ?? { key: row.key, officersOnPost: [] };
      entry.officersOnPost.push({ month: row.month, officers: Number(row.officers) });
      rowsByKey.set(row.key, entry);
    }
    return [...rowsByKey.values()];
  }

  /** The parties hosting an officer on post now. */
  async hostsNow(em: EntityManager): Promise<Set<string>> {
    const rows = await em.execute<{ host_party: string }[]>(
      `select distinct host_party from report_posting
       where activated_at is not null and ended_at is null`,
    );
    return new Set(rows.map((row) => row.host_party));
  }
}

function monthAfter(monthStart: Date): Date {
  return new Date(Date.UTC(monthStart.getUTCFullYear(), monthStart.getUTCMonth() + 1, 1));
}
