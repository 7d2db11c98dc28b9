import { NotificationKind } from '@bp/domain-kernel';
import { focalPointsOf } from './audience';
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
type PostingParty = 'hostParty' | 'sendingParty';

const HOST: readonly PostingParty[] = ['hostParty'];
const SENDER: readonly PostingParty[] = ['sendingParty'];
// A cancellation is the sender's or the secretariat's, and the event does not say which: the
// sending party hears of it too, as of a posting that ended.
const BOTH: readonly PostingParty[] = ['hostParty', 'sendingParty'];

/** Each deployment.* event that tells somebody: the kind, and whose focal points. */
const WHO_IS_TOLD: Readonly<Record<string, [NotificationKind, readonly PostingParty[]]>> = {
  'deployment.proposed': ['DEPLOYMENT_AWAITING_APPROVAL', HOST],
  'deployment.approved': ['DEPLOYMENT_APPROVED', SENDER],
  'deployment.refused': ['DEPLOYMENT_REFUSED', SENDER],
  'deployment.cancelled': ['DEPLOYMENT_CANCELLED', BOTH],
  'deployment.extension-requested': ['DEPLOYMENT_EXTENSION_REQUESTED', HOST],
  'deployment.extended': ['DEPLOYMENT_EXTENDED', SENDER],
  'deployment.extension-refused': ['DEPLOYMENT_EXTENSION_REFUSED', SENDER],
  'deployment.ended': ['DEPLOYMENT_ENDED', BOTH],
};

export function deploymentNotifications(type: string, posting: PostingFacts): NotificationDraft[] {
  const rule = WHO_IS_TOLD[type];
  if (!rule) return [];
  const [kind, parties] = rule;
  return oncePerAudience(
    parties.map(
      (party): NotificationDraft => ({
        kind,
        audience: focalPointsOf(posting[party]),
        subject: { type: 'deployment', id: posting.deploymentId },
        details: {
          officerId: posting.officerId,
          sendingParty: posting.sendingParty,
          hostParty: posting.hostParty,
          startDate: posting.startDate,
          endDate: posting.endDate,
        },
      }),
    ),
  );
}
