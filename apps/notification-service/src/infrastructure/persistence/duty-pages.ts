import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { DutyContact } from '../../domain/duty-roster';
import { PageStep } from '../../domain/page-escalation';
import { NotificationSubject } from '../../domain/notification-draft';

/** A duty page: what it is about, which rung it is on, whom it reached, and its acknowledgement. */
export interface DutyPage {
  id: string;
  party: string;
  subject: NotificationSubject;
  assignmentId: string | null;
  step: PageStep;
  pagedUserId: string | null;
  pagedUserIds: string[];
  fallback: DutyContact | null;
  pagedAt: Date;
  escalateAt: Date | null;
  acknowledgedAt: Date | null;
  acknowledgedBy: string | null;
}

interface Row {
  id: string;
  party: string;
  subject: NotificationSubject;
  assignment_id: string | null;
  step: PageStep;
  paged_user_id: string | null;
  paged_user_ids: string[];
  fallback_user_id: string | null;
  fallback_email: string | null;
  paged_at: Date;
  escalate_at: Date | null;
  acknowledged_at: Date | null;
  acknowledged_by: string | null;
}

const toPage = (row: Row): DutyPage => ({
  id: row.id,
  party: row.party,
  subject: row.subject,
  assignmentId: row.assignment_id,
  step: row.step,
  pagedUserId: row.paged_user_id,
  pagedUserIds: row.paged_user_ids,
  fallback: row.fallback_user_id
    ? { userId: row.fallback_user_id, email: row.fallback_email }
    : null,
  pagedAt: new Date(row.paged_at),
  escalateAt: row.escalate_at ? new Date(row.escalate_at) : null,
  acknowledgedAt: row.acknowledged_at ? new Date(row.acknowledged_at) : null,
  acknowledgedBy: row.acknowledged_by,
});

/** Array literal for a uuid[] column (ids are UUIDs: nothing to quote). */
const uuidArray = (ids: readonly string[]) => `{${ids.join(',')}}`;

/** Duty pages: created once per routing notification, climbed and acknowledged under a row lock. */
@Injectable()
export class DutyPages {
  /** Keeps a new page; false when this routing notification already has one (a redelivery). */
  async open(em: EntityManager, notificationId: string, page: DutyPage): Promise<boolean> {
    const rows = await em.execute<{ id: string }[]>(
      `insert into duty_page (id, notification_id, party, subject, assignment_id, step, paged_user_id,
         paged_user_ids, fallback_user_id, fallback_email, paged_at, escalate_at, created_at)
       values (?, ?, ?, ?::jsonb, ?, ?, ?, ?::uuid[], ?, ?, ?, ?, ?)
       on conflict (notification_id) do nothing returning id`,
      [
        page.id,
        notificationId,
        page.party,
        JSON.stringify(page.subject),
        page.assignmentId,
        page.step,
        page.pagedUserId,
        uuidArray(page.pagedUserIds),
        page.fallback?.userId ?? null,
        page.fallback?.email ?? null,
        page.pagedAt,
        page.escalateAt,
        page.pagedAt,
      ],
    );
    return rows.length > 0;
  }

  /** The page, locked for a change (an acknowledgement) until the transaction ends. */
  async lock(em: EntityManager, id: string): Promise<DutyPage | null> {
    const [row] = await em.execute<Row[]>(`select * from duty_page where id = ? for update`, [id]);
    return row ? toPage(row) : null;
  }

  /**
   * Unacknowledged pages due to climb, locked; rows another instance holds are skipped, so each
   * climbs in one transaction only.
   */
  async lockDue(em: EntityManager, now: Date, limit: number): Promise<DutyPage[]> {
    const rows = await em.execute<Row[]>(
      `select * from duty_page
       where acknowledged_at is null and escalate_at is not null and escalate_at <= ?
       order by escalate_at limit ? for update skip locked`,
      [now, limit],
    );
    return rows.map(toPage);
  }

  /** Writes a page's rung, whom it reached, and when it climbs next (or acknowledgement). */
  async update(em: EntityManager, page: DutyPage): Promise<void> {
    await em.execute(
      `update duty_page set step = ?, paged_user_id = ?, paged_user_ids = ?::uuid[], paged_at = ?,
         escalate_at = ?, acknowledged_at = ?, acknowledged_by = ?
       where id = ?`,
      [
        page.step,
        page.pagedUserId,
        uuidArray(page.pagedUserIds),
        page.pagedAt,
        page.escalateAt,
        page.acknowledgedAt,
        page.acknowledgedBy,
        page.id,
      ],
    );
  }
}
