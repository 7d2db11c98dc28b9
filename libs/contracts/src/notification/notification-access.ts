import { Role } from '../actor';

/**
 * Which roles may call each notification command at all. Every signed-in user has an inbox, even
 * one that nothing is ever addressed to (an admin's stays empty): what is in it is the
 * notification-service's rule (domain/audience.ts), from the caller's role, party and officer id.
 */
export const NotificationAccess = {
  inbox: ['focal_point', 'secretariat', 'liaison_officer', 'admin', 'chair'],
  /** A party's duty roster: kept by its own focal points, read by them and the secretariat. */
  dutyRead: ['focal_point', 'secretariat'],
  dutyKeep: ['focal_point'],
  /** A duty page reaches focal points, and at its last rung the secretariat. */
  pageAcknowledge: ['focal_point', 'secretariat'],
  /** A party's webhooks are its focal points' to manage, for their own party only. */
  webhooks: ['focal_point'],
} as const satisfies Record<string, readonly Role[]>;
