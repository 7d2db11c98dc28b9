import { Inject, Injectable, Logger } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { ScheduledPass } from '@bp/persistence';
import { AttachmentRepository } from '../infrastructure/persistence/attachment.repository';
import { ATTACHMENT_STORE, AttachmentStore } from './attachment-store';
import { AttachmentSettings } from './attachment-settings';

/**
 * An upload's blob is listed as an orphan from before its first byte until the file claims it,
 * so a blob younger than this may be an upload still under way. No upload runs longer than
 * UPLOAD_TIME_LIMIT_MS (10 minutes: attachment-uploads.ts), hence a quarter of an hour.
 */
export const ORPHAN_GRACE_MS = 15 * 60_000;

/** Blobs freed in one pass at most: a backlog goes over several passes. */
const BATCH = 200;

/**
 * Frees the bytes that no file claims: uploads that failed or were cut off (what a store could not
 * clean up at once), uploads of a process that died, files removed from drafts. Freeing is
 * idempotent (a blob already gone is no error), so two instances sweeping at once do no harm.
 */
@Injectable()
export class OrphanSweep extends ScheduledPass {
  private readonly logger = new Logger(OrphanSweep.name);

  constructor(
    private readonly orm: MikroORM,
    private readonly attachments: AttachmentRepository,
    @Inject(ATTACHMENT_STORE) private readonly store: AttachmentStore,
    settings: AttachmentSettings,
  ) {
    super('Attachment orphan sweep', settings.sweepIntervalMs, true);
  }

  /** One pass: how many blobs were freed. */
  async pass(graceMs = ORPHAN_GRACE_MS): Promise<number> {
    const em = this.orm.em.fork() as EntityManager;
    let freed = 0;
    for (const blobId of await this.attachments.orphansOlderThan(em, graceMs, BATCH)) {
      try {
        await this.store.delete(blobId);
        await this.attachments.forgetOrphan(em, blobId);
        freed += 1;
      } catch (error) {
        this.logger.warn(
          `Blob ${blobId} not freed, next pass: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
    }
    if (freed) this.logger.log(`Freed ${freed} blob(s) that no attachment claims`);
    return freed;
  }
}
