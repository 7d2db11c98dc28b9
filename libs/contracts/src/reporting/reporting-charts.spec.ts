import { ResponseHealthReport, ResponseHealthRow } from './reporting-inputs';
import { deploymentsChart, knowledgeExchangeChart, responseHealthChart } from './reporting-charts';
import { responseHealthFigures } from '../../../../test/support/statistics-fixtures';

// The specifications only: apps/gateway's representations.spec.ts renders them.

const row = (key: string, filed: number, received: number): ResponseHealthRow => ({
  key,
  ...responseHealthFigures(filed, received),
});

const health = (groupBy: ResponseHealthReport['groupBy'], rows: ResponseHealthRow[]) =>
  ({ from: '2025-11-15', to: '2026-02-28', groupBy, rows }) as ResponseHealthReport;

const valuesOf = (spec: object) => (spec as { data: { values: unknown[] } }).data.values;

describe('the statistics charts (Vega-Lite specifications)', () => {
  it('titles each chart with what it shows and the window it counts, 640 px wide in all', () => {
    const charts = [
      responseHealthChart(health('party', [])),
      responseHealthChart({ ...health('month', []), from: null }),
      deploymentsChart({
        from: '2026-01',
        to: '2026-12',
        groupBy: 'sending',
        rows: [],
        routePartiesWithoutOfficers: [],
      }),
      knowledgeExchangeChart({ from: null, to: null, groupBy: 'topic', rows: [] }),
    ];
    const frames = charts.map((chart) => chart as { title: unknown; width: number });
    expect(frames.map((chart) => [chart.title, chart.width])).toEqual([
      [
        expect.objectContaining({
          text: 'On-time rate of first responses, by party',
          subtitle: '2025-11-15 – 2026-02-28 (UTC)',
        }),
        640,
      ],
      [
        expect.objectContaining({
          text: 'Requests filed and assignments received, per month',
          subtitle: 'until 2026-02-28 (UTC)',
        }),
        640,
      ],
      [
        expect.objectContaining({
          text: 'Liaison officers on post per month, by sending party',
          subtitle: '2026-01 – 2026-12 (UTC)',
        }),
        640,
      ],
      [
        expect.objectContaining({
          text: 'Knowledge exchange: needs, matched and completed, by topic',
          subtitle: 'all time',
        }),
        640,
      ],
    ]);
  });

  it('draws a month without a row between two rows as 0, across a new year', () => {
    const chart = responseHealthChart(
      health('month', [row('2026-02', 1, 2), row('2025-11', 3, 4)]),
    );
    expect(valuesOf(chart)).toEqual([
      { month: '2025-11', series: 'requests filed', count: 3 },
      { month: '2025-11', series: 'assignments received', count: 4 },
      { month: '2025-12', series: 'requests filed', count: 0 },
      { month: '2025-12', series: 'assignments received', count: 0 },
      { month: '2026-01', series: 'requests filed', count: 0 },
      { month: '2026-01', series: 'assignments received', count: 0 },
      { month: '2026-02', series: 'requests filed', count: 1 },
      { month: '2026-02', series: 'assignments received', count: 2 },
    ]);
  });

  it('keeps a row without an on-time rate on the axis, with a note and no bar', () => {
    const rated = { ...row('SRB', 1, 2), onTimeRate: 0.5 };
    const chart = responseHealthChart(health('topic', [rated, row('PAK', 1, 0)])) as {
      encoding: { y: { scale: { domain: string[] } } };
      layer: { data: { values: unknown[] } }[];
    };
    expect(chart.encoding.y.scale.domain).toEqual(['SRB', 'PAK']);
    expect(chart.layer.map((layer) => layer.data.values)).toEqual([
      [{ key: 'SRB', rate: 0.5 }],
      [{ key: 'PAK', rate: null }],
    ]);
  });
});
