import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { Actor } from '@bp/contracts';
import { RfiAttachment } from '../../domain/rfi-attachment';
import { AttachmentsHeld } from '../../domain/attachment-rules';
import { RfiMessage } from '../../domain/rfi-message';
import { RfiAttachmentSchema, RfiMessageSchema } from './information-request.schema';
import { RfiRepository } from './rfi.repository';

/**
 * The files of RFIs as rows, and the blobs no file claims (rfi-attachment.migration.ts). The
 * bytes themselves are the AttachmentStore's.
 */
@Injectable()
export class AttachmentRepository {
  constructor(private readonly rfis: RfiRepository) {}

  attachmentsOf(em: EntityManager, rfiId: string): Promise<RfiAttachment[]> {
    return em.find(RfiAttachmentSchema, { rfiId }, { orderBy: { uploadedAt: 'asc', id: 'asc' } });
  }

  find(em: EntityManager, rfiId: string, id: string): Promise<RfiAttachment | null> {
    return em.findOne(RfiAttachmentSchema, { id, rfiId });
  }

  message(em: EntityManager, rfiId: string, id: string): Promise<RfiMessage | null> {
    return em.findOne(RfiMessageSchema, { id, rfiId });
  }

  /** What one person has attached to one RFI (limits are per person: attachment-rules.ts). */
  async held(em: EntityManager, rfiId: string, userId: string): Promise<AttachmentsHeld> {
    const [row] = await em.execute<{ count: string; total: string }[]>(
      `select count(*) as count, coalesce(sum(size), 0) as total from rfi_attachment
       where rfi_id = ? and uploaded_by_user_id = ?`,
      [rfiId, userId],
    );
    return { count: Number(row!.count), totalBytes: Number(row!.total) };
  }

  /**
   * Lists a blob about to be written as claimed by no file, in a transaction of its own that
   * commits before the first byte is stored: whatever happens next, the sweep finds it.
   */
  async expectBlob(em: EntityManager, blobId: string): Promise<void> {
    await em.fork().execute(`insert into attachment_orphan (blob_id) values (?)`, [blobId]);
  }

  /** Whether a file claims the blob. */
  async claims(em: EntityManager, blobId: string): Promise<boolean> {
    const rows = await em.execute(`select 1 from rfi_attachment where blob_id = ?`, [blobId]);
    return rows.length > 0;
  }

  /** Blobs claimed by no file for longer than `graceMs`, the oldest first. */
  async orphansOlderThan(em: EntityManager, graceMs: number, limit: number): Promise<string[]> {
    const rows = await em.execute<{ blob_id: string }[]>(
      `select blob_id from attachment_orphan
       where since < now() - ? * interval '1 millisecond'
         and not exists (select 1 from rfi_attachment a where a.blob_id = attachment_orphan.blob_id)
       order by since limit ?`,
      [graceMs, limit],
    );
    return rows.map((row) => row.blob_id);
  }

  /** The blob is freed (or was never written): nothing is left to sweep. */
  async forgetOrphan(em: EntityManager, blobId: string): Promise<void> {
    await em.execute(`delete from attachment_orphan where blob_id = ?`, [blobId]);
  }

  /** A download, as a read of a body: in the history, seen by whoever may see the caller's reads. */
  recordDownload(
    em: EntityManager,
    rfiId: string,
    actor: Actor,
    attachment: RfiAttachment,
    messageKind: string | null,
    now: Date,
  ): Promise<void> {
    return this.rfis.appendHistory(em, rfiId, [
      {
        action: 'ATTACHMENT_DOWNLOADED',
        at: now,
        actor,
        details: { attachmentId: attachment.id, messageId: attachment.messageId, messageKind },
      },
    ]);
  }
}
