import { randomInt, randomUUID } from 'node:crypto';
import { Producer } from 'kafkajs';
import { ResponseHealthReport, ResponseHealthRow, RfiEvents, Topics } from '@bp/contracts';
import { appsForFile } from './support/apps-for-file';
import { as } from './support/api';
import { testKafka } from './support/kafka-fixtures';
import { eventually } from './support/test-env';
import { fileRfi } from './support/rfi-fixtures';

jest.setTimeout(120_000);

const HOUR = 3_600_000;

/**
 * A day of its own, years back: only this run's requests are counted on it, whatever else the
 * suite filed, so every figure can be known exactly.
 */
const day = new Date(Date.UTC(1990 + randomInt(0, 30), randomInt(0, 12), randomInt(1, 29)));
const DAY = day.toISOString().slice(0, 10);
const at = (hours: number) => new Date(day.getTime() + 8 * HOUR + hours * HOUR);

/** One request's story as the rfi-service would tell it on bp.rfi.events, with chosen times. */
class Story {
  readonly rfiId = randomUUID();
  readonly assignmentId = randomUUID();
  private version = 0;
  readonly events: object[] = [];

  constructor(
    private readonly requester: string,
    private readonly recipient: string,
    private readonly topics: string[],
    private readonly officerId: string | null = null,
  ) {}

  private event(type: string, hours: number, extra: object = {}) {
    this.version += 1;
    this.events.push({
      id: randomUUID(),
      type,
      version: 1,
      source: 'rfi-service',
      subject: this.rfiId,
      subjectVersion: this.version,
      occurredAt: at(hours).toISOString(),
      correlationId: randomUUID(),
      causationId: null,
      actor: null,
      data: {
        rfiId: this.rfiId,
        reference: `RFI-STAT-${this.rfiId.slice(0, 8)}`,
        requesterParty: this.requester,
        priority: 'NORMAL',
        channel: 'BILATERAL',
        recipientParties: this.officerId ? [] : [this.recipient],
        topics: this.topics,
        ...extra,
      },
    });
    return this;
  }

  private assignment(dueHours: number) {
    return {
      assignmentId: this.assignmentId,
      recipientParty: this.recipient,
      officerId: this.officerId,
      dueAt: at(dueHours).toISOString(),
    };
  }

  routed(hours: number, dueHours: number) {
    this.event(RfiEvents.submitted.type, hours);
    return this.event(RfiEvents.routed.type, hours, { assignments: [this.assignment(dueHours)] });
  }
  on(type: string, hours: number, dueHours: number) {
    return this.event(type, hours, { assignment: this.assignment(dueHours) });
  }
  clarified(hours: number, dueHours: number) {
    return this.event(RfiEvents.clarified.type, hours, {
      assignments: [this.assignment(dueHours)],
    });
  }
}

// PAK asks SRB three times, AUT asks SRB twice, SRB asks PAK, AUT asks HUN, and PAK's officer
// posted in SRB holds one more request (not SRB's).
const stories = [
  // SRB acknowledges after 2 h and answers after 10 h, due at 72 h: on time.
  new Story('PAK', 'SRB', ['DOCUMENT_FRAUD'])
    .routed(0, 72)
    .on(RfiEvents.acknowledged.type, 2, 72)
    .on(RfiEvents.responded.type, 10, 72),
  // Acknowledged at 4 h; the clock stands from 5 h to 9 h for a clarification; answered at 30 h:
  // 26 h on SRB's clock, by the moved due time.
  new Story('PAK', 'SRB', ['SMUGGLING_OF_MIGRANTS'])
    .routed(0, 72)
    .on(RfiEvents.acknowledged.type, 4, 72)
    .on(RfiEvents.clarificationRequested.type, 5, 72)
    .clarified(9, 76)
    .on(RfiEvents.responded.type, 30, 76),
  // Answered after 40 h, due at 24 h: late (and acknowledged by the answer).
  new Story('PAK', 'SRB', ['DOCUMENT_FRAUD']).routed(0, 24).on(RfiEvents.responded.type, 40, 24),
  // Declined after 1 h.
  new Story('AUT', 'SRB', ['DOCUMENT_FRAUD']).routed(0, 72).on(RfiEvents.declined.type, 1, 72),
  // Never answered: overdue now.
  new Story('AUT', 'SRB', ['DOCUMENT_FRAUD']).routed(0, 72),
  // SRB asks PAK: acknowledged after 6 h, answered after 20 h.
  new Story('SRB', 'PAK', ['RETURN_READMISSION'])
    .routed(0, 72)
    .on(RfiEvents.acknowledged.type, 6, 72)
    .on(RfiEvents.responded.type, 20, 72),
  // Between two other parties: nothing of it may reach SRB's figures.
  new Story('AUT', 'HUN', ['TRAFFICKING_IN_HUMAN_BEINGS'])
    .routed(0, 72)
    .on(RfiEvents.responded.type, 5, 72),
  // Held by PAK's officer posted in SRB: filed by PAK, received by no party.
  new Story('PAK', 'SRB', ['DOCUMENT_FRAUD'], randomUUID()).routed(0, 72),
];

const row = (report: ResponseHealthReport, key: string) =>
  report.rows.find((candidate) => candidate.key === key);

const figures = (
  filed: number,
  received: number,
  rest: Partial<ResponseHealthRow> = {},
): Omit<ResponseHealthRow, 'key'> => ({
  filed,
  received,
  acknowledged: 0,
  responded: 0,
  declined: 0,
  hoursToAcknowledge: { median: null, p90: null },
  hoursToRespond: { median: null, p90: null },
  onTimeRate: null,
  overdueNow: 0,
  ...rest,
});

describe('statistics: response health from the events (real Kafka, PostgreSQL, reporting-service)', () => {
  appsForFile('rfi-service', 'reporting-service');
  let producer: Producer;

  beforeAll(async () => {
    producer = testKafka().producer();
    await producer.connect();
    for (const story of stories)
      await producer.send({
        topic: Topics.rfiEvents,
        messages: story.events.map((event) => ({
          key: story.rfiId,
          value: JSON.stringify(event),
        })),
      });
  });
  afterAll(() => producer.disconnect());

  const report = (user: string, query: string) =>
    as<ResponseHealthReport>(
      user,
      'GET',
      `/statistics/response-health?from=${DAY}&to=${DAY}${query}`,
    );

  it('gives the secretariat every party, with exact counts, medians, 90th percentiles and on-time rates', async () => {
    const all = await eventually('every request in the model', async () => {
      const answer = await report('secretariat', '');
      return answer.status === 200 &&
        row(answer.body, 'HUN')?.responded === 1 &&
        row(answer.body, 'SRB')?.responded === 3 &&
        row(answer.body, 'PAK')?.responded === 1
        ? answer.body
        : undefined;
    });
    expect(all).toMatchObject({ from: DAY, to: DAY, groupBy: 'party' });
    expect(all.rows.map((r) => r.key)).toEqual(['AUT', 'HUN', 'PAK', 'SRB']);
    // SRB: acknowledged after 2, 4 and 40 h; answered after 10, 26 and 40 h (percentile_cont:
    // the 90th of three lies 0.8 of the way from the second to the third).
    expect(row(all, 'SRB')).toEqual({
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
    });
    expect(row(all, 'PAK')).toEqual({
      key: 'PAK',
      ...figures(4, 1, {
        acknowledged: 1,
        responded: 1,
        hoursToAcknowledge: { median: 6, p90: 6 },
        hoursToRespond: { median: 20, p90: 20 },
        onTimeRate: 1,
      }),
    });
    expect(row(all, 'AUT')).toEqual({ key: 'AUT', ...figures(3, 0) });
    expect(row(all, 'HUN')).toEqual({
      key: 'HUN',
      ...figures(0, 1, {
        acknowledged: 1,
        responded: 1,
        hoursToAcknowledge: { median: 5, p90: 5 },
        hoursToRespond: { median: 5, p90: 5 },
        onTimeRate: 1,
      }),
    });
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
});
