import { DeploymentEventData, DeploymentEvents } from '@bp/contracts';
import { EventDraft } from '@bp/messaging';
import { Deployment } from '../domain/deployment';
import { DeploymentAction, DeploymentChange } from '../domain/deployment-change';

const EVENT_OF: Record<DeploymentAction, (typeof DeploymentEvents)[keyof typeof DeploymentEvents]> =
  {
    PROPOSED: DeploymentEvents.proposed,
    APPROVED: DeploymentEvents.approved,
    REFUSED: DeploymentEvents.refused,
    ACTIVATED: DeploymentEvents.activated,
    ENDED: DeploymentEvents.ended,
    CANCELLED: DeploymentEvents.cancelled,
    EXTENSION_REQUESTED: DeploymentEvents.extensionRequested,
    EXTENDED: DeploymentEvents.extended,
    EXTENSION_REFUSED: DeploymentEvents.extensionRefused,
  };

/** Each change as an event carrying the posting's state after it, for projections that replay the topic. */
export function integrationEvents(
  deployment: Deployment,
  changes: readonly DeploymentChange[],
): EventDraft[] {
  const data: DeploymentEventData = {
    deploymentId: deployment.id,
    officerId: deployment.officerId,
    sendingParty: deployment.sendingParty,
    hostParty: deployment.hostParty,
    startDate: deployment.startDate,
    endDate: deployment.endDate,
    status: deployment.status,
    endReason: deployment.endReason,
  };
  return changes.map((change) => ({
    definition: EVENT_OF[change.action],
    subject: deployment.id,
    subjectVersion: deployment.version,
    data,
  }));
}
