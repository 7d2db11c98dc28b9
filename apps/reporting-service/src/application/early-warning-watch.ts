import { Inject, Injectable, Logger } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { ReportingEvents, SERVICES } from '@bp/contracts';
import { stageEvents } from '@bp/messaging';
import { ScheduledPass, runExclusively } from '@bp/persistence';
import {
  REPORTING_SERVICE_SETTINGS,
  ReportingServiceSettings,
} from '../config/reporting-service-settings';
import { QUIET_AFTER_SIGNAL_MS, risesAmong, signalWindow } from '../domain/early-warning';
import { EarlyWarnings } from '../infrastructure/persistence/early-warnings';
import { ROUTE_PARTIES } from './route-parties';

/**
 * Tests every route and topic for a rise, now and then, and raises a signal for each that rose and
 * raised none in the last 7 days: kept, and announced as `early-warning.raised` (the
 * notification-service tells the secretariat) in one transaction. One pass at a time across
 * instances (runExclusively), so a rise is never raised twice.
 */
@Injectable()
export class EarlyWarningWatch extends ScheduledPass {
  private readonly logger = new Logger(EarlyWarningWatch.name);

  constructor(
    private readonly orm: MikroORM,
    private readonly signals: EarlyWarnings,
    @Inject(REPORTING_SERVICE_SETTINGS)
    settings: Pick<ReportingServiceSettings, 'earlyWarningIntervalMs'>,
  ) {
    super('Early-warning pass', settings.earlyWarningIntervalMs, true);
  }

  /** One pass; returns how many signals it raised (0 if another instance is passing). */
  async pass(now = new Date()): Promise<number> {
    const raised = await runExclusively(this.orm, 'early-warning', async (tx) => {
      const window = signalWindow(now);
      const quietSince = new Date(now.getTime() - QUIET_AFTER_SIGNAL_MS);
      let count = 0;
      for (const rise of risesAmong(await this.signals.weeklyCounts(tx, window, ROUTE_PARTIES))) {
        if (await this.signals.raisedSince(tx, rise, quietSince)) continue;
        const id = randomUUID();
        await this.signals.add(tx, { id, rise, window, raisedAt: now });
        await stageEvents(
          tx,
          [
            {
              definition: ReportingEvents.earlyWarningRaised,
              subject: id,
              subjectVersion: 1,
              data: {
                warningId: id,
                dimension: rise.dimension,
                key: rise.key,
                lastWeek: rise.lastWeek,
                baselineMean: rise.baselineMean,
                pValue: rise.pValue,
                windowFrom: window.from.toISOString(),
              },
            },
          ],
          { source: SERVICES.reporting.name, actor: null },
        );
        this.logger.log(
          `Early warning: ${rise.dimension} ${rise.key}, ${rise.lastWeek} requests in 7 days ` +
            `against a weekly ${rise.baselineMean} (p = ${rise.pValue.toExponential(2)})`,
        );
        count += 1;
      }
      return count;
    });
    return raised ?? 0;
  }
}
