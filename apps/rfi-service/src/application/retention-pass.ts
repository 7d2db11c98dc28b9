import { Injectable, Logger } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { ScheduledPass } from '@bp/persistence';
import { retentionOf } from '../domain/retention/retention-policy';
import {
  deleteBodies,
  holdsOf,
  namesMinor,
  retentionEnded,
} from '../infrastructure/persistence/retention-rows';
import { RfiUnitOfWork } from '../infrastructure/persistence/rfi.unit-of-work';
import { RfiSettings } from './rfi-settings';
import { pickThenEachOnItsOwn } from './each-on-its-own';

const BATCH = 50;

/**
 * Deletes the bodies of requests whose retention ended (RFI_RETENTION), keeping their tombstones.
 * One instance picks the requests of a pass; each is then deleted in a transaction of its own
 * under its row lock, where the rule and the holds are checked again (a hold placed meanwhile
 * wins), so a request is deleted once whichever instance reaches it. Paced by
 * RFI_OVERDUE_SCAN_INTERVAL_MS, as the service's other work of its own.
 */
@Injectable()
export class RetentionPass extends ScheduledPass {
  private readonly logger = new Logger(RetentionPass.name);

  constructor(
    private readonly orm: MikroORM,
    private readonly unitOfWork: RfiUnitOfWork,
    private readonly settings: RfiSettings,
  ) {
    super('Retention', settings.overdueScanIntervalMs);
  }

  /** One pass: how many requests' bodies were deleted. */
  async pass(now = new Date()): Promise<number> {
    const deleted = await pickThenEachOnItsOwn(
      this.orm,
      {
        lock: 'rfi-retention',
        ids: (tx) => retentionEnded(tx, this.settings.retention, now, BATCH),
      },
      (tx, id) => this.delete(tx, id, now),
      this.logger,
      (id) => `Request ${id} not deleted in this pass`,
    );
    if (deleted)
      this.logger.log(`Deleted the bodies of ${deleted} request(s) at the end of their retention`);
    return deleted;
  }

  private async delete(tx: EntityManager, id: string, now: Date): Promise<number> {
    let deleted = 0;
    await this.unitOfWork.systemChange(tx, id, async (rfi) => {
      if (rfi.deletedAt || (await holdsOf(tx, id)).length) return;
      const retention = retentionOf(rfi, await namesMinor(tx, id), this.settings.retention);
      if (!retention || retention.endsAt > now) return;
      await deleteBodies(tx, id);
      rfi.eraseForRetention(retention.rule, now);
      deleted = 1;
    });
    return deleted;
  }
}
