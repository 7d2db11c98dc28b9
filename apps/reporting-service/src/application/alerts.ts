import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import {
  Actor,
  AlertIdCommand,
  AlertListQuery,
  NotFoundError,
  RaiseAlertBody,
  ReportingAccess,
  ReportingCommands,
} from '@bp/contracts';
import { requireRole } from '@bp/auth';
import { CommandContext, HandlesCommand, Versioned, versioned } from '@bp/messaging';
import { ALERT_QUOTA_WINDOW_MS, Alert, assertAlertQuota } from '../domain/alert';
import {
  REPORTING_SERVICE_SETTINGS,
  ReportingServiceSettings,
} from '../config/reporting-service-settings';
import { AlertErrors } from '../domain/alert-errors';
import { relationToAlert, shownAlertVersion } from '../domain/alert-need-to-know';
import { AlertRepository, AlertUnitOfWork } from '../infrastructure/persistence/alerts';
import { partiesReached } from './alert-address';
import { alertView } from './alert-views';

/**
 * Alerts raised by people (POST /alerts) and read and acknowledged by the parties they address.
 * An alert the caller may not see is answered as absent, whatever it holds.
 */
@Injectable()
export class Alerts {
  constructor(
    private readonly alerts: AlertRepository,
    private readonly unitOfWork: AlertUnitOfWork,
    @Inject(REPORTING_SERVICE_SETTINGS)
    private readonly settings: Pick<ReportingServiceSettings, 'alertDailyLimit'>,
  ) {}

  @HandlesCommand(ReportingCommands.raiseAlert)
  async raise(input: RaiseAlertBody, { actor, em }: CommandContext): Promise<Versioned> {
    const by = requireRole(actor, ...ReportingAccess.raiseAlert);
    const now = new Date();
    const sender = by.role === 'focal_point' ? by.party : null;
    assertAlertQuota(
      await this.alerts.raisedSinceLocked(
        em,
        sender,
        new Date(now.getTime() - ALERT_QUOTA_WINDOW_MS),
      ),
      this.settings.alertDailyLimit,
    );
    const address = {
      routes: input.routes ?? [],
      regions: input.regions ?? [],
      parties: input.parties ?? [],
    };
    const alert = Alert.raise({
      id: randomUUID(),
      by,
      title: input.title,
      summary: input.summary,
      severity: input.severity,
      address,
      reached: partiesReached(address),
      now,
    });
    await this.unitOfWork.commit(em, alert, by);
    return answer(alert, by);
  }

  @HandlesCommand(ReportingCommands.listAlerts)
  async list(query: AlertListQuery, { actor, em }: CommandContext) {
    const caller = requireRole(actor, ...ReportingAccess.readAlerts);
    const page = await this.alerts.page(em, caller, query.limit ?? 20, query.cursor ?? null);
    // The SQL picks what the caller may see; the domain's rule decides again, item by item.
    const seen = page.items.flatMap((alert) => {
      const relation = relationToAlert(caller, alert);
      return relation ? [alertView(alert, relation, caller.party)] : [];
    });
    return { items: seen, nextCursor: page.nextCursor };
  }

  @HandlesCommand(ReportingCommands.getAlert)
  async get(input: AlertIdCommand, { actor, em }: CommandContext): Promise<Versioned> {
    const caller = requireRole(actor, ...ReportingAccess.readAlerts);
    const alert = await this.alerts.find(em, input.alertId);
    if (!alert || !relationToAlert(caller, alert)) throw absent(input.alertId);
    return answer(alert, caller);
  }

  @HandlesCommand(ReportingCommands.acknowledgeAlert)
  async acknowledge(
    input: AlertIdCommand,
    { actor, em, ifMatch }: CommandContext,
  ): Promise<Versioned> {
    const caller = requireRole(actor, ...ReportingAccess.acknowledgeAlert);
    const alert = await this.unitOfWork.change(em, {
      id: input.alertId,
      actor: caller,
      visible: (a) => relationToAlert(caller, a) !== null,
      absent: () => absent(input.alertId),
      ifMatch,
      shownVersion: (a) => shownAlertVersion(a, relationToAlert(caller, a)!, caller.party),
      apply: (a) => a.acknowledge(caller, new Date()),
    });
    return answer(alert, caller);
  }
}

function absent(alertId: string): NotFoundError {
  return new NotFoundError(AlertErrors.NOT_FOUND, `No alert ${alertId}`);
}

/** The alert as the caller sees it, with the version the caller sees as its ETag. */
function answer(alert: Alert, caller: Actor): Versioned {
  const view = alertView(alert, relationToAlert(caller, alert)!, caller.party);
  return versioned(view, view.version);
}
