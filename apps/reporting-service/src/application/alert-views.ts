import { AlertView } from '@bp/contracts';
import { Alert } from '../domain/alert';
import { AlertRelation, shownAlertVersion } from '../domain/alert-need-to-know';

/**
 * The alert as `relation` may see it: the parties named and reached, and who acknowledged, only
 * for the sender's party and the secretariat; an addressed party learns of no other party.
 */
export function alertView(alert: Alert, relation: AlertRelation, party: string | null): AlertView {
  const common = {
    id: alert.id,
    title: alert.title,
    summary: alert.summary,
    severity: alert.severity,
    senderParty: alert.senderParty,
    raisedAt: alert.raisedAt.toISOString(),
    routes: [...alert.routes],
    regions: [...alert.regions],
    version: shownAlertVersion(alert, relation, party),
  };
  // Whom it reached and who acknowledged: named for the two who may know, never by default.
  if (relation === 'secretariat' || relation === 'sender')
    return {
      ...common,
      parties: [...alert.parties],
      addressedParties: [...alert.addressedParties],
      acknowledgements: alert.acknowledgements.map(({ party: by, at }) => ({ party: by, at })),
    };
  return {
    ...common,
    acknowledgedAt: (party !== null && alert.acknowledgementOf(party)?.at) || null,
  };
}
