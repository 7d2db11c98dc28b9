import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { ResponseHealthRow } from '@bp/contracts';
import { overdueNow } from './model-sql';
import {
  KEYS,
  ResponseHealthFilter,
  healthConditions,
  healthRow,
  keyFilter,
} from './response-health-sql';

/**
 * Hours from an interval on the recipient's clock (the pause already taken off it): numeric, then
 * double precision, as percentile_cont's input was computed per row before, so the figures stay
 * the same to the last digit.
 */
const hoursOf = (interval: string) =>
  `((extract(epoch from ${interval}) * 1000) / 3600000.0)::float8`;

/**
 * percentile_cont(p) of hoursOf over `array`, sorted ascending, computed as PostgreSQL's
 * percentile_cont computes it (orderedsetaggs.c: the rows at floor and ceil of p × (n - 1), and
 * lo + (pct × (hi - lo)) in double precision between them); null when the array is empty. hoursOf
 * only rises with the interval, so the k-th interval gives the k-th hours value, and only the two
 * picked values go through the (costly) numeric conversion instead of every row's.
 */
const percentile = (array: string, p: number) => {
  const at = (row: string) => hoursOf(`${array}[${row} + 1]`);
  return `(select case when s.hi > s.lo then ${at('s.lo')} + ((s.pos - s.lo) * (${at('s.hi')} - ${at('s.lo')}))
      else ${at('s.lo')} end
    from (select pos, floor(pos)::int as lo, ceil(pos)::int as hi
          from (select ${p}::float8 * (cardinality(${array}) - 1) as pos) q) s
    where cardinality(${array}) > 0)`;
};

interface Row {
  key: string;
  filed: string | null;
  received: string | null;
  acknowledged: string | null;
  responded: string | null;
  declined: string | null;
  ack_median: number | null;
  ack_p90: number | null;
  respond_median: number | null;
  respond_p90: number | null;
  on_time: string | null;
  overdue_now: string | null;
}

/**
 * Response health in one statement. A party's figures count what it filed (as requester) and what
 * it received (its own assignments, not those of officers posted with it); under a one-party scope
 * nothing else enters, so no figure tells a focal point of requests between two other parties. The
 * rules of "acknowledged", "on time" and "overdue now" are the domain's (assignment-record.ts),
 * kept in the rows or in SQL (model-sql.ts) so that a million assignments are counted where they lie.
 *
 * Made for a million requests (test/bench/RESULTS.md, --statistics): the assignments are counted in
 * one hashed pass that keeps each key's raw times to acknowledge and respond as intervals, each
 * key's intervals are sorted once, and only the values the percentiles pick are turned into hours.
 */
@Injectable()
export class ResponseHealthQueryRunner {
  async run(em: EntityManager, filter: ResponseHealthFilter): Promise<ResponseHealthRow[]> {
    const keys = KEYS[filter.groupBy];
    const window = [{ from: filter.from, to: filter.to }];
    const requests = healthConditions('request', filter, window);
    const assignments = healthConditions('assignment', filter, window);
    const byKey = keyFilter(filter);
    const sql = `with filed as (
         select key, count(*) as filed from (
           select ${keys.filed} as key from report_request r ${requests.where}
         ) f ${byKey.where} group by key
       ),
       received as (
         select key,
           count(*) as received,
           count(ack) as acknowledged,
           count(respond) as responded,
           count(*) filter (where declined) as declined,
           array_agg(ack) filter (where ack is not null) as acks,
           array_agg(respond) filter (where respond is not null) as responds,
           count(*) filter (where on_time) as on_time,
           count(*) filter (where overdue) as overdue_now
         from (
           select ${keys.received} as key,
             a.acknowledged_at - a.assigned_at as ack,
             a.responded_at - a.assigned_at - a.paused_ms * interval '1 millisecond' as respond,
             a.declined_at is not null as declined,
             a.responded_on_time as on_time,
             ${overdueNow('a')} as overdue
           from report_assignment a ${assignments.where}
         ) x ${byKey.where} group by key
       ),
       sorted as (
         select key, received, acknowledged, responded, declined, on_time, overdue_now,
           array(select v from unnest(acks) v order by v) as acks,
           array(select v from unnest(responds) v order by v) as responds
         from received
       )
       select ${keys.shown('coalesce(f.key, r.key)')} as key, f.filed, r.received, r.acknowledged,
         r.responded, r.declined,
         ${percentile('r.acks', 0.5)} as ack_median, ${percentile('r.acks', 0.9)} as ack_p90,
         ${percentile('r.responds', 0.5)} as respond_median,
         ${percentile('r.responds', 0.9)} as respond_p90,
         r.on_time, r.overdue_now
       from filed f full join sorted r on r.key = f.key
       order by coalesce(f.key, r.key)`;
    const params = [
      ...requests.params,
      ...byKey.params,
      filter.now,
      ...assignments.params,
      ...byKey.params,
    ];
    // On a 3-year window the planner's estimate of the months sets off JIT compilation, which
    // took longer than the query (up to 2 s): off for this statement's transaction only.
    const rows = await em.transactional(async (tx) => {
      await tx.execute(`select set_config('jit', 'off', true)`);
      return tx.execute<Row[]>(sql, params);
    });
    return rows.map(rowOf);
  }
}

function rowOf(row: Row): ResponseHealthRow {
  const count = (value: string | null) => Number(value ?? 0);
  return healthRow(
    {
      key: row.key,
      filed: count(row.filed),
      received: count(row.received),
      acknowledged: count(row.acknowledged),
      responded: count(row.responded),
      declined: count(row.declined),
      onTime: count(row.on_time),
      overdueNow: count(row.overdue_now),
    },
    {
      ackMedian: row.ack_median,
      ackP90: row.ack_p90,
      respondMedian: row.respond_median,
      respondP90: row.respond_p90,
    },
  );
}
