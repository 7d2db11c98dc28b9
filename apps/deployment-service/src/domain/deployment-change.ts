import { Actor } from '@bp/domain-kernel';

export const DEPLOYMENT_ACTIONS = [
  'PROPOSED',
  'APPROVED',
  'REFUSED',
  'ACTIVATED',
  'ENDED',
  'CANCELLED',
  'EXTENSION_REQUESTED',
  'EXTENDED',
  'EXTENSION_REFUSED',
] as const;
export type DeploymentAction = (typeof DEPLOYMENT_ACTIONS)[number];

/** Something that happened to a posting; the application keeps it and publishes it. */
export interface DeploymentChange {
  action: DeploymentAction;
  at: Date;
  actor: Actor | null;
  details: Record<string, unknown>;
}
