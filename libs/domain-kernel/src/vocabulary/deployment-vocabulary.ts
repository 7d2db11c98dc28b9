/** The words of liaison officer deployments (docs/openapi.json), shared by the gateway and the deployment-service. */
export const DEPLOYMENT_STATUSES = [
  'PROPOSED',
  'APPROVED',
  'REFUSED',
  'ACTIVE',
  'ENDED',
  'CANCELLED',
] as const;
export type DeploymentStatus = (typeof DEPLOYMENT_STATUSES)[number];

export const EXTENSION_STATUSES = ['PENDING', 'APPROVED', 'REFUSED'] as const;
export type ExtensionStatus = (typeof EXTENSION_STATUSES)[number];

export const END_REASONS = ['END_DATE', 'RECALLED'] as const;
export type EndReason = (typeof END_REASONS)[number];
