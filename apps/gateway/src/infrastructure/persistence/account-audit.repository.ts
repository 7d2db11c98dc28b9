import { EntityManager } from '@mikro-orm/postgresql';
import { ValidationFailedError, CursorErrors } from '@bp/contracts';
import {
  AccountAuditAction,
  AccountAuditEntry,
  AuditDetails,
} from '../../domain/user-account-audit';

export interface AuditFilter {
  targetUserId?: string;
  actorId?: string;
  action?: AccountAuditAction;
  cursor?: string;
  limit: number;
}

/** One line of GET /audit; `id` orders the log (newest first). */
export interface AuditLine {
  id: string;
  at: string;
  action: AccountAuditAction;
  actor: { userId: string; username: string } | null;
  target: { userId: string; username: string };
  details: AuditDetails;
}

interface AuditRow {
  seq: string;
  at: Date;
  action: AccountAuditAction;
  actor_user_id: string | null;
  actor_username: string | null;
  target_user_id: string;
  target_username: string;
  details: AuditDetails;
}

/**
 * The audit log of account changes. Only ever appended to (the table refuses updates and deletes),
 * always on the transaction of the change it records, so a change is never without its line.
 */
export async function appendAudit(
  em: EntityManager,
  entries: readonly AccountAuditEntry[],
): Promise<void> {
  for (const entry of entries) {
    await em.execute(
      `insert into account_audit (at, action, actor_user_id, actor_username, target_user_id, target_username, details)
       values (?, ?, ?, ?, ?, ?, ?::jsonb)`,
      [
        entry.at,
        entry.action,
        entry.actor?.userId ?? null,
        entry.actor?.username ?? null,
        entry.target.userId,
        entry.target.username,
        JSON.stringify(entry.details),
      ],
    );
  }
}

export async function auditPage(
  em: EntityManager,
  filter: AuditFilter,
): Promise<{ items: AuditLine[]; nextCursor: string | null }> {
  const where: string[] = [];
  const params: unknown[] = [];
  const add = (sql: string, value: unknown) => {
    where.push(sql);
    params.push(value);
  };
  if (filter.targetUserId) add('target_user_id = ?', filter.targetUserId);
  if (filter.actorId) add('actor_user_id = ?', filter.actorId);
  if (filter.action) add('action = ?', filter.action);
  if (filter.cursor) add('seq < ?', decodeAuditCursor(filter.cursor));
  const rows = await em.execute<AuditRow[]>(
    `select * from account_audit ${where.length ? `where ${where.join(' and ')}` : ''}
     order by seq desc limit ?`,
    [...params, filter.limit + 1],
  );
  const page = rows.slice(0, filter.limit);
  const last = page[page.length - 1];
  return {
    items: page.map(lineOf),
    nextCursor: rows.length > filter.limit && last ? encodeAuditCursor(last.seq) : null,
  };
}

function lineOf(row: AuditRow): AuditLine {
  return {
    id: String(row.seq),
    at: new Date(row.at).toISOString(),
    action: row.action,
    actor: row.actor_user_id
      ? { userId: row.actor_user_id, username: row.actor_username ?? '' }
      : null,
    target: { userId: row.target_user_id, username: row.target_username },
    details: row.details,
  };
}

function encodeAuditCursor(seq: string): string {
  return Buffer.from(JSON.stringify(['audit', String(seq)])).toString('base64url');
}

function decodeAuditCursor(cursor: string): string {
  try {
    const [kind, seq] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
    if (kind === 'audit' && typeof seq === 'string' && /^[1-9][0-9]{0,17}$/.test(seq)) return seq;
  } catch {
    // not ours: refused below
  }
  throw new ValidationFailedError(CursorErrors.INVALID, 'The cursor is not one this API gave out', [
    { field: 'cursor', message: 'invalid' },
  ]);
}
