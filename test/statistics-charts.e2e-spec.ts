import { randomInt } from 'node:crypto';
import { Producer } from 'kafkajs';
import { ResponseHealthReport } from '@bp/contracts';
import { appsForFile } from './support/apps-for-file';
import { as } from './support/api';
import { HttpResult } from './support/http';
import { testKafka } from './support/kafka-fixtures';
import { Story, tellStories } from './support/rfi-story';
import { eventually } from './support/test-env';

jest.setTimeout(120_000);

/**
 * Two days of their own, years back (as in statistics.e2e-spec.ts): one with this run's requests
 * only, one with nothing at all.
 */
const day = new Date(Date.UTC(1990 + randomInt(0, 30), randomInt(0, 12), randomInt(1, 28)));
const DAY = day.toISOString().slice(0, 10);
const EMPTY_DAY = new Date(day.getTime() + 86_400_000).toISOString().slice(0, 10);
const at = (hours: number) => new Date(day.getTime() + (8 + hours) * 3_600_000);

const PARTIES = ['AUT', 'HUN', 'PAK', 'SRB'];

/** A request routed on DAY, due three days later, as the rfi-service would tell it. */
const routed = (requester: string, recipient: string) =>
  new Story(at, requester, recipient, ['DOCUMENT_FRAUD']).routed(0, 72);

/** The words an SVG shows: the text of its `<text>` elements and its aria labels. */
const wordsOf = (svg: string) => [
  ...[...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((match) => match[1]!),
  ...[...svg.matchAll(/aria-label="([^"]*)"/g)].map((match) => match[1]!),
];

const chart = (user: string, path: string, accept = 'image/svg+xml') =>
  as<string>(user, 'GET', path, { headers: { accept } });

function expectSvg(answer: HttpResult<string>): string[] {
  expect(answer.status).toBe(200);
  expect(answer.headers.get('content-type')).toBe('image/svg+xml; charset=utf-8');
  expect(answer.headers.get('vary')).toContain('Accept');
  expect(answer.body).toMatch(/^<svg[^>]* width="640"/);
  expect(answer.body).toMatch(/<\/svg>$/);
  return wordsOf(answer.body);
}

describe('statistics as SVG charts (Accept: image/svg+xml; real Kafka, PostgreSQL, reporting-service)', () => {
  appsForFile('reporting-service');
  let producer: Producer;

  beforeAll(async () => {
    producer = testKafka().producer();
    await producer.connect();
    // PAK asks SRB, AUT asks HUN: a focal point of SRB may see its own row only.
    await tellStories(producer, [routed('PAK', 'SRB'), routed('AUT', 'HUN')]);
    await eventually('both requests in the model', async () => {
      const answer = await as<ResponseHealthReport>(
        'secretariat',
        'GET',
        `/statistics/response-health?from=${DAY}&to=${DAY}`,
      );
      const keys = (answer.body.rows ?? []).map((row) => row.key);
      return PARTIES.every((party) => keys.includes(party)) || undefined;
    });
  });
  afterAll(() => producer.disconnect());

  it('draws an empty window for the secretariat and a chair, titled with the window', async () => {
    for (const user of ['secretariat', 'chair']) {
      const words = expectSvg(
        await chart(user, `/statistics/response-health?from=${EMPTY_DAY}&to=${EMPTY_DAY}`),
      );
      expect(words).toEqual(
        expect.arrayContaining([
          'On-time rate of first responses, by party',
          `${EMPTY_DAY} – ${EMPTY_DAY} (UTC)`,
        ]),
      );
    }
  });

  it('names every party with figures on the day for the secretariat, as its JSON does', async () => {
    const words = expectSvg(
      await chart('secretariat', `/statistics/response-health?from=${DAY}&to=${DAY}`),
    );
    expect(words).toEqual(expect.arrayContaining(PARTIES));
  });

  it('names only its own party in a focal point’s chart, whichever party it asks for', async () => {
    for (const query of ['', '&party=HUN', '&groupBy=topic']) {
      const answer = await chart(
        'fp-srb',
        `/statistics/response-health?from=${DAY}&to=${DAY}${query}`,
      );
      const words = expectSvg(answer).join('\n');
      if (!query.includes('topic')) expect(words).toContain('SRB');
      for (const other of PARTIES.filter((party) => party !== 'SRB'))
        expect(words).not.toContain(other);
    }
  });

  it('draws requests filed and received per month', async () => {
    const words = expectSvg(
      await chart('secretariat', `/statistics/response-health?from=${DAY}&to=${DAY}&groupBy=month`),
    );
    expect(words).toEqual(
      expect.arrayContaining([
        'Requests filed and assignments received, per month',
        DAY.slice(0, 7),
      ]),
    );
  });

  it('draws officers on post and knowledge exchange for the secretariat and the chairs', async () => {
    const month = DAY.slice(0, 7);
    for (const user of ['secretariat', 'chair']) {
      expect(
        expectSvg(await chart(user, `/statistics/deployments?from=${month}&to=${month}`)),
      ).toContain('Liaison officers on post per month, by host party');
      expect(
        expectSvg(await chart(user, `/statistics/knowledge-exchange?from=${DAY}&to=${DAY}`)),
      ).toContain('Knowledge exchange: needs, matched and completed, by type');
    }
  });

  it('keeps JSON when JSON is preferred, and CSV where asked', async () => {
    const path = `/statistics/response-health?from=${DAY}&to=${DAY}`;
    const json = await chart('secretariat', path, 'image/svg+xml;q=0.5, application/json');
    expect(json.headers.get('content-type')).toContain('application/json');
    expect((json.body as unknown as ResponseHealthReport).rows.map((row) => row.key)).toEqual(
      expect.arrayContaining(PARTIES),
    );
    const csv = await chart('secretariat', path, 'text/csv, image/svg+xml;q=0.5');
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
  });

  it('refuses a focal point the charts its role may not read, with problem+json', async () => {
    for (const path of ['/statistics/deployments', '/statistics/knowledge-exchange']) {
      const refused = await chart('fp-srb', path);
      expect([path, refused.status, refused.headers.get('content-type')]).toEqual([
        path,
        403,
        expect.stringContaining('application/problem+json'),
      ]);
    }
  });
});
