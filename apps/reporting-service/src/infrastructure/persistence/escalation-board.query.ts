import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { EscalationBoard, EscalationItem } from '@bp/contracts';
import { decodeCursor, pageOf } from '@bp/persistence';
import { overdueNow } from './model-sql';

interface Row {
  rfi_id: string;
  reference: string;
  assignment_id: string;
  requester_party: string;
  recipient_party: string;
  via_officer: boolean;
  priority: string;
  topics: string[];
  escalation_level: number;
  due_at: string | Date;
}

const OVERDUE = overdueNow('a');

/** The escalation board, from the open assignments' partial index, oldest due first. */
@Injectable()
export class EscalationBoardQueryRunner {
  async run(
    em: EntityManager,
    filter: {
      level: number | null;
      party: string | null;
      limit: number;
      cursor: string | null;
      now: Date;
    },
  ): Promise<EscalationBoard> {
    const counts = await em.execute<{ level: number; n: string }[]>(
      `select a.escalation_level as level, count(*) as n from report_assignment a
       where ${OVERDUE} group by 1`,
      [filter.now],
    );
    const where = [OVERDUE];
    const params: unknown[] = [filter.now];
    if (filter.level !== null) {
      where.push('a.escalation_level = ?');
      params.push(filter.level);
    }
    if (filter.party) {
      where.push('a.recipient_party = ?');
      params.push(filter.party);
    }
    if (filter.cursor) {
      const [dueAt, id] = decodeCursor(filter.cursor);
      where.push('(a.due_at, a.assignment_id) > (?, ?)');
      params.push(dueAt, id);
    }
    const rows = await em.execute<Row[]>(
      `select a.rfi_id, r.reference, a.assignment_id, a.requester_party, a.recipient_party,
         a.via_officer, a.priority, a.topics, a.escalation_level, a.due_at
       from report_assignment a join report_request r on r.rfi_id = a.rfi_id
       where ${where.join(' and ')}
       order by a.due_at, a.assignment_id limit ?`,
      [...params, filter.limit + 1],
    );
    const byLevel = { '0': 0, '1': 0, '2': 0, '3': 0 };
    for (const { level, n } of counts) byLevel[String(level) as keyof typeof byLevel] = Number(n);
    return {
      byLevel,
      ...pageOf(
        rows,
        filter.limit,
        (row) => [new Date(row.due_at), row.assignment_id],
        (row) => itemOf(row, filter.now),
      ),
    };
  }
}

function itemOf(row: Row, now: Date): EscalationItem {
  const dueAt = new Date(row.due_at);
  return {
    rfiId: row.rfi_id,
    reference: row.reference,
    assignmentId: row.assignment_id,
    requesterParty: row.requester_party,
    recipientParty: row.recipient_party,
    heldByOfficer: row.via_officer,
    priority: row.priority,
    topics: row.topics,
    level: row.escalation_level,
    dueAt: dueAt.toISOString(),
    hoursLate: Math.round(((now.getTime() - dueAt.getTime()) / 3_600_000) * 100) / 100,
  };
}
