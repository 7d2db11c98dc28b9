import { Deployment } from '../domain/deployment';
import { Officer } from '../domain/officer';
import {
  OfficerRelation,
  PostingRelation,
  seesContact,
  seesPostingDetails,
  shownPostingVersion,
  visibleExtensions,
} from '../domain/need-to-know';

/**
 * An officer as the caller may see them. Without a relation the contact details (rank, e-mail,
 * phone) are not in the answer at all, and `contactWithheld` says why.
 */
export function officerView(officer: Officer, relation: OfficerRelation) {
  const shared = {
    id: officer.id,
    fullName: officer.fullName,
    sendingParty: officer.sendingParty,
    agency: officer.agency,
    languages: officer.languages,
    expertise: officer.expertise,
    createdAt: new Date(officer.createdAt).toISOString(),
    contactWithheld: !seesContact(relation),
  };
  if (!seesContact(relation)) return shared;
  return { ...shared, rank: officer.rank, email: officer.email, phone: officer.phone };
}

const iso = (date: Date | null) => (date ? new Date(date).toISOString() : null);

/**
 * A posting as the caller may see it (call only where need-to-know lets the caller see it at all).
 * Free text and the extension record are only in the answers of those involved; `version` counts
 * only the changes the caller can see, and is the ETag.
 */
export function deploymentView(deployment: Deployment, relation: PostingRelation) {
  const shared = {
    id: deployment.id,
    officerId: deployment.officerId,
    sendingParty: deployment.sendingParty,
    hostParty: deployment.hostParty,
    postingCity: deployment.postingCity,
    mandateTopics: deployment.mandateTopics,
    startDate: deployment.startDate,
    endDate: deployment.endDate,
    status: deployment.status,
    proposedAt: iso(deployment.proposedAt),
    decidedAt: iso(deployment.decidedAt),
    activatedAt: iso(deployment.activatedAt),
    endedAt: iso(deployment.endedAt),
    endReason: deployment.endReason,
    cancelledAt: iso(deployment.cancelledAt),
    version: shownPostingVersion(relation, deployment),
  };
  if (!seesPostingDetails(relation)) return shared;
  return {
    ...shared,
    note: deployment.note,
    refusalReason: deployment.refusalReason,
    recallReason: deployment.recallReason,
    cancelReason: deployment.cancelReason,
    extensions: visibleExtensions(relation, deployment.extensions),
  };
}
