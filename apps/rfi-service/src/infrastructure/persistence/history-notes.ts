import { createHash, randomBytes } from 'node:crypto';
import { EntityManager } from '@mikro-orm/postgresql';

/** A note taken out of its history line: the line keeps the digest, the table the text. */
export interface KeptNote {
  digest: string;
  note: string;
  salt: Buffer;
}

/**
 * Takes the text people typed (`note`) out of a line's details and leaves its digest in its place
 * (history-notes.migration.ts): the chain hashes the digest, so it proves the note unchanged while
 * the note itself can be deleted with the request's other bodies. Lines without a note stay as
 * they are (`note: null` included).
 */
export function sealNote(details: Record<string, unknown>): {
  details: Record<string, unknown>;
  kept: KeptNote | null;
} {
  const { note, ...rest } = details;
  if (typeof note !== 'string') return { details, kept: null };
  const salt = randomBytes(16);
  const digest = createHash('sha256').update(salt).update(note, 'utf8').digest('hex');
  return { details: { ...rest, noteDigest: digest }, kept: { digest, note, salt } };
}

/** Puts each line's note back where it was, `null` once deleted; the digest is never shown. */
export function openNote(
  details: Record<string, unknown>,
  notes: ReadonlyMap<string, string>,
): Record<string, unknown> {
  const { noteDigest, ...rest } = details;
  if (typeof noteDigest !== 'string') return details;
  return { ...rest, note: notes.get(noteDigest) ?? null };
}

export async function keepNotes(
  em: EntityManager,
  rfiId: string,
  notes: readonly KeptNote[],
): Promise<void> {
  if (!notes.length) return;
  await em.execute(
    `insert into rfi_history_note (digest, rfi_id, note, salt)
     values ${notes.map(() => '(?, ?, ?, ?)').join(', ')}`,
    notes.flatMap((kept) => [kept.digest, rfiId, kept.note, kept.salt]),
    'run',
  );
}

export async function notesOf(em: EntityManager, rfiId: string): Promise<Map<string, string>> {
  const rows = await em.execute<{ digest: string; note: string }[]>(
    'select digest, note from rfi_history_note where rfi_id = ?',
    [rfiId],
  );
  return new Map(rows.map((row) => [row.digest, row.note]));
}
