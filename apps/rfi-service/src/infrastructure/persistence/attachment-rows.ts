import { EntityManager } from '@mikro-orm/postgresql';
import { RfiAttachment } from '../../domain/rfi-attachment';

/**
 * In the transaction of the change that added or removed them (RfiRepository.save): added files
 * claim their blobs, removed ones give theirs back to be freed at once.
 */
export async function keepAttachmentChanges(
  em: EntityManager,
  changes: { added: RfiAttachment[]; removed: RfiAttachment[] },
): Promise<void> {
  for (const attachment of changes.added) {
    em.persist(attachment);
    await em.execute(`delete from attachment_orphan where blob_id = ?`, [attachment.blobId]);
  }
  for (const attachment of changes.removed) {
    em.remove(attachment);
    await em.execute(
      `insert into attachment_orphan (blob_id, since) values (?, '-infinity')
       on conflict (blob_id) do update set since = '-infinity'`,
      [attachment.blobId],
    );
  }
}
