import { SECRETARIAT, focalPointsOf } from './audience';
import { NotificationDraft, oncePerAudience } from './notification-draft';

/** What an alert.* event says: whom the alert addresses, who sent it, its title and severity. */
export interface AlertFacts {
  alertId: string;
  senderParty: string | null;
  severity: string;
  title: string;
  addressedParties: string[];
  party?: string;
}

/** What an early-warning.raised event says: which route or topic rose, and by how much. */
export interface EarlyWarningFacts {
  warningId: string;
  dimension: string;
  key: string;
  lastWeek: number;
}

/**
 * An alert reaches the focal points of each party it addresses and the secretariat, which sees
 * every alert; an acknowledgement goes back to the sender (its party's focal points, or the
 * secretariat). Each audience learns of itself only: no notification names another addressee.
 */
export function alertNotifications(type: string, alert: AlertFacts): NotificationDraft[] {
  const subject = { type: 'alert' as const, id: alert.alertId, title: alert.title };
  switch (type) {
    case 'alert.raised':
      return oncePerAudience(
        [
          ...alert.addressedParties.map(focalPointsOf),
          // The secretariat raised it itself: nothing to tell it.
          ...(alert.senderParty ? [SECRETARIAT] : []),
        ].map((audience) => ({
          kind: 'ALERT_RAISED',
          audience,
          subject,
          details: {
            severity: alert.severity,
            ...(alert.senderParty ? { senderParty: alert.senderParty } : {}),
          },
        })),
      );
    case 'alert.acknowledged':
      return alert.party
        ? [
            {
              kind: 'ALERT_ACKNOWLEDGED',
              audience: alert.senderParty ? focalPointsOf(alert.senderParty) : SECRETARIAT,
              subject,
              details: { party: alert.party },
            },
          ]
        : [];
    default:
      return [];
  }
}

/** A signal is the secretariat's to weigh: it alone is told. */
export function earlyWarningNotifications(warning: EarlyWarningFacts): NotificationDraft[] {
  return [
    {
      kind: 'EARLY_WARNING',
      audience: SECRETARIAT,
      subject: {
        type: 'early-warning',
        id: warning.warningId,
        title: `${warning.dimension} ${warning.key}`,
      },
      details: { dimension: warning.dimension, key: warning.key, lastWeek: warning.lastWeek },
    },
  ];
}
