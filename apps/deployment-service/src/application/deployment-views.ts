import { Deployment } from '../domain/deployment';
import { Officer } from '../domain/officer';

export function officerView(officer: Officer) {
  return {
    id: officer.id,
    fullName: officer.fullName,
    sendingParty: officer.sendingParty,
    agency: officer.agency,
    rank: officer.rank,
    languages: officer.languages,
    expertise: officer.expertise,
    email: officer.email,
    phone: officer.phone,
    createdAt: officer.createdAt.toISOString(),
  };
}

const iso = (date: Date | null) => (date ? new Date(date).toISOString() : null);

export function deploymentView(deployment: Deployment) {
  return {
    id: deployment.id,
    officerId: deployment.officerId,
    sendingParty: deployment.sendingParty,
    hostParty: deployment.hostParty,
    postingCity: deployment.postingCity,
    mandateTopics: deployment.mandateTopics,
    startDate: deployment.startDate,
    endDate: deployment.endDate,
    note: deployment.note,
    status: deployment.status,
    proposedAt: iso(deployment.proposedAt),
    decidedAt: iso(deployment.decidedAt),
    refusalReason: deployment.refusalReason,
    activatedAt: iso(deployment.activatedAt),
    endedAt: iso(deployment.endedAt),
    endReason: deployment.endReason,
    recallReason: deployment.recallReason,
    cancelledAt: iso(deployment.cancelledAt),
    cancelReason: deployment.cancelReason,
    extensions: deployment.extensions,
    version: deployment.version,
  };
}
