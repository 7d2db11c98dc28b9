import { Actor } from '@bp/domain-kernel';
import { Alert } from './alert';

/**
 * What the caller is to an alert. The secretariat sees every alert; the sender's party sees whom
 * its alert reached and who acknowledged; an addressed party sees the alert and its own
 * acknowledgement only (which other parties were told is not its to know); anyone else, nothing.
 */
export type AlertRelation = 'secretariat' | 'sender' | 'addressed';

export function relationToAlert(actor: Actor, alert: Alert): AlertRelation | null {
  if (actor.role === 'secretariat') return 'secretariat';
  if (actor.role !== 'focal_point' || actor.party === null) return null;
  if (alert.senderParty === actor.party) return 'sender';
  return alert.isAddressedTo(actor.party) ? 'addressed' : null;
}

/**
 * The version as the caller can see it change: an addressed party's ETag moves with its own
 * acknowledgement only, so it cannot count the other parties' acknowledgements.
 */
export function shownAlertVersion(alert: Alert, relation: AlertRelation, party: string | null) {
  if (relation !== 'addressed') return alert.version;
  return party !== null && alert.acknowledgementOf(party) ? 2 : 1;
}
