import { FastifyReply } from 'fastify';
import {
  ChartSpec,
  CsvRepresentation,
  DeploymentStatistics,
  ExchangeStatistics,
  ReportingCommands,
  ResponseHealthReport,
} from '@bp/contracts';
import { AuthenticatedRequest } from '../auth/auth.decorators';
import { offeredTypes, represent } from './representations';

const TABLE = {
  rows: (answer: { rows: { name: string; score: number | null }[] }) => answer.rows,
  columns: [
    { header: 'name', value: (row: { name: string }) => row.name },
    { header: 'score', value: (row: { score: number | null }) => row.score },
  ],
} as unknown as CsvRepresentation;

const CHART = (answer: { rows: { name: string; score: number | null }[] }): ChartSpec => ({
  title: 'Scores of the parties',
  config: { axis: { labelLimit: 0 } },
  data: { values: answer.rows },
  mark: 'bar',
  encoding: {
    y: { field: 'name', type: 'nominal' },
    x: { field: 'score', type: 'quantitative' },
  },
});

const answer = {
  rows: [
    { name: 'Serbia', score: 0.5 },
    { name: 'a "quoted", name', score: null },
  ],
};

/** Every row has a score to draw. */
const drawn = { rows: answer.rows.map((row) => ({ ...row, score: row.score ?? 0.25 })) };

function exchange(accept?: string) {
  const headers: Record<string, string> = {};
  const reply = {
    header: (name: string, value: string) => {
      headers[name] = value;
      return reply;
    },
  };
  return {
    headers,
    exchange: {
      request: { headers: accept === undefined ? {} : { accept } } as AuthenticatedRequest,
      reply: reply as unknown as FastifyReply,
    },
  };
}

const SVG_HEADERS = { vary: 'Accept', 'content-type': 'image/svg+xml; charset=utf-8' };

/** What an SVG says in words: the text of its `<text>` elements, as written (escaped). */
const textsOf = (svg: string) => [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);

describe('the answer in the representation asked for', () => {
  it('answers CSV (RFC 4180: a header row, CRLF, quoted where needed) when text/csv is preferred', async () => {
    const { headers, exchange: ex } = exchange('text/csv');
    await expect(represent(answer, { csv: TABLE }, ex)).resolves.toBe(
      'name,score\r\nSerbia,0.5\r\n"a ""quoted"", name",\r\n',
    );
    expect(headers).toEqual({ vary: 'Accept', 'content-type': 'text/csv; charset=utf-8' });
  });

  it('keeps JSON without an Accept header, for */*, and when JSON is preferred (q-values count)', async () => {
    for (const accept of [
      undefined,
      '*/*',
      'application/json',
      'text/csv;q=0.5, application/json',
      'image/svg+xml;q=0.5, application/json',
      'image/svg+xml;q=0.5, text/csv;q=0.4, application/json;q=0.6',
    ])
      await expect(
        represent(answer, { csv: TABLE, chart: CHART }, exchange(accept).exchange),
      ).resolves.toBe(answer);
  });

  it('answers JSON for a command without a table or chart, and says nothing of Accept', async () => {
    for (const accept of ['text/csv', 'image/svg+xml']) {
      const { headers, exchange: ex } = exchange(accept);
      await expect(represent(answer, undefined, ex)).resolves.toBe(answer);
      await expect(represent(answer, {}, ex)).resolves.toBe(answer);
      expect(headers).toEqual({});
    }
  });

  it('answers JSON, varying with Accept, for a type the command does not offer', async () => {
    const csvOnly = exchange('image/svg+xml');
    await expect(represent(answer, { csv: TABLE }, csvOnly.exchange)).resolves.toBe(answer);
    expect(csvOnly.headers).toEqual({ vary: 'Accept' });
    const chartOnly = exchange('text/csv');
    await expect(represent(answer, { chart: CHART }, chartOnly.exchange)).resolves.toBe(answer);
    expect(chartOnly.headers).toEqual({ vary: 'Accept' });
  });

  it('picks the type with the higher q-value among those offered', async () => {
    const svg = exchange('text/csv;q=0.3, image/svg+xml;q=0.9, application/json;q=0.5');
    await expect(represent(answer, { csv: TABLE, chart: CHART }, svg.exchange)).resolves.toMatch(
      /^<svg/,
    );
    expect(svg.headers).toEqual(SVG_HEADERS);
    const csv = exchange('text/csv;q=0.9, image/*;q=0.5');
    await expect(represent(answer, { csv: TABLE, chart: CHART }, csv.exchange)).resolves.toMatch(
      /^name,score/,
    );
  });

  it('answers an SVG chart, with its title and every row, when image/svg+xml is preferred', async () => {
    for (const accept of ['image/svg+xml', 'image/*']) {
      const { headers, exchange: ex } = exchange(accept);
      const svg = (await represent(drawn, { csv: TABLE, chart: CHART }, ex)) as string;
      expect(svg).toMatch(/^<svg[^>]* xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
      expect(svg).toMatch(/<\/svg>$/);
      expect(textsOf(svg)).toEqual(
        expect.arrayContaining(['Scores of the parties', 'Serbia', 'a "quoted", name']),
      );
      expect(headers).toEqual(SVG_HEADERS);
    }
  });

  it('writes text from the data as text: no markup, no entity of its own, can come out of it', async () => {
    const hostile = {
      rows: [
        { name: '<script>alert(1)</script>', score: 1 },
        { name: 'A & B "<b>', score: 0.2 },
        { name: '&lt;i&gt;', score: 0.1 },
      ],
    };
    const svg = (await represent(
      hostile,
      { chart: CHART },
      exchange('image/svg+xml').exchange,
    )) as string;
    expect(svg).not.toMatch(/<script|<b>|<i>/i);
    expect(textsOf(svg)).toEqual(
      expect.arrayContaining([
        '&lt;script&gt;alert(1)&lt;/script&gt;',
        'A &amp; B "&lt;b&gt;',
        '&amp;lt;i&amp;gt;',
      ]),
    );
    // Attributes (vega's aria labels repeat the data) are escaped too: none breaks out of its quotes.
    for (const [, value] of svg.matchAll(/="([^"]*)"/g)) expect(value).not.toMatch(/[<>]/);
  });
});

describe('what the gateway offers', () => {
  it('offers JSON, then CSV and SVG where the command declares a table or a chart', () => {
    expect(offeredTypes(undefined)).toEqual(['application/json']);
    expect(offeredTypes({ csv: TABLE })).toEqual(['application/json', 'text/csv']);
    expect(offeredTypes({ csv: TABLE, chart: CHART })).toEqual([
      'application/json',
      'text/csv',
      'image/svg+xml',
    ]);
  });
});

describe('the statistics as charts (the contracts’ charts, rendered)', () => {
  // Vega and Vega-Lite tell of a spec they must guess at or partly drop on the console.
  let warnings: jest.SpyInstance;
  beforeEach(() => (warnings = jest.spyOn(console, 'warn')));
  afterEach(() => {
    expect(warnings).not.toHaveBeenCalled();
    warnings.mockRestore();
  });

  const svgOf = async (http: object | undefined, body: unknown) => {
    const { headers, exchange: ex } = exchange('image/svg+xml');
    const svg = (await represent(body, http, ex)) as string;
    expect(headers).toEqual(SVG_HEADERS);
    expect(svg).toMatch(/^<svg/);
    return { svg, texts: textsOf(svg), width: Number(/^<svg[^>]* width="(\d+)"/.exec(svg)?.[1]) };
  };

  const health = (
    groupBy: ResponseHealthReport['groupBy'],
    keys: string[],
  ): ResponseHealthReport => ({
    from: '2026-01-01',
    to: '2026-06-30',
    groupBy,
    percentiles: 'exact',
    rows: keys.map((key, i) => ({
      key,
      filed: i + 1,
      received: 2 * i,
      acknowledged: i,
      responded: i,
      declined: 0,
      hoursToAcknowledge: { median: null, p90: null },
      hoursToRespond: { median: null, p90: null },
      onTimeRate: i === 1 ? null : 0.25 * (i + 1),
      overdueNow: 0,
    })),
  });

  it('response health by party: on-time rates as a % axis, a row without a rate named, not drawn as 0', async () => {
    const { svg, texts, width } = await svgOf(
      ReportingCommands.responseHealth.http,
      health('party', ['SRB', 'PAK', 'AUT']),
    );
    expect(texts).toEqual(
      expect.arrayContaining([
        'On-time rate of first responses, by party',
        '2026-01-01 – 2026-06-30 (UTC)',
        'Party',
        'First responses by their due time',
        'SRB',
        'PAK',
        'AUT',
        '0%',
        '100%',
        'no first response',
      ]),
    );
    expect(width).toBe(640);
    // Two bars (SRB 25 %, AUT 75 %): PAK has none.
    expect(svg.match(/aria-roledescription="bar"/g)).toHaveLength(2);
  });

  it('response health by month: requests filed and received as lines over the months', async () => {
    const { texts } = await svgOf(
      ReportingCommands.responseHealth.http,
      health('month', ['2026-01', '2026-02', '2026-03']),
    );
    expect(texts).toEqual(
      expect.arrayContaining([
        'Requests filed and assignments received, per month',
        'Month',
        'requests filed',
        'assignments received',
        '2026-01',
        '2026-03',
      ]),
    );
  });

  it('deployments: one line per host, months in UTC', async () => {
    const answer: DeploymentStatistics = {
      from: '2026-01',
      to: '2026-03',
      groupBy: 'host',
      rows: ['SRB', 'HUN'].map((key, i) => ({
        key,
        officersOnPost: ['2026-01', '2026-02', '2026-03'].map((month, m) => ({
          month,
          officers: i + m,
        })),
      })),
      routePartiesWithoutOfficers: [],
    };
    const { texts, width } = await svgOf(ReportingCommands.deployments.http, answer);
    expect(texts).toEqual(
      expect.arrayContaining([
        'Liaison officers on post per month, by host party',
        '2026-01 – 2026-03 (UTC)',
        'Officers on post',
        'Host party',
        'SRB',
        'HUN',
        '2026-01',
      ]),
    );
    expect(texts).not.toContain('2025-12');
    expect(width).toBe(640);
  });

  it('knowledge exchange: needs, matched and completed side by side per type, all time when unbounded', async () => {
    const answer: ExchangeStatistics = {
      from: null,
      to: null,
      groupBy: 'type',
      rows: ['STUDY_VISIT', 'CASE_STUDY'].map((key) => ({
        key,
        needs: 4,
        standingOffers: 1,
        offersOnNeeds: 2,
        matched: 2,
        completed: 1,
        cancelled: 0,
        meanRating: null,
      })),
    };
    const { svg, texts } = await svgOf(ReportingCommands.knowledgeExchange.http, answer);
    expect(texts).toEqual(
      expect.arrayContaining([
        'Knowledge exchange: needs, matched and completed, by type',
        'all time',
        'Exchange type',
        'Exchanges',
        'STUDY_VISIT',
        'CASE_STUDY',
        'needs',
        'matched',
        'completed',
      ]),
    );
    expect(svg.match(/aria-roledescription="bar"/g)).toHaveLength(6);
  });

  it('draws an empty answer as an empty chart with its title', async () => {
    const { texts } = await svgOf(ReportingCommands.responseHealth.http, health('party', []));
    expect(texts).toContain('On-time rate of first responses, by party');
  });
});
