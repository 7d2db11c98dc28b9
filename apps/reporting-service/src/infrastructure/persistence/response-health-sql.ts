import { ResponseHealthGroup, ResponseHealthRow } from '@bp/contracts';
import { StatisticsScope } from '../../domain/statistics-scope';

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

/** A half-open span of time; a null bound is open. */
export interface Span {
  from: Date | null;
  to: Date | null;
}

/**
 * How a row's key is read from a request (filed) and from an assignment (received), and shown. A
 * month is grouped by its first moment (cheaper per row than formatting each) and shown as
 * YYYY-MM, which sorts as the moments do.
 */
export const KEYS: Record<
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

/** The one party whose figures the answer holds, if any: a focal point's own, whatever it asked. */
export function partyOf(filter: ResponseHealthFilter): string | null {
  return filter.scope.kind === 'ONE_PARTY' ? filter.scope.party : filter.party;
}

export interface Conditions {
  where: string;
  params: unknown[];
}

/**
 * The rows of requests (`r`) or received assignments (`a`) in any of `spans` and of the filter's
 * party and topic, as a where clause and its values.
 */
export function healthConditions(
  side: 'request' | 'assignment',
  filter: ResponseHealthFilter,
  spans: readonly Span[],
): Conditions {
  const [alias, at, partyColumn] =
    side === 'request'
      ? ['r', 'r.submitted_at', 'r.requester_party']
      : ['a', 'a.assigned_at', 'a.recipient_party'];
  const conditions: string[] = side === 'assignment' ? ['not a.via_officer'] : [];
  const params: unknown[] = [];
  const bound = (condition: string, value: unknown) => {
    params.push(value);
    return condition;
  };
  const bounded = spans.filter((span) => span.from || span.to);
  if (bounded.length === spans.length && bounded.length) {
    const parts = bounded.map((span) => {
      const part: string[] = [];
      if (span.from) part.push(bound(`${at} >= ?`, span.from));
      if (span.to) part.push(bound(`${at} < ?`, span.to));
      return `(${part.join(' and ')})`;
    });
    conditions.push(`(${parts.join(' or ')})`);
  }
  const party = partyOf(filter);
  if (party) conditions.push(bound(`${partyColumn} = ?`, party));
  if (filter.topic) conditions.push(bound(`? = any(${alias}.topics)`, filter.topic));
  return { where: conditions.length ? `where ${conditions.join(' and ')}` : '', params };
}

/** Under groupBy=topic a topic filter keeps only that topic's rows (not the request's others). */
export function keyFilter(filter: ResponseHealthFilter): Conditions {
  return filter.groupBy === 'topic' && filter.topic
    ? { where: 'where key = ?', params: [filter.topic] }
    : { where: '', params: [] };
}

/** What a row of the answer counts, before its rates and percentiles are worked out. */
export type HealthCounts = Pick<
  ResponseHealthRow,
  'key' | 'filed' | 'received' | 'acknowledged' | 'responded' | 'declined' | 'overdueNow'
> & { onTime: number };

export interface HealthPercentiles {
  ackMedian: number | null;
  ackP90: number | null;
  respondMedian: number | null;
  respondP90: number | null;
}

export function healthRow(counts: HealthCounts, hours: HealthPercentiles): ResponseHealthRow {
  const { responded } = counts;
  return {
    key: counts.key,
    filed: counts.filed,
    received: counts.received,
    acknowledged: counts.acknowledged,
    responded,
    declined: counts.declined,
    hoursToAcknowledge: { median: rounded(hours.ackMedian), p90: rounded(hours.ackP90) },
    hoursToRespond: { median: rounded(hours.respondMedian), p90: rounded(hours.respondP90) },
    onTimeRate: responded ? Math.round((counts.onTime / responded) * 10_000) / 10_000 : null,
    overdueNow: counts.overdueNow,
  };
}

/** Hours to two decimals (36 seconds): finer is noise in a report. */
const rounded = (hours: number | null) =>
  hours === null ? null : Math.round(Number(hours) * 100) / 100;
