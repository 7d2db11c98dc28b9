import type { ChartSpec } from '../commands/chart-representation';
import { COUNT_AXIS, bandsHeight, chartFrame } from './chart-frame';
import {
  DeploymentGroup,
  DeploymentStatistics,
  ExchangeGroup,
  ExchangeStatistics,
  ResponseHealthGroup,
  ResponseHealthReport,
} from './reporting-inputs';

// The statistics as charts (Accept: image/svg+xml). Every label and value comes from the answer
// the caller was given; the rows keep the order the service answered them in.

const ROW_TITLE: Record<ResponseHealthGroup | DeploymentGroup | ExchangeGroup, string> = {
  party: 'Party',
  topic: 'Topic',
  month: 'Month',
  host: 'Host party',
  sending: 'Sending party',
  route: 'Migration route',
  type: 'Exchange type',
};

/** A month `YYYY-MM` as the first instant of it in UTC, shown as `YYYY-MM` whatever the server's zone. */
const MONTH_PARSE = { month: "utc:'%Y-%m'" } as const;
const MONTH_AXIS = {
  field: 'month',
  type: 'temporal',
  timeUnit: 'utcyearmonth',
  title: 'Month',
  axis: { format: '%Y-%m' },
} as const;

/** By party or topic: the on-time rate per row; by month: requests filed and received. */
export function responseHealthChart(answer: ResponseHealthReport): ChartSpec {
  return answer.groupBy === 'month' ? requestsPerMonth(answer) : onTimeRates(answer);
}

/**
 * A row without a first response has no rate: it keeps its place on the axis with a note instead
 * of a bar, so that it does not read as 0 %.
 */
function onTimeRates(answer: ResponseHealthReport): ChartSpec {
  const rows = answer.rows.map(({ key, onTimeRate }) => ({ key, rate: onTimeRate }));
  return {
    ...chartFrame(`On-time rate of first responses, by ${answer.groupBy}`, answer),
    height: bandsHeight(rows.length, 20),
    encoding: {
      y: {
        field: 'key',
        type: 'nominal',
        title: ROW_TITLE[answer.groupBy],
        scale: { domain: rows.map((row) => row.key) },
      },
    },
    layer: [
      {
        data: { values: rows.filter((row) => row.rate !== null) },
        mark: 'bar',
        encoding: {
          x: {
            field: 'rate',
            type: 'quantitative',
            title: 'First responses by their due time',
            scale: { domain: [0, 1] },
            axis: { format: '.0%' },
          },
        },
      },
      {
        data: { values: rows.filter((row) => row.rate === null) },
        mark: { type: 'text', align: 'left', dx: 4, color: 'gray' },
        encoding: { x: { datum: 0, type: 'quantitative' }, text: { value: 'no first response' } },
      },
    ],
  };
}

/**
 * A month between two rows that has no row of its own had nothing filed or received: it is drawn
 * as 0, so that no line runs straight across it. Only between the first and the last row, so the
 * drawing grows with the data, never with a wide window.
 */
function requestsPerMonth(answer: ResponseHealthReport): ChartSpec {
  const series = ['requests filed', 'assignments received'];
  const byMonth = new Map(answer.rows.map((row) => [row.key, row]));
  const keys = [...byMonth.keys()].sort();
  const months = keys.length ? monthsFromTo(keys[0]!, keys[keys.length - 1]!) : [];
  const values = months.flatMap((month) => [
    { month, series: series[0], count: byMonth.get(month)?.filed ?? 0 },
    { month, series: series[1], count: byMonth.get(month)?.received ?? 0 },
  ]);
  return {
    ...chartFrame('Requests filed and assignments received, per month', answer),
    height: 280,
    data: { values, format: { parse: MONTH_PARSE } },
    mark: { type: 'line', point: true },
    encoding: {
      x: MONTH_AXIS,
      y: {
        field: 'count',
        type: 'quantitative',
        title: 'Requests / assignments',
        axis: COUNT_AXIS,
      },
      color: { field: 'series', type: 'nominal', title: null, sort: series },
    },
  };
}

/** One line per host party, sending party or route. */
export function deploymentsChart(answer: DeploymentStatistics): ChartSpec {
  const values = answer.rows.flatMap(({ key, officersOnPost }) =>
    officersOnPost.map(({ month, officers }) => ({ key, month, officers })),
  );
  return {
    ...chartFrame(
      `Liaison officers on post per month, by ${ROW_TITLE[answer.groupBy].toLowerCase()}`,
      answer,
    ),
    height: 280,
    data: { values, format: { parse: MONTH_PARSE } },
    mark: { type: 'line', point: true },
    encoding: {
      x: MONTH_AXIS,
      y: { field: 'officers', type: 'quantitative', title: 'Officers on post', axis: COUNT_AXIS },
      color: {
        field: 'key',
        type: 'nominal',
        title: ROW_TITLE[answer.groupBy],
        sort: answer.rows.map((row) => row.key),
        // Twenty hues before they repeat: a route or a region has more than ten parties.
        scale: { scheme: 'tableau20' },
      },
    },
  };
}

/** Per exchange type or topic, side by side: needs posted, needs matched, exchanges completed. */
export function knowledgeExchangeChart(answer: ExchangeStatistics): ChartSpec {
  const measures = ['needs', 'matched', 'completed'];
  const values = answer.rows.flatMap(({ key, needs, matched, completed }) => [
    { key, measure: measures[0], count: needs },
    { key, measure: measures[1], count: matched },
    { key, measure: measures[2], count: completed },
  ]);
  return {
    ...chartFrame(`Knowledge exchange: needs, matched and completed, by ${answer.groupBy}`, answer),
    height: bandsHeight(answer.rows.length, 36),
    data: { values },
    mark: 'bar',
    encoding: {
      y: {
        field: 'key',
        type: 'nominal',
        title: ROW_TITLE[answer.groupBy],
        scale: { domain: answer.rows.map((row) => row.key) },
      },
      yOffset: { field: 'measure', type: 'nominal', sort: measures },
      x: { field: 'count', type: 'quantitative', title: 'Exchanges', axis: COUNT_AXIS },
      color: { field: 'measure', type: 'nominal', title: null, sort: measures },
    },
  };
}

/** Every month `YYYY-MM` from `first` to `last`, both included. */
function monthsFromTo(first: string, last: string): string[] {
  const months: string[] = [];
  const at = new Date(`${first}-01T00:00:00Z`);
  for (let month = first; month <= last; month = at.toISOString().slice(0, 7)) {
    months.push(month);
    at.setUTCMonth(at.getUTCMonth() + 1);
  }
  return months;
}
