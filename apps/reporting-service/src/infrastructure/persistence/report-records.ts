import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { PreparedStatement, runPrepared, textArray, valuesRow } from '@bp/persistence';
import { AssignmentRecord } from '../../domain/assignment-record';
import { dateOrNull } from './model-sql';

interface AssignmentRow {
  assignment_id: string;
  rfi_id: string;
  requester_party: string;
  recipient_party: string;
  via_officer: boolean;
  priority: string;
  topics: string[];
  assigned_at: Date;
  due_at: Date;
  acknowledged_at: Date | null;
  responded_at: Date | null;
  declined_at: Date | null;
  closed_at: Date | null;
  paused_since: Date | null;
  paused_ms: string | number;
  escalation_level: number;
  responded_on_time: boolean | null;
}

const COLUMNS = [
  'assignment_id',
  'rfi_id',
  'requester_party',
  'recipient_party',
  'via_officer',
  'priority',
  'topics',
  'assigned_at',
  'due_at',
  'acknowledged_at',
  'responded_at',
  'declined_at',
  'closed_at',
  'paused_since',
  'paused_ms',
  'escalation_level',
  'responded_on_time',
] as const;

const KEEP_REQUEST: PreparedStatement = {
  name: 'reporting.keep-request',
  text: `insert into report_request (rfi_id, reference, requester_party, priority, topics, submitted_at)
    values ($1, $2, $3, $4, $5::text[], $6) on conflict (rfi_id) do nothing`,
};

const CLOSE_REQUEST: PreparedStatement = {
  name: 'reporting.close-request',
  text: 'update report_request set closed_at = $1 where rfi_id = $2 and closed_at is null',
};

const ASSIGNMENTS_OF: PreparedStatement = {
  name: 'reporting.assignments-of',
  text: `select ${COLUMNS.join(', ')} from report_assignment where rfi_id = $1`,
};

const SAVE_ASSIGNMENT: PreparedStatement = {
  name: 'reporting.save-assignment',
  text: `insert into report_assignment (${COLUMNS.join(', ')})
    values ${valuesRow(COLUMNS.map((column) => (column === 'topics' ? '::text[]' : '')))}
    on conflict (assignment_id) do update set
    ${COLUMNS.filter((column) => column !== 'assignment_id')
      .map((column) => `${column} = excluded.${column}`)
      .join(', ')}
    where report_assignment.rfi_id = excluded.rfi_id
    returning assignment_id`,
};

/** The model's rows of requests and assignments, read and written inside an event's transaction. */
@Injectable()
export class ReportRecords {
  async keepRequest(
    em: EntityManager,
    request: {
      rfiId: string;
      reference: string;
      requesterParty: string;
      priority: string;
      topics: readonly string[];
      submittedAt: Date;
    },
  ): Promise<void> {
    await runPrepared(em, KEEP_REQUEST, [
      request.rfiId,
      request.reference,
      request.requesterParty,
      request.priority,
      textArray(request.topics),
      request.submittedAt,
    ]);
  }

  async closeRequest(em: EntityManager, rfiId: string, at: Date): Promise<void> {
    await runPrepared(em, CLOSE_REQUEST, [at, rfiId]);
  }

  async assignmentsOf(em: EntityManager, rfiId: string): Promise<AssignmentRecord[]> {
    const rows = await runPrepared<AssignmentRow>(em, ASSIGNMENTS_OF, [rfiId]);
    return rows.map(recordOf);
  }

  async save(em: EntityManager, record: AssignmentRecord): Promise<void> {
    const values = rowOf(record);
    const written = await runPrepared<{ assignment_id: string }>(
      em,
      SAVE_ASSIGNMENT,
      COLUMNS.map((column) => values[column]),
    );
    // An assignment id already kept for another request: the event is wrong, not this model.
    if (!written.length)
      throw new Error(
        `Assignment ${record.assignmentId} belongs to another request than ${record.rfiId}`,
      );
  }
}

function recordOf(row: AssignmentRow): AssignmentRecord {
  return {
    assignmentId: row.assignment_id,
    rfiId: row.rfi_id,
    requesterParty: row.requester_party,
    recipientParty: row.recipient_party,
    viaOfficer: row.via_officer,
    priority: row.priority,
    topics: row.topics,
    assignedAt: new Date(row.assigned_at),
    dueAt: new Date(row.due_at),
    acknowledgedAt: dateOrNull(row.acknowledged_at),
    respondedAt: dateOrNull(row.responded_at),
    declinedAt: dateOrNull(row.declined_at),
    closedAt: dateOrNull(row.closed_at),
    pausedSince: dateOrNull(row.paused_since),
    pausedMs: Number(row.paused_ms),
    escalationLevel: row.escalation_level,
    respondedOnTime: row.responded_on_time,
  };
}

function rowOf(record: AssignmentRecord): Record<(typeof COLUMNS)[number], unknown> {
  return {
    assignment_id: record.assignmentId,
    rfi_id: record.rfiId,
    requester_party: record.requesterParty,
    recipient_party: record.recipientParty,
    via_officer: record.viaOfficer,
    priority: record.priority,
    topics: textArray(record.topics),
    assigned_at: record.assignedAt,
    due_at: record.dueAt,
    acknowledged_at: record.acknowledgedAt,
    responded_at: record.respondedAt,
    declined_at: record.declinedAt,
    closed_at: record.closedAt,
    paused_since: record.pausedSince,
    paused_ms: record.pausedMs,
    escalation_level: record.escalationLevel,
    responded_on_time: record.respondedOnTime,
  };
}
