import { Role } from '../actor';

/**
 * Which roles may call each reporting command at all; whose figures they see is the
 * reporting-service's rule (domain/statistics-scope.ts): the secretariat and the chairs every
 * party, a focal point its own.
 */
export const ReportingAccess = {
  responseHealth: ['focal_point', 'secretariat', 'chair'],
  /** Every overdue assignment of every party, with its request's reference: the secretariat's. */
  escalations: ['secretariat'],
  /** Counts of officers on post, by party and route: what the chairs report on. */
  deployments: ['secretariat', 'chair'],
  /** Counts across the marketplace, offers on needs among them: not for the parties themselves. */
  knowledgeExchange: ['secretariat', 'chair'],
  /** Rises on routes and topics: figures across all parties, as response health is to them. */
  earlyWarnings: ['secretariat', 'chair'],
  /** Who raises an alert: a party's focal point, or the secretariat. */
  raiseAlert: ['focal_point', 'secretariat'],
  /** Who may read alerts at all; which ones is the reporting-service's rule (addressed or sent). */
  readAlerts: ['focal_point', 'secretariat'],
  /** An addressed party's focal point says its party has seen the alert. */
  acknowledgeAlert: ['focal_point'],
} as const satisfies Record<string, readonly Role[]>;
