import { randomUUID } from 'node:crypto';
import { EntityManager } from '@mikro-orm/postgresql';
import { DeploymentEventData, DeploymentEvents, EventEnvelope, RfiEvents } from '@bp/contracts';
import { DATABASE_URL } from '../../../test/support/test-env';
import { serviceTestDatabase } from '../../../test/support/database-fixtures';
import { ormConfig } from '../src/infrastructure/persistence/orm-config';
import { ReportRecords } from '../src/infrastructure/persistence/report-records';
import { ResponseHealthQueryRunner } from '../src/infrastructure/persistence/response-health.query';
import { ReportModel } from '../src/application/report-model';
import { ReportPostings } from '../src/infrastructure/persistence/report-postings';
import { ReportExchanges } from '../src/infrastructure/persistence/report-exchanges';
import { DeploymentStatisticsQueryRunner } from '../src/infrastructure/persistence/deployment-statistics.query';
import { wasOnPostDuring } from '../src/domain/posting-record';
import { AnyRfiEventData } from '../src/application/rfi-event-facts';
import { isOverdue } from '../src/domain/assignment-record';

const HOUR = 3_600_000;
const t0 = Date.UTC(2026, 2, 2, 8);
const at = (hours: number) => new Date(t0 + hours * HOUR).toISOString();

/**
 * The reporting model on a real PostgreSQL: events folded into rows (arrays, times, the clock),
 * and the figures' SQL agreeing with the domain's rules on the same rows.
 */
describe('the reporting model (real PostgreSQL)', () => {
  const config = ormConfig({ serverUrl: DATABASE_URL, name: 'bp_reporting_model_test' });
  const records = new ReportRecords();
  const postings = new ReportPostings();
  const model = new ReportModel(records, postings, new ReportExchanges());
  const deployments = new DeploymentStatisticsQueryRunner();
  const query = new ResponseHealthQueryRunner();
  const database = serviceTestDatabase(config);

  const em = () => database.orm().em.fork() as EntityManager;

  function eventOf(type: string, rfiId: string, hours: number, data: Partial<AnyRfiEventData>) {
    return {
      id: randomUUID(),
      type,
      version: 1,
      source: 'rfi-service',
      subject: rfiId,
      subjectVersion: 1,
      occurredAt: at(hours),
      correlationId: randomUUID(),
      causationId: null,
      actor: null,
      data: {
        rfiId,
        reference: 'RFI-2026-MODEL',
        requesterParty: 'PAK',
        priority: 'HIGH',
        topics: ['DOCUMENT_FRAUD', 'ASYLUM'],
        ...data,
      },
    } as EventEnvelope<AnyRfiEventData>;
  }
  const apply = (event: EventEnvelope<AnyRfiEventData>) =>
    em().transactional((tx) => model.applyRfiEvent(tx as EntityManager, event));

  const assignment = (party: string, dueHours: number, officerId: string | null = null) => ({
    assignmentId: randomUUID(),
    recipientParty: party,
    officerId,
    dueAt: at(dueHours),
  });

  it('keeps a request and its assignments with their topics, and closes the open ones with the request', async () => {
    const rfiId = randomUUID();
    const [srb, hun, officer] = [
      assignment('SRB', 24),
      assignment('HUN', 24),
      assignment('SRB', 24, randomUUID()),
    ];
    await apply(eventOf(RfiEvents.submitted.type, rfiId, 0, {}));
    await apply(eventOf(RfiEvents.routed.type, rfiId, 0, { assignments: [srb, hun, officer] }));
    // Delivered again: nothing changes.
    await apply(eventOf(RfiEvents.routed.type, rfiId, 1, { assignments: [srb] }));
    await apply(eventOf(RfiEvents.responded.type, rfiId, 3, { assignment: srb }));
    await apply(eventOf(RfiEvents.handedOver.type, rfiId, 4, { assignment: officer }));
    await apply(eventOf(RfiEvents.closed.type, rfiId, 5, {}));

    const rows = await records.assignmentsOf(em(), rfiId);
    const byId = new Map(rows.map((row) => [row.assignmentId, row]));
    expect(byId.get(srb.assignmentId)).toMatchObject({
      topics: ['DOCUMENT_FRAUD', 'ASYLUM'],
      viaOfficer: false,
      assignedAt: new Date(at(0)),
      respondedAt: new Date(at(3)),
      acknowledgedAt: new Date(at(3)),
      respondedOnTime: true,
    });
    // Closed with the officer's posting (the focal point had its own), then HUN with the request.
    expect(byId.get(officer.assignmentId)).toMatchObject({
      viaOfficer: true,
      closedAt: new Date(at(4)),
    });
    expect(byId.get(hun.assignmentId)).toMatchObject({
      respondedAt: null,
      closedAt: new Date(at(5)),
    });
    const [request] = await em().execute<{ topics: string[]; closed_at: string }[]>(
      'select topics, closed_at from report_request where rfi_id = ?',
      [rfiId],
    );
    expect(request!.topics).toEqual(['DOCUMENT_FRAUD', 'ASYLUM']);
    expect(new Date(request!.closed_at)).toEqual(new Date(at(5)));
  });

  it('counts "overdue now" in SQL exactly as the domain decides it', async () => {
    const rfiId = randomUUID();
    const party = 'MKD';
    const late = assignment(party, 2);
    const paused = assignment(party, 2);
    const answered = assignment(party, 2);
    const notYet = assignment(party, 1_000_000);
    await apply(eventOf(RfiEvents.submitted.type, rfiId, 0, {}));
    await apply(
      eventOf(RfiEvents.routed.type, rfiId, 0, { assignments: [late, paused, answered, notYet] }),
    );
    await apply(eventOf(RfiEvents.clarificationRequested.type, rfiId, 1, { assignment: paused }));
    await apply(eventOf(RfiEvents.responded.type, rfiId, 1, { assignment: answered }));
    const now = new Date();
    const domainCount = (await records.assignmentsOf(em(), rfiId)).filter((r) =>
      isOverdue(r, now),
    ).length;
    const [row] = await query.run(em(), {
      scope: { kind: 'ALL_PARTIES' },
      from: null,
      to: null,
      party,
      topic: null,
      groupBy: 'party',
      now,
    });
    expect(domainCount).toBe(1);
    expect(row).toMatchObject({ key: party, received: 4, overdueNow: domainCount });
  });

  it("refuses an event that would move another request's assignment, and keeps the row as it was", async () => {
    const [first, second] = [randomUUID(), randomUUID()];
    const srb = assignment('SRB', 24);
    await apply(eventOf(RfiEvents.submitted.type, first, 0, {}));
    await apply(eventOf(RfiEvents.routed.type, first, 0, { assignments: [srb] }));
    await apply(eventOf(RfiEvents.submitted.type, second, 0, {}));
    await expect(
      apply(
        eventOf(RfiEvents.routed.type, second, 1, {
          assignments: [{ ...srb, recipientParty: 'HUN' }],
        }),
      ),
    ).rejects.toThrow(/belongs to another request/);
    const [kept] = await records.assignmentsOf(em(), first);
    expect(kept).toMatchObject({ assignmentId: srb.assignmentId, recipientParty: 'SRB' });
  });

  it('counts for one party only what it filed or received, in every grouping', async () => {
    const between = randomUUID();
    await apply(eventOf(RfiEvents.submitted.type, between, 0, { requesterParty: 'AUT' }));
    await apply(
      eventOf(RfiEvents.routed.type, between, 0, {
        requesterParty: 'AUT',
        topics: ['LEGAL_PATHWAYS'],
        assignments: [assignment('HUN', 24)],
      }),
    );
    for (const groupBy of ['party', 'topic', 'month'] as const) {
      const rows = await query.run(em(), {
        scope: { kind: 'ONE_PARTY', party: 'ALB' },
        from: null,
        to: null,
        party: 'AUT',
        topic: null,
        groupBy,
        now: new Date(),
      });
      expect([groupBy, rows]).toEqual([groupBy, []]);
    }
  });

  it('counts officers on post per month in SQL as the domain decides it, an older event changing nothing', async () => {
    const host = 'TKM';
    const posting = (status: string, version: number, occurredAt: string) =>
      ({
        id: randomUUID(),
        type: DeploymentEvents.activated.type,
        version: 1,
        source: 'deployment-service',
        subject: deploymentId,
        subjectVersion: version,
        occurredAt,
        correlationId: randomUUID(),
        causationId: null,
        actor: null,
        data: {
          deploymentId,
          officerId,
          sendingParty: 'AUT',
          hostParty: host,
          startDate: '2026-02-10',
          endDate: '2026-04-01',
          status,
          endReason: null,
        },
      }) as EventEnvelope<DeploymentEventData>;
    const deploymentId = randomUUID();
    const officerId = randomUUID();
    const applyPosting = (event: EventEnvelope<DeploymentEventData>) =>
      em().transactional((tx) => model.applyDeploymentEvent(tx as EntityManager, event));
    await applyPosting(posting('APPROVED', 2, '2026-01-20T10:00:00.000Z'));
    await applyPosting(posting('ACTIVE', 3, '2026-02-10T00:00:00.000Z'));
    await applyPosting(posting('ENDED', 5, '2026-04-01T00:00:00.000Z'));
    // Delivered late: the posting stays as the newer event left it.
    await applyPosting(posting('ACTIVE', 4, '2026-03-01T00:00:00.000Z'));
    const kept = await postings.find(em(), deploymentId);
    expect(kept).toEqual({
      activatedAt: new Date('2026-02-10T00:00:00.000Z'),
      endedAt: new Date('2026-04-01T00:00:00.000Z'),
      version: 5,
    });
    const [row] = await deployments.officersOnPost(em(), {
      from: new Date('2026-01-01T00:00:00Z'),
      to: new Date('2026-05-01T00:00:00Z'),
      groupBy: 'host',
      routes: [],
    });
    const months = ['2026-01', '2026-02', '2026-03', '2026-04', '2026-05'];
    const byDomain = months.map((month) => {
      const start = new Date(`${month}-01T00:00:00Z`);
      const end = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, 1));
      return { month, officers: wasOnPostDuring(kept!, start, end) ? 1 : 0 };
    });
    expect(row).toEqual({ key: host, officersOnPost: byDomain });
    expect(byDomain.map((m) => m.officers)).toEqual([0, 1, 1, 1, 0]);
  });
});
