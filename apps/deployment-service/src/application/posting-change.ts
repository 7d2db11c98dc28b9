import { Actor, NotFoundError } from '@bp/contracts';
import { AggregateChange } from '@bp/messaging';
import { Deployment } from '../domain/deployment';
import { DeploymentErrors } from '../domain/deployment-errors';
import { maySeePosting, relationToPosting, shownPostingVersion } from '../domain/need-to-know';

/** What a caller asks to do to one posting, with the moment it asks. */
export type PostingRule = (deployment: Deployment, caller: Actor, now: Date) => unknown;

/**
 * A caller's change to a posting as the unit of work takes it: a posting the caller may not see
 * is absent (404), and If-Match is compared with the version the caller was shown.
 */
export function postingChange(
  caller: Actor,
  deploymentId: string,
  ifMatch: string | undefined,
  rule: PostingRule,
): AggregateChange<Deployment> {
  return {
    id: deploymentId,
    actor: caller,
    visible: (deployment) => seenBy(caller, deployment),
    absent: () => absentPosting(deploymentId),
    ifMatch,
    shownVersion: (deployment) =>
      shownPostingVersion(relationToPosting(caller, deployment), deployment),
    apply: (deployment) => rule(deployment, caller, new Date()),
  };
}

/** Need to know: a posting the caller may not see does not exist for the caller. */
export function seenBy(caller: Actor, deployment: Deployment): boolean {
  return maySeePosting(relationToPosting(caller, deployment), deployment.status);
}

export function absentPosting(deploymentId: string): NotFoundError {
  return new NotFoundError(DeploymentErrors.NOT_FOUND, `No deployment ${deploymentId}`);
}
