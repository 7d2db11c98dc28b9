import { HttpException } from '@nestjs/common';
import { ChartSpec, DomainError } from '@bp/contracts';
import { pointsOf, svgChart } from './svg-chart';

const bars = (n: number): ChartSpec =>
  ({
    width: 200,
    data: { values: Array.from({ length: n }, (_, i) => ({ key: `K${i}`, value: i })) },
    mark: 'bar',
    encoding: {
      y: { field: 'key', type: 'nominal' },
      x: { field: 'value', type: 'quantitative' },
    },
  }) as ChartSpec;

describe('drawing a chart on the gateway', () => {
  it('counts the points of a chart, its layers’ included', () => {
    expect(pointsOf(bars(3))).toBe(3);
    expect(pointsOf({ layer: [bars(2), { data: { values: [1, 2, 3] } }, { mark: 'rule' }] })).toBe(
      5,
    );
  });

  it('refuses a chart of more points than the limit, naming CSV instead', async () => {
    const refusal = await svgChart(bars(11), { maxPoints: 10, maxWaiting: 4 }).catch(
      (error: unknown) => error,
    );
    expect(refusal).toBeInstanceOf(DomainError);
    expect(refusal).toMatchObject({ code: 'CHART.TOO_LARGE', kind: 'VALIDATION' });
    expect((refusal as Error).message).toContain('text/csv');
    await expect(svgChart(bars(10), { maxPoints: 10, maxWaiting: 4 })).resolves.toMatch(/^<svg/);
  });

  it('draws one chart at a time and refuses callers beyond the few that may wait', async () => {
    const limits = { maxPoints: 100, maxWaiting: 2 };
    const outcomes = await Promise.allSettled([1, 2, 3, 4].map(() => svgChart(bars(5), limits)));
    expect(outcomes.map((o) => o.status)).toEqual([
      'fulfilled',
      'fulfilled',
      'rejected',
      'rejected',
    ]);
    const busy = (outcomes[2] as PromiseRejectedResult).reason as HttpException;
    expect(busy.getStatus()).toBe(503);
    // Once they are drawn, there is room again.
    await expect(svgChart(bars(5), limits)).resolves.toMatch(/^<svg/);
  });
});
