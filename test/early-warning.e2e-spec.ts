import { Client } from 'pg';
import { Producer } from 'kafkajs';
import { EarlyWarning, ResponseHealthReport } from '@bp/contracts';
import { appsForFile } from './support/apps-for-file';
import { allPages, as } from './support/api';
import { testKafka } from './support/kafka-fixtures';
import { inbox } from './support/notification-fixtures';
import { Story, tellStories } from './support/rfi-story';
import { DATABASE_URL, eventually } from './support/test-env';

jest.setTimeout(180_000);

const HOUR = 3_600_000;
const WEEK = 7 * 24 * HOUR;
const started = new Date();

// The routes and the topic this file watches: no other test files requests between parties that
// both lie on these two routes, and the topic's large baseline drowns what others file on it now.
const SPIKED_ROUTE = 'IRAQ_COASTAL_BALKANS'; // ALB asks HRV
const STEADY_ROUTE = 'CENTRAL_ASIA_SOUTH_CAUCASUS'; // UZB asks TJK
const TOPIC = 'BORDER_MANAGEMENT';
const OWN_REQUESTERS = ['ALB', 'UZB', 'ITA'];

/** Week `w` of the 9 the test counts (8: the last 7 days), at hour `h` of it. */
const inWeek = (w: number, h: number) => new Date(started.getTime() - (9 - w) * WEEK + h * HOUR);

/** `count` requests filed in week `w`, spread over its middle days, each routed at once. */
function requests(requester: string, recipient: string, w: number, count: number) {
  return Array.from({ length: count }, (_, i) =>
    new Story(
      (hours) => new Date(inWeek(w, 24 + (i * 96) / Math.max(count, 1)).getTime() + hours * HOUR),
      requester,
      recipient,
      [TOPIC],
    ).routed(0, 72),
  );
}

const weeks = (from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => from + i);

/**
 * Before: one request a week on the spiked route, three on the steady one, forty on the topic
 * between parties that share no route (ITA asks TJK). Then twelve on the spiked route in the last
 * 7 days: a rise on the route (p ≈ 1e-9 against a mean of 1), none on the topic (55 against 44).
 * Sent in three phases, each in the model before the next: the requests of one phase lie on many
 * partitions and arrive in any order, and a last week applied before its baseline would be a rise.
 */
const phases = [
  [
    ...weeks(0, 7).flatMap((w) => requests('ALB', 'HRV', w, 1)),
    ...weeks(0, 7).flatMap((w) => requests('UZB', 'TJK', w, 3)),
    ...weeks(0, 7).flatMap((w) => requests('ITA', 'TJK', w, 40)),
  ],
  [...requests('UZB', 'TJK', 8, 3), ...requests('ITA', 'TJK', 8, 40)],
  requests('ALB', 'HRV', 8, 12),
];

async function reportingDatabase<T>(work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({
    connectionString: DATABASE_URL.replace(/\/[^/]*$/, '/bp_reporting_test'),
  });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

describe('early warning: a rise on a route raises one signal (real Kafka, PostgreSQL, reporting-service)', () => {
  appsForFile('reporting-service', 'notification-service');
  let producer: Producer;

  const filedOnTopic = async (from: Date, to: Date) => {
    const day = (at: Date) => at.toISOString().slice(0, 10);
    const answer = await as<ResponseHealthReport>(
      'secretariat',
      'GET',
      `/statistics/response-health?from=${day(from)}&to=${day(to)}&groupBy=party&topic=${TOPIC}`,
    );
    return answer.body.rows
      .filter((row) => OWN_REQUESTERS.includes(row.key))
      .reduce((sum, row) => sum + row.filed, 0);
  };
  const signals = async () =>
    (await allPages<EarlyWarning>('secretariat', '/early-warnings')).filter(
      (signal) => new Date(signal.raisedAt) >= started,
    );

  beforeAll(async () => {
    // What earlier runs against this database left in the window, and their signals: gone, so
    // the figures below are this run's alone.
    await reportingDatabase(async (client) => {
      const since = new Date(started.getTime() - 10 * WEEK);
      await client.query(
        `delete from report_assignment where rfi_id in (select rfi_id from report_request
           where requester_party = any($1) and submitted_at >= $2)`,
        [OWN_REQUESTERS, since],
      );
      await client.query(
        'delete from report_request where requester_party = any($1) and submitted_at >= $2',
        [OWN_REQUESTERS, since],
      );
      await client.query('delete from early_warning where key = any($1)', [
        [SPIKED_ROUTE, STEADY_ROUTE, TOPIC],
      ]);
    });
    producer = testKafka().producer();
    await producer.connect();
    let sent = 0;
    for (const [i, phase] of phases.entries()) {
      await tellStories(producer, phase);
      sent += phase.length;
      await eventually(
        `phase ${i + 1} in the model`,
        async () => (await filedOnTopic(inWeek(0, 0), started)) === sent || undefined,
        60_000,
      );
    }
  });
  afterAll(() => producer.disconnect());

  it('raises exactly one signal, for the spiked route, with the figures that raised it', async () => {
    const [signal] = await eventually('a signal on the route', async () => {
      const raised = (await signals()).filter((s) => s.key === SPIKED_ROUTE);
      return raised.length ? raised : undefined;
    });
    expect(signal).toMatchObject({
      dimension: 'route',
      key: SPIKED_ROUTE,
      baseline: [1, 1, 1, 1, 1, 1, 1, 1],
      baselineMean: 1,
    });
    // Raised once six of the twelve were in (P(X ≥ 6 | 1) < 0.001), or later.
    expect(signal!.lastWeek).toBeGreaterThanOrEqual(6);
    expect(signal!.lastWeek).toBeLessThanOrEqual(12);
    expect(signal!.pValue).toBeLessThan(0.001);
    expect(signal!.test).toContain('Poisson');
    // Every request is in the model (beforeAll): a few passes more raise nothing more.
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    const mine = (await signals()).filter((s) =>
      [SPIKED_ROUTE, STEADY_ROUTE, TOPIC].includes(s.key),
    );
    expect(mine.map((s) => s.key)).toEqual([SPIKED_ROUTE]);
  });

  it('tells the secretariat, and nobody else', async () => {
    const [signal] = (await signals()).filter((s) => s.key === SPIKED_ROUTE);
    const told = await eventually('the secretariat told', async () => {
      const found = (await inbox('secretariat', '?kind=EARLY_WARNING')).find(
        (n) => n.subject.id === signal!.id,
      );
      return found;
    });
    expect(told).toMatchObject({
      kind: 'EARLY_WARNING',
      subject: { type: 'early-warning', id: signal!.id },
      details: { dimension: 'route', key: SPIKED_ROUTE },
    });
    for (const user of ['fp-alb', 'fp-hrv'])
      expect(JSON.stringify(await inbox(user))).not.toContain(signal!.id);
  });

  it('lets the chair read signals, refuses focal points, and pages', async () => {
    expect((await as('chair', 'GET', '/early-warnings?dimension=route')).status).toBe(200);
    expect((await as('fp-alb', 'GET', '/early-warnings')).status).toBe(403);
    const bad = await as('secretariat', 'GET', '/early-warnings?dimension=party');
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toContain('application/problem+json');
  });
});
