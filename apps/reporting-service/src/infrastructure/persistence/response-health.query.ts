import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { ResponseHealthGroup, ResponseHealthRow } from '@bp/contracts';
import { StatisticsScope } from '../../domain/statistics-scope';
import { overdueNow } from './model-sql';

export interface ResponseHealthFilter {
  scope: StatisticsScope;
  /** Half-open: [from, to). */
  from: Date | null;
  to: Date | null;
  party: string | null;
  topic: string | null;
  groupBy: ResponseHealthGroup;
  now: Date;
}

/**
 * How a row's key is read from a request (filed) and from an assignment (received), and shown. A
 * month is grouped by its first moment (cheaper per row than formatting each) and shown as
 * YYYY-MM, which sorts as the moments do.
 */
const KEYS: Record<
  ResponseHealthGroup,
  { filed: string; received: string; shown: (key: string) => string }
> = {
  party: { filed: 'r.requester_party', received: 'a.recipient_party', shown: (key) => key },
  topic: { filed: 'unnest(r.topics)', received: 'unnest(a.topics)', shown: (key) => key },
  month: {
    filed: `date_trunc('month', r.submitted_at at time zone 'UTC')`,
    received: `date_trunc('month', a.assigned_at at time zone 'UTC')`,
    shown: (key) => `to_char(${key}, 'YYYY-MM')`,
  },
};

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
    const party = filter.scope.kind === 'ONE_PARTY' ? filter.scope.party : filter.party;
    const keys = KEYS[filter.groupBy];
    const requestWhere: string[] = [];
    const assignmentWhere: string[] = ['not a.via_officer'];
    const requestParams: unknown[] = [];
    const assignmentParams: unknown[] = [];
    if (filter.from) {
      requestWhere.push('r.submitted_at >= ?');
      requestParams.push(filter.from);
      assignmentWhere.push('a.assigned_at >= ?');
      assignmentParams.push(filter.from);
    }
    if (filter.to) {
      requestWhere.push('r.submitted_at < ?');
      requestParams.push(filter.to);
      assignmentWhere.push('a.assigned_at < ?');
      assignmentParams.push(filter.to);
    }
    if (party) {
      requestWhere.push('r.requester_party = ?');
      requestParams.push(party);
      assignmentWhere.push('a.recipient_party = ?');
      assignmentParams.push(party);
    }
    if (filter.topic) {
      requestWhere.push('? = any(r.topics)');
      requestParams.push(filter.topic);
      assignmentWhere.push('? = any(a.topics)');
      assignmentParams.push(filter.topic);
    }
    const where = (conditions: string[]) =>
      conditions.length ? `where ${conditions.join(' and ')}` : '';
    // Under groupBy=topic the filter names one topic; rows of the request's other topics go.
    const keyFilter = filter.groupBy === 'topic' && filter.topic ? 'where key = ?' : '';
    const keyParams = keyFilter ? [filter.topic] : [];
    const sql = `with filed as (
         select key, count(*) as filed from (
           select ${keys.filed} as key from report_request r ${where(requestWhere)}
         ) f ${keyFilter} group by key
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
           from report_assignment a ${where(assignmentWhere)}
         ) x ${keyFilter} group by key
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
    const params = [...requestParams, ...keyParams, filter.now, ...assignmentParams, ...keyParams];
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
  const responded = count(row.responded);
  return {
    key: row.key,
    filed: count(row.filed),
    received: count(row.received),
    acknowledged: count(row.acknowledged),
    responded,
    declined: count(row.declined),
    hoursToAcknowledge: { median: rounded(row.ack_median), p90: rounded(row.ack_p90) },
    hoursToRespond: { median: rounded(row.respond_median), p90: rounded(row.respond_p90) },
    onTimeRate: responded ? Math.round((count(row.on_time) / responded) * 10_000) / 10_000 : null,
    overdueNow: count(row.overdue_now),
  };
}

/** Hours to two decimals (36 seconds): finer is noise in a report. */
const rounded = (hours: number | null) =>
  hours === null ? null : Math.round(Number(hours) * 100) / 100;
