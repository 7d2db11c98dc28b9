import { randomUUID } from 'node:crypto';
import { MikroORM } from '@mikro-orm/core';
import { EntityManager, PostgreSqlDriver } from '@mikro-orm/postgresql';
import { EventEnvelope, RfiEvents } from '@bp/contracts';
import { migrateDatabase, mikroOrmOptions } from '@bp/persistence';
import { DATABASE_URL } from '../../../test/support/test-env';
import { dropTestDatabase } from '../../../test/support/database-fixtures';
import { ormConfig } from '../src/infrastructure/persistence/orm-config';
import { ReportRecords } from '../src/infrastructure/persistence/report-records';
import { ResponseHealthQueryRunner } from '../src/infrastructure/persistence/response-health.query';
import { ReportModel } from '../src/application/report-model';
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
  const model = new ReportModel(records);
  const query = new ResponseHealthQueryRunner();
  let orm: MikroORM;

  beforeAll(async () => {
    await dropTestDatabase(config.database);
    await migrateDatabase(config);
    orm = await MikroORM.init<PostgreSqlDriver>(mikroOrmOptions(config));
  });

  afterAll(async () => {
    await orm?.close();
    await dropTestDatabase(config.database);
  });

  const em = () => orm.em.fork() as EntityManager;

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
});
