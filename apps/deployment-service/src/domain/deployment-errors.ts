/**
 * Why the deployment rules refuse: stable codes clients branch on (the messages may change). A
 * deployment or officer the caller may not see answers the same NOT_FOUND as an unknown id.
 */
export const DeploymentErrors = {
  /** Absent, or not the caller's to see. */
  NOT_FOUND: 'DEPLOYMENT.NOT_FOUND',
  /** Proposing, cancelling, recalling and extending are for the sending side. */
  NOT_SENDING_SIDE: 'DEPLOYMENT.NOT_SENDING_SIDE',
  /** Approving and refusing are for the host party's focal point. */
  NOT_HOST: 'DEPLOYMENT.NOT_HOST',
  INVALID: 'DEPLOYMENT.INVALID',
  /** The officer is already posted in the period. */
  OVERLAPS: 'DEPLOYMENT.OVERLAPS',
  /** Only a proposed posting can be approved or refused. */
  NOT_PROPOSED: 'DEPLOYMENT.NOT_PROPOSED',
  NOT_CANCELLABLE: 'DEPLOYMENT.NOT_CANCELLABLE',
  /** Only an active posting can be recalled. */
  NOT_ACTIVE: 'DEPLOYMENT.NOT_ACTIVE',
  /** Only an approved or active posting can be extended. */
  NOT_EXTENDABLE: 'DEPLOYMENT.NOT_EXTENDABLE',
  REASON_REQUIRED: 'DEPLOYMENT.REASON_REQUIRED',
  /** The officer proposed for a posting does not exist. */
  OFFICER_UNKNOWN: 'DEPLOYMENT.OFFICER_UNKNOWN',
} as const;

export const ExtensionErrors = {
  NOT_FOUND: 'EXTENSION.NOT_FOUND',
  /** One extension at a time awaits the host. */
  ALREADY_PENDING: 'EXTENSION.ALREADY_PENDING',
  NOT_PENDING: 'EXTENSION.NOT_PENDING',
  /** An extension moves the end date later. */
  END_NOT_LATER: 'EXTENSION.END_NOT_LATER',
} as const;

export const OfficerErrors = {
  /** Absent, or not the caller's to see. */
  NOT_FOUND: 'OFFICER.NOT_FOUND',
  /** Officers are registered by their sending party's focal point or the secretariat. */
  NOT_SENDING_SIDE: 'OFFICER.NOT_SENDING_SIDE',
  NAME_REQUIRED: 'OFFICER.NAME_REQUIRED',
} as const;

export const RouteErrors = {
  NOT_FOUND: 'ROUTE.NOT_FOUND',
} as const;

export type DeploymentErrorCode = (typeof DeploymentErrors)[keyof typeof DeploymentErrors];
