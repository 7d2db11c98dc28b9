import { randomInt, randomUUID } from 'node:crypto';
import { Producer } from 'kafkajs';
import {
  DeploymentEvents,
  DeploymentStatistics,
  EscalationBoard,
  ExchangeStatistics,
  KnowledgeExchangeEvents,
  EscalationItem,
  ResponseHealthReport,
  RfiEvents,
  Topics,
} from '@bp/contracts';
import { appsForFile } from './support/apps-for-file';
import { allPages, as } from './support/api';
import { deploymentEvent, testKafka } from './support/kafka-fixtures';
import { eventually } from './support/test-env';
import { fileRfi } from './support/rfi-fixtures';
import { Story, tellStories } from './support/rfi-story';
import { responseHealthFigures as figures } from './support/statistics-fixtures';

jest.setTimeout(120_000);

const HOUR = 3_600_000;

/**
 * A day of its own, years back: only this run's requests are counted on it, whatever else the
 * suite filed, so every figure can be known exactly.
 */
const day = new Date(Date.UTC(1990 + randomInt(0, 30), randomInt(0, 12), randomInt(1, 29)));
const DAY = day.toISOString().slice(0, 10);
const at = (hours: number) => new Date(day.getTime() + 8 * HOUR + hours * HOUR);
const story = (requester: string, recipient: string, topics: string[], officerId?: string) =>
  new Story(at, requester, recipient, topics, officerId ?? null);

// PAK asks SRB three times, AUT asks SRB twice, SRB asks PAK, AUT asks HUN, and PAK's officer
// posted in SRB holds one more request (not SRB's).
const stories = [
  // SRB acknowledges after 2 h and answers after 10 h, due at 72 h: on time.
  story('PAK', 'SRB', ['DOCUMENT_FRAUD'])
    .routed(0, 72)
    .on(RfiEvents.acknowledged.type, 2, 72)
    .on(RfiEvents.responded.type, 10, 72),
  // Acknowledged at 4 h; the clock stands from 5 h to 9 h for a clarification; answered at 30 h:
  // 26 h on SRB's clock, by the moved due time.
  story('PAK', 'SRB', ['SMUGGLING_OF_MIGRANTS'])
    .routed(0, 72)
    .on(RfiEvents.acknowledged.type, 4, 72)
    .on(RfiEvents.clarificationRequested.type, 5, 72)
    .clarified(9, 76)
    .on(RfiEvents.responded.type, 30, 76),
  // Answered after 40 h, due at 24 h: late (and acknowledged by the answer).
  story('PAK', 'SRB', ['DOCUMENT_FRAUD']).routed(0, 24).on(RfiEvents.responded.type, 40, 24),
  // Declined after 1 h.
  story('AUT', 'SRB', ['DOCUMENT_FRAUD']).routed(0, 72).on(RfiEvents.declined.type, 1, 72),
  // Never answered: overdue now, escalated to SRB's focal points (level 2).
  story('AUT', 'SRB', ['DOCUMENT_FRAUD'])
    .routed(0, 72)
    .on(RfiEvents.overdue.type, 80, 72, { escalationLevel: 2, escalateTo: 'FOCAL_POINT' }),
  // SRB asks PAK: acknowledged after 6 h, answered after 20 h.
  story('SRB', 'PAK', ['RETURN_READMISSION'])
    .routed(0, 72)
    .on(RfiEvents.acknowledged.type, 6, 72)
    .on(RfiEvents.responded.type, 20, 72),
  // Between two other parties: nothing of it may reach SRB's figures.
  story('AUT', 'HUN', ['TRAFFICKING_IN_HUMAN_BEINGS'])
    .routed(0, 72)
    .on(RfiEvents.responded.type, 5, 72),
  // Held by PAK's officer posted in SRB: filed by PAK, received by no party.
  story('PAK', 'SRB', ['DOCUMENT_FRAUD'], randomUUID()).routed(0, 72),
];

const row = (report: ResponseHealthReport, key: string) =>
  report.rows.find((candidate) => candidate.key === key);

describe('statistics: response health from the events (real Kafka, PostgreSQL, reporting-service)', () => {
  appsForFile('rfi-service', 'reporting-service');
  let producer: Producer;

  beforeAll(async () => {
    producer = testKafka().producer();
    await producer.connect();
    await tellStories(producer, stories);
  });
  afterAll(() => producer.disconnect());

  const report = (user: string, query: string) =>
    as<ResponseHealthReport>(
      user,
      'GET',
      `/statistics/response-health?from=${DAY}&to=${DAY}${query}`,
    );

  it('gives the secretariat every party, with exact counts, medians, 90th percentiles and on-time rates', async () => {
    // SRB: acknowledged after 2, 4 and 40 h; answered after 10, 26 and 40 h (percentile_cont:
    // the 90th of three lies 0.8 of the way from the second to the third).
    const expected = [
      { key: 'AUT', ...figures(3, 0) },
      {
        key: 'HUN',
        ...figures(0, 1, {
          acknowledged: 1,
          responded: 1,
          hoursToAcknowledge: { median: 5, p90: 5 },
          hoursToRespond: { median: 5, p90: 5 },
          onTimeRate: 1,
        }),
      },
      {
        key: 'PAK',
        ...figures(4, 1, {
          acknowledged: 1,
          responded: 1,
          hoursToAcknowledge: { median: 6, p90: 6 },
          hoursToRespond: { median: 20, p90: 20 },
          onTimeRate: 1,
        }),
      },
      {
        key: 'SRB',
        ...figures(1, 5, {
          acknowledged: 3,
          responded: 3,
          declined: 1,
          hoursToAcknowledge: { median: 4, p90: 32.8 },
          hoursToRespond: { median: 26, p90: 37.2 },
          onTimeRate: 0.6667,
          overdueNow: 1,
        }),
      },
    ];
    // The stories lie on different partitions: the model is whole when every figure is there.
    const all = await eventually('every request in the model', async () => {
      const answer = await report('secretariat', '');
      expect(answer.status).toBe(200);
      expect(answer.body.rows).toEqual(expected);
      return answer.body;
    });
    expect(all).toMatchObject({ from: DAY, to: DAY, groupBy: 'party', percentiles: 'exact' });
  });

  it('gives a chair every party, as the secretariat', async () => {
    const [chair, secretariat] = await Promise.all([
      report('chair', ''),
      report('secretariat', ''),
    ]);
    expect(chair.status).toBe(200);
    expect(chair.body).toEqual(secretariat.body);
  });

  it('gives a focal point its own party only, whichever party it asks for', async () => {
    const own = await report('fp-srb', '');
    expect(own.status).toBe(200);
    expect(own.body.rows.map((r) => r.key)).toEqual(['SRB']);
    const asked = await report('fp-srb', '&party=HUN');
    expect(asked.body.rows.map((r) => r.key)).toEqual(['SRB']);
    expect(asked.body.rows[0]).toMatchObject({ filed: 1, received: 5 });
  });

  it('does not tell a focal point of a request between two other parties, not even its topic', async () => {
    const byTopic = await report('fp-srb', '&groupBy=topic');
    expect(byTopic.status).toBe(200);
    expect(byTopic.body.rows.map((r) => r.key)).toEqual([
      'DOCUMENT_FRAUD',
      'RETURN_READMISSION',
      'SMUGGLING_OF_MIGRANTS',
    ]);
    expect(JSON.stringify(byTopic.body)).not.toContain('TRAFFICKING_IN_HUMAN_BEINGS');
    // The secretariat sees it.
    const all = await report('secretariat', '&groupBy=topic&topic=TRAFFICKING_IN_HUMAN_BEINGS');
    expect(all.body.rows).toEqual([
      expect.objectContaining({ key: 'TRAFFICKING_IN_HUMAN_BEINGS', filed: 1, received: 1 }),
    ]);
  });

  it('answers the same rows as CSV for Accept: text/csv', async () => {
    const csv = await as<string>(
      'secretariat',
      'GET',
      `/statistics/response-health?from=${DAY}&to=${DAY}&party=SRB`,
      { headers: { accept: 'text/csv' } },
    );
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(csv.headers.get('vary')).toContain('Accept');
    expect(csv.body).toBe(
      'key,filed,received,acknowledged,responded,declined,hours_to_acknowledge_median,' +
        'hours_to_acknowledge_p90,hours_to_respond_median,hours_to_respond_p90,on_time_rate,' +
        'overdue_now\r\n' +
        'SRB,1,5,3,3,1,4,32.8,26,37.2,0.6667,1\r\n',
    );
  });

  it('refuses roles that read no statistics, and bad queries, with problem+json', async () => {
    const officer = await as('admin', 'GET', '/statistics/response-health');
    expect(officer.status).toBe(403);
    for (const query of [
      'groupBy=route',
      'from=2026-13-01',
      'from=2026-02-30',
      'from=2026-03-02&to=2026-03-01',
      'party=srb',
      'topic=1',
    ]) {
      const bad = await as<{ status: number }>(
        'secretariat',
        'GET',
        `/statistics/response-health?${query}`,
      );
      expect([query, bad.status, bad.headers.get('content-type')]).toEqual([
        query,
        400,
        expect.stringContaining('application/problem+json'),
      ]);
    }
  });

  it('puts the overdue assignment on the escalation board with its level and how late, for the secretariat only', async () => {
    const overdue = stories[4]!;
    const board = await allPages<EscalationItem>('secretariat', '/statistics/escalations');
    const mine = board.filter((item) => stories.some((s) => s.rfiId === item.rfiId));
    // Two are open past their due time: SRB's own, escalated, and the one PAK's officer holds.
    expect(mine).toHaveLength(2);
    const escalated = mine.find((item) => item.assignmentId === overdue.assignmentId);
    expect(escalated).toEqual({
      rfiId: overdue.rfiId,
      reference: `RFI-STAT-${overdue.rfiId.slice(0, 8)}`,
      assignmentId: overdue.assignmentId,
      requesterParty: 'AUT',
      recipientParty: 'SRB',
      heldByOfficer: false,
      priority: 'NORMAL',
      topics: ['DOCUMENT_FRAUD'],
      level: 2,
      dueAt: at(72).toISOString(),
      hoursLate: expect.any(Number),
    });
    expect(mine.find((item) => item.assignmentId === stories[7]!.assignmentId)).toMatchObject({
      heldByOfficer: true,
      level: 0,
      requesterParty: 'PAK',
    });
    expect(escalated!.hoursLate).toBeGreaterThan(24 * 365);
    const levelTwo = await allPages<EscalationItem>(
      'secretariat',
      '/statistics/escalations?level=2&party=SRB',
    );
    expect(levelTwo.map((item) => item.assignmentId)).toContain(overdue.assignmentId);
    expect(levelTwo.every((item) => item.level === 2 && item.recipientParty === 'SRB')).toBe(true);
    const levelThree = await allPages<EscalationItem>(
      'secretariat',
      '/statistics/escalations?level=3',
    );
    expect(levelThree.map((item) => item.assignmentId)).not.toContain(overdue.assignmentId);
    const counts = await as<EscalationBoard>(
      'secretariat',
      'GET',
      '/statistics/escalations?limit=1',
    );
    expect(counts.body.byLevel['2']).toBeGreaterThanOrEqual(1);
    expect(counts.body.items).toHaveLength(1);
    for (const user of ['fp-srb', 'chair', 'admin'])
      expect([user, (await as(user, 'GET', '/statistics/escalations')).status]).toEqual([
        user,
        403,
      ]);
    const badCursor = await as(
      'secretariat',
      'GET',
      '/statistics/escalations?cursor=bm90LWEtY3Vyc29y',
    );
    expect(badCursor.status).toBe(400);
  });

  it('counts requests filed and answered through the API, as the rfi-service tells them', async () => {
    const today = new Date().toISOString().slice(0, 10);
    const before = await as<ResponseHealthReport>(
      'secretariat',
      'GET',
      `/statistics/response-health?from=${today}&to=${today}&party=SRB`,
    );
    const filedBefore = row(before.body, 'SRB')?.received ?? 0;
    await fileRfi('fp-pak', { targetParties: ['SRB'], topics: ['DOCUMENT_FRAUD'] });
    await eventually('the routing in the model', async () => {
      const now = await as<ResponseHealthReport>(
        'secretariat',
        'GET',
        `/statistics/response-health?from=${today}&to=${today}&party=SRB`,
      );
      return (row(now.body, 'SRB')?.received ?? 0) > filedBefore || undefined;
    });
  });

  describe('officers on post', () => {
    // Months of their own, centuries back: only this run's postings were on post then (a year is
    // one of 800, so runs against a kept database seldom share one).
    const year = 1100 + randomInt(0, 800);
    const month = (m: number) => `${year}-${String(m).padStart(2, '0')}`;
    const postings = [
      // AUT's officer in TKM from March to May; PAK's officer in TKM from April, still on post.
      { sendingParty: 'AUT', hostParty: 'TKM', on: 3, off: 5 as number | null },
      { sendingParty: 'PAK', hostParty: 'TKM', on: 4, off: null },
      // Approved, never on post: counts nowhere.
      { sendingParty: 'PAK', hostParty: 'UZB', on: null as number | null, off: null },
    ];

    const ids = postings.map(() => ({ deploymentId: randomUUID(), officerId: randomUUID() }));
    /** The posting's states as the deployment-service would announce them, from `first` on. */
    const announce = (index: number, states: [string, number][], first = 1) => {
      const { sendingParty, hostParty } = postings[index]!;
      const { deploymentId, officerId } = ids[index]!;
      return producer.send({
        topic: Topics.deploymentEvents,
        messages: states.map(([status, m], i) => ({
          key: deploymentId,
          value: JSON.stringify({
            ...deploymentEvent(deploymentId, { officerId, sendingParty, hostParty, status }),
            type: TYPE_OF[status],
            subjectVersion: first + i,
            occurredAt: `${month(m)}-15T12:00:00.000Z`,
          }),
        })),
      });
    };

    beforeAll(async () => {
      for (const [index, posting] of postings.entries()) {
        const states: [string, number][] = [['APPROVED', 1]];
        if (posting.on) states.push(['ACTIVE', posting.on]);
        if (posting.off) states.push(['ENDED', posting.off]);
        await announce(index, states);
      }
    });
    // Ends the posting still on post, in its own year: later runs (other years) and the rfi-service's
    // projection of postings do not find an officer on post in TKM for ever.
    afterAll(() => announce(1, [['ENDED', 12]], 3));

    const TYPE_OF: Record<string, string> = {
      APPROVED: DeploymentEvents.approved.type,
      ACTIVE: DeploymentEvents.activated.type,
      ENDED: DeploymentEvents.ended.type,
    };
    const deployments = (user: string, query: string) =>
      as<DeploymentStatistics>(user, 'GET', `/statistics/deployments?${query}`);

    it('counts the officers on post in each month, by host, sending party and route', async () => {
      const query = `from=${month(2)}&to=${month(6)}`;
      const series = (counts: number[]) =>
        counts.map((officers, i) => ({ month: month(i + 2), officers }));
      // Each posting has a partition of its own: wait for both, not the first one to arrive.
      const byHost = await eventually('the postings in the model', async () => {
        const answer = await deployments('chair', query);
        expect(answer.status).toBe(200);
        expect(answer.body.rows).toEqual([{ key: 'TKM', officersOnPost: series([0, 1, 2, 2, 1]) }]);
        return answer.body;
      });
      expect(byHost).toMatchObject({ from: month(2), to: month(6), groupBy: 'host' });
      const bySending = await deployments('secretariat', `${query}&groupBy=sending`);
      expect(bySending.body.rows).toEqual([
        { key: 'AUT', officersOnPost: series([0, 1, 1, 1, 0]) },
        { key: 'PAK', officersOnPost: series([0, 0, 1, 1, 1]) },
      ]);
      const byRoute = await deployments('secretariat', `${query}&groupBy=route`);
      expect(byRoute.body.rows).toEqual([
        { key: 'CENTRAL_ASIA_SOUTH_CAUCASUS', officersOnPost: series([0, 1, 2, 2, 1]) },
      ]);
    });

    it('names the parties of each route that host no officer now', async () => {
      const answer = await deployments('secretariat', '');
      const centralAsia = answer.body.routePartiesWithoutOfficers.find(
        (r) => r.route === 'CENTRAL_ASIA_SOUTH_CAUCASUS',
      );
      // PAK's officer is still on post in TKM; nobody in UZB (approved only).
      expect(centralAsia?.parties).toContain('UZB');
      expect(centralAsia?.parties).not.toContain('TKM');
    });

    it('refuses focal points and bad months, with problem+json', async () => {
      expect((await deployments('fp-srb', '')).status).toBe(403);
      for (const query of [
        'from=2026-13',
        'to=2026-1',
        'from=2020-01&to=2026-01',
        'from=2026-05&to=2026-04',
      ])
        expect([query, (await deployments('secretariat', query)).status]).toEqual([query, 400]);
    });
  });

  describe('knowledge exchange', () => {
    /** One exchange's events as the knowledge-exchange-service would tell them, on DAY and after. */
    const exchange = (
      kind: 'NEED' | 'OFFER',
      type: string,
      topics: string[],
      steps: [string, string, number?][],
    ) => {
      const exchangeId = randomUUID();
      return {
        exchangeId,
        events: steps.map(([eventType, status, rating], i) => ({
          id: randomUUID(),
          type: eventType,
          version: 1,
          source: 'knowledge-exchange-service',
          subject: exchangeId,
          subjectVersion: i + 1,
          occurredAt: at(i).toISOString(),
          correlationId: randomUUID(),
          causationId: null,
          actor: null,
          data: {
            exchangeId,
            kind,
            type,
            ownerParty: 'AUT',
            partnerParty: null,
            status,
            title: `Statistics ${exchangeId.slice(0, 8)}`,
            topics,
            ...(rating ? { rating } : {}),
          },
        })),
      };
    };
    const E = KnowledgeExchangeEvents;
    const exchanges = [
      exchange(
        'NEED',
        'STUDY_VISIT',
        ['SMUGGLING_OF_MIGRANTS'],
        [
          [E.posted.type, 'OPEN'],
          [E.offerReceived.type, 'OPEN'],
          [E.offerReceived.type, 'OPEN'],
          [E.matched.type, 'MATCHED'],
          [E.scheduled.type, 'SCHEDULED'],
          [E.completed.type, 'COMPLETED', 4],
        ],
      ),
      exchange(
        'NEED',
        'STUDY_VISIT',
        ['ASYLUM'],
        [
          [E.posted.type, 'OPEN'],
          [E.offerReceived.type, 'OPEN'],
          [E.matched.type, 'MATCHED'],
          [E.completed.type, 'COMPLETED', 5],
        ],
      ),
      exchange(
        'NEED',
        'CASE_STUDY',
        ['ASYLUM'],
        [
          [E.posted.type, 'OPEN'],
          [E.cancelled.type, 'CANCELLED'],
        ],
      ),
      exchange('OFFER', 'CAPACITY_BUILDING', ['ASYLUM'], [[E.posted.type, 'OPEN']]),
    ];

    beforeAll(async () => {
      for (const { exchangeId, events } of exchanges)
        await producer.send({
          topic: Topics.knowledgeExchangeEvents,
          messages: events.map((event) => ({ key: exchangeId, value: JSON.stringify(event) })),
        });
    });

    const figures = (user: string, query: string) =>
      as<ExchangeStatistics>(
        user,
        'GET',
        `/statistics/knowledge-exchange?from=${DAY}&to=${DAY}${query}`,
      );
    const zero = {
      needs: 0,
      standingOffers: 0,
      offersOnNeeds: 0,
      matched: 0,
      completed: 0,
      cancelled: 0,
      meanRating: null,
    };

    it('counts needs, offers, matches, completions and the mean rating by type and by topic', async () => {
      const expected = {
        from: DAY,
        to: DAY,
        groupBy: 'type',
        rows: [
          { key: 'CAPACITY_BUILDING', ...zero, standingOffers: 1 },
          { key: 'CASE_STUDY', ...zero, needs: 1, cancelled: 1 },
          {
            key: 'STUDY_VISIT',
            ...zero,
            needs: 2,
            offersOnNeeds: 3,
            matched: 2,
            completed: 2,
            meanRating: 4.5,
          },
        ],
      };
      // Each exchange has a partition of its own: the model is whole when every figure is there.
      await eventually('the exchanges in the model', async () => {
        const answer = await figures('chair', '');
        expect(answer.status).toBe(200);
        expect(answer.body).toEqual(expected);
        return answer.body;
      });
      const byTopic = await figures('secretariat', '&groupBy=topic');
      expect(byTopic.body.rows).toEqual([
        {
          key: 'ASYLUM',
          ...zero,
          needs: 2,
          standingOffers: 1,
          offersOnNeeds: 1,
          matched: 1,
          completed: 1,
          cancelled: 1,
          meanRating: 5,
        },
        {
          key: 'SMUGGLING_OF_MIGRANTS',
          ...zero,
          needs: 1,
          offersOnNeeds: 2,
          matched: 1,
          completed: 1,
          meanRating: 4,
        },
      ]);
    });

    it('is not for the parties themselves (how many offers a need got is not theirs to know)', async () => {
      expect((await figures('fp-aut', '')).status).toBe(403);
      expect((await figures('secretariat', '&groupBy=owner')).status).toBe(400);
    });
  });
});
