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

/** How a row's key is read from a request (filed) and from an assignment (received). */
const KEYS: Record<ResponseHealthGroup, { filed: string; received: string }> = {
  party: { filed: 'r.requester_party', received: 'a.recipient_party' },
  topic: { filed: 'unnest(r.topics)', received: 'unnest(a.topics)' },
  month: {
    filed: `to_char(r.submitted_at at time zone 'UTC', 'YYYY-MM')`,
    received: `to_char(a.assigned_at at time zone 'UTC', 'YYYY-MM')`,
  },
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
    const hours = (to: string, less = '0') =>
      `(extract(epoch from (${to} - assigned_at)) * 1000 - ${less}) / 3600000.0`;
    const rows = await em.execute<Row[]>(
      `with filed as (
         select key, count(*) as filed from (
           select ${keys.filed} as key from report_request r ${where(requestWhere)}
         ) f ${keyFilter} group by key
       ),
       received as (
         select key,
           count(*) as received,
           count(acknowledged_at) as acknowledged,
           count(responded_at) as responded,
           count(declined_at) as declined,
           percentile_cont(0.5) within group (order by ${hours('acknowledged_at')})
             filter (where acknowledged_at is not null) as ack_median,
           percentile_cont(0.9) within group (order by ${hours('acknowledged_at')})
             filter (where acknowledged_at is not null) as ack_p90,
           percentile_cont(0.5) within group (order by ${hours('responded_at', 'paused_ms')})
             filter (where responded_at is not null) as respond_median,
           percentile_cont(0.9) within group (order by ${hours('responded_at', 'paused_ms')})
             filter (where responded_at is not null) as respond_p90,
           count(*) filter (where responded_on_time) as on_time,
           count(*) filter (where ${overdueNow('x')}) as overdue_now
         from (
           select ${keys.received} as key, a.* from report_assignment a ${where(assignmentWhere)}
         ) x ${keyFilter} group by key
       )
       select coalesce(f.key, r.key) as key, f.filed, r.received, r.acknowledged, r.responded,
         r.declined, r.ack_median, r.ack_p90, r.respond_median, r.respond_p90, r.on_time,
         r.overdue_now
       from filed f full join received r on r.key = f.key
       order by 1`,
      [...requestParams, ...keyParams, filter.now, ...assignmentParams, ...keyParams],
    );
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
