import { Injectable, Logger } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { ScheduledPass } from '@bp/persistence';
import { matchedTypes, possibleLinkChange } from '../domain/entities/possible-links';
import {
  claimNotice,
  markNoted,
  pendingNotices,
  referenceOf,
} from '../infrastructure/persistence/possible-link-rows';
import { RfiUnitOfWork } from '../infrastructure/persistence/rfi.unit-of-work';
import { RfiSettings } from './rfi-settings';
import { pickThenEachOnItsOwn } from './each-on-its-own';

const BATCH = 100;

/**
 * Writes a possible link's line into the other request's history, after the change that found
 * the link (which holds its own request only). Each link in a transaction of its own: the link's
 * row lock, then the request's, then the line and the mark together, so every link is noted
 * exactly once whichever instance's pass reaches it, and a failure is retried by the next pass.
 * Paced by RFI_OVERDUE_SCAN_INTERVAL_MS, as the service's other work of its own.
 */
@Injectable()
export class LinkNotices extends ScheduledPass {
  private readonly logger = new Logger(LinkNotices.name);

  constructor(
    private readonly orm: MikroORM,
    private readonly unitOfWork: RfiUnitOfWork,
    settings: RfiSettings,
  ) {
    super('Link notices', settings.overdueScanIntervalMs);
  }

  /** One pass: how many links were noted in their other request. */
  async pass(now = new Date()): Promise<number> {
    const noted = await pickThenEachOnItsOwn(
      this.orm,
      { lock: 'rfi-link-notices', ids: (tx) => pendingNotices(tx, BATCH) },
      (tx, id) => this.note(tx, id, now),
      this.logger,
      (id) => `Possible link ${id} not noted in its other request in this pass`,
    );
    if (noted) this.logger.log(`Noted ${noted} possible link(s) in their other request`);
    return noted;
  }

  private async note(tx: EntityManager, id: string, now: Date): Promise<number> {
    const notice = await claimNotice(tx, id);
    if (!notice) return 0;
    const foundBy = {
      id: notice.foundByRfiId,
      reference: await referenceOf(tx, notice.foundByRfiId),
    };
    await this.unitOfWork.systemChange(tx, notice.otherRfiId, (rfi) =>
      rfi.noteLink(
        possibleLinkChange(
          { id: notice.id, entityTypes: matchedTypes(notice.matches) },
          foundBy,
          now,
          false,
        ),
      ),
    );
    await markNoted(tx, id);
    return 1;
  }
}
