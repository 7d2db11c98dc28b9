import { NotificationKind } from '@bp/domain-kernel';
import { Audience, focalPointsOf } from './audience';
import { NotificationDraft, oncePerAudience } from './notification-draft';

/** What a deployment.* event says of a posting (its whole state; no names, no notes). */
export interface PostingFacts {
  deploymentId: string;
  officerId: string;
  sendingParty: string;
  hostParty: string;
  startDate: string;
  endDate: string;
}

/**
 * Who must act on a posting, by the deployment-service's rules: the host's focal points approve a
 * proposed posting and an extension; the sending party's focal points learn the host's answer
 * to a proposal and to an extension (they plan the officer's travel and the handover on it);
 * when a posting is cancelled before it starts (by the sender or the secretariat) or ends, both
 * are told (the officer's open requests pass to the host, and the sender may post someone else).
 * Both may see the posting in any state; nobody else is told of a posting that may still be
 * refused. Activation needs nobody: it is the agreed start date arriving.
 */
export function deploymentNotifications(type: string, posting: PostingFacts): NotificationDraft[] {
  const draft = (kind: NotificationKind, audience: Audience): NotificationDraft => ({
    kind,
    audience,
    subject: { type: 'deployment', id: posting.deploymentId },
    details: {
      officerId: posting.officerId,
      sendingParty: posting.sendingParty,
      hostParty: posting.hostParty,
      startDate: posting.startDate,
      endDate: posting.endDate,
    },
  });
  switch (type) {
    case 'deployment.proposed':
      return [draft('DEPLOYMENT_AWAITING_APPROVAL', focalPointsOf(posting.hostParty))];
    case 'deployment.approved':
      return [draft('DEPLOYMENT_APPROVED', focalPointsOf(posting.sendingParty))];
    case 'deployment.refused':
      return [draft('DEPLOYMENT_REFUSED', focalPointsOf(posting.sendingParty))];
    case 'deployment.cancelled':
      // The sender's focal points or the secretariat cancel, and the event does not say which:
      // the sending party hears of it too, as of a posting that ended.
      return oncePerAudience([
        draft('DEPLOYMENT_CANCELLED', focalPointsOf(posting.hostParty)),
        draft('DEPLOYMENT_CANCELLED', focalPointsOf(posting.sendingParty)),
      ]);
    case 'deployment.extension-requested':
      return [draft('DEPLOYMENT_EXTENSION_REQUESTED', focalPointsOf(posting.hostParty))];
    case 'deployment.extended':
      return [draft('DEPLOYMENT_EXTENDED', focalPointsOf(posting.sendingParty))];
    case 'deployment.extension-refused':
      return [draft('DEPLOYMENT_EXTENSION_REFUSED', focalPointsOf(posting.sendingParty))];
    case 'deployment.ended':
      return oncePerAudience([
        draft('DEPLOYMENT_ENDED', focalPointsOf(posting.hostParty)),
        draft('DEPLOYMENT_ENDED', focalPointsOf(posting.sendingParty)),
      ]);
    default:
      return [];
  }
}
