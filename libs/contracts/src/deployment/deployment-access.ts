import { Role } from '../actor';

/**
 * Which roles may call each deployment command at all (403 for any other role, before a record is
 * read). The gateway's @Roles and the deployment-service's requireRole both read this one table;
 * what a permitted caller sees of a record is the service's need-to-know rule.
 */
export const DeploymentAccess = {
  /** Account managers see officers' public fields, to link an officer's account. */
  readOfficers: ['focal_point', 'secretariat', 'liaison_officer', 'admin'],
  registerOfficer: ['focal_point', 'secretariat'],
  /** Postings and coverage are operational: not for account managers. */
  readPostings: ['focal_point', 'secretariat', 'liaison_officer'],
  propose: ['focal_point', 'secretariat'],
  /** Approve, refuse, approve or refuse an extension: the host's focal point. */
  decide: ['focal_point'],
  /** Cancel, recall, ask for an extension: the sending focal point or the secretariat. */
  manage: ['focal_point', 'secretariat'],
} as const satisfies Record<string, readonly Role[]>;
