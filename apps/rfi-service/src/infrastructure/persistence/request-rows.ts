import { EntityManager } from '@mikro-orm/postgresql';
import { PreparedStatement } from '@bp/persistence';
import { HistoryEntry } from '../../domain/history-visibility';
import { notesOf, openNote } from './history-notes';
import { READS } from './need-to-know.sql';

/** A line of rfi_history as SQL returns it, or as `json_agg` does (id a number, at a string). */
export interface HistoryRow {
  id: string | number;
  at: Date | string;
  action: string;
  actor_user_id: string | null;
  actor_username: string | null;
  actor_role: string | null;
  actor_party: string | null;
  assignment_id: string | null;
  details: Record<string, unknown>;
}

const HISTORY_COLUMNS =
  'id, at, action, actor_user_id, actor_username, actor_role, actor_party, assignment_id, details';

/** The history of one RFI (`rfiIdSql` the SQL that names it), reads left out where `withReads` is false. */
export function historySql(rfiIdSql: 'r.id' | '?', withReads: boolean): string {
  return `select ${HISTORY_COLUMNS} from rfi_history
    where rfi_id = ${rfiIdSql} ${withReads ? '' : `and action not in (${READS})`}`;
}

/**
 * An RFI's row with its assignments and, where asked, the changes of its history (reads left
 * out) in one statement and so one snapshot: a read sees the request, who it went to and the
 * version it counts from as they were together. Not for a locking read: a row lock waited for is
 * taken after the subqueries ran, so they could show what the lock holder has since changed.
 *
 * `columns` are information_request's, named rather than `r.*`: a prepared statement whose `*`
 * took in a column added later would fail ("cached plan must not change result type") in every
 * instance that prepared it before the migration.
 */
export function requestWithParts(
  columns: readonly string[],
  withChanges: boolean,
): PreparedStatement {
  const changes = withChanges
    ? `, (select coalesce(json_agg(h order by h.id), '[]') from (${historySql('r.id', false)}) h)
         as change_rows`
    : '';
  return {
    name: withChanges ? 'rfi.request-with-changes' : 'rfi.request',
    text: `select ${columns.map((column) => `r.${column}`).join(', ')},
        (select coalesce(json_agg(a order by a.ordinal, a.id), '[]') from rfi_assignment a
          where a.rfi_id = r.id) as assignment_rows ${changes}
      from information_request r where r.id = $1`,
  };
}

/** History lines as entries, each note put back where its line keeps only the digest. */
export async function historyEntries(
  em: EntityManager,
  rfiId: string,
  rows: readonly HistoryRow[],
): Promise<HistoryEntry[]> {
  const notes = rows.some((row) => 'noteDigest' in row.details)
    ? await notesOf(em, rfiId)
    : new Map<string, string>();
  return rows.map((row) => ({ ...sealedEntry(row), details: openNote(row.details, notes) }));
}

/**
 * A history line as an entry with its note left sealed (the digest, never the text): enough to
 * count versions (domain/history-visibility.ts visibleVersion), not to show the line.
 */
export function sealedEntry(row: HistoryRow): HistoryEntry {
  return {
    position: Number(row.id),
    at: new Date(row.at),
    action: row.action,
    actor: row.actor_user_id
      ? {
          userId: row.actor_user_id,
          username: row.actor_username!,
          role: row.actor_role!,
          party: row.actor_party,
        }
      : null,
    assignmentId: row.assignment_id,
    details: row.details,
  };
}
