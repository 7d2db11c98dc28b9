import { ReportingEvents } from '@bp/contracts';
import { EventDraft } from '@bp/messaging';
import { Alert, AlertChange } from '../domain/alert';

/**
 * Each change as an event naming whom the alert addresses (so their focal points are told), its
 * title and severity: what every addressed party reads. The summary stays in the service.
 */
export function alertEvents(alert: Alert, changes: readonly AlertChange[]): EventDraft[] {
  return changes.map((change) => ({
    definition:
      change.action === 'RAISED' ? ReportingEvents.alertRaised : ReportingEvents.alertAcknowledged,
    subject: alert.id,
    subjectVersion: alert.version,
    data: {
      alertId: alert.id,
      senderParty: alert.senderParty,
      severity: alert.severity,
      title: alert.title,
      addressedParties: [...alert.addressedParties],
      ...(change.action === 'ACKNOWLEDGED' && change.party ? { party: change.party } : {}),
    },
  }));
}
