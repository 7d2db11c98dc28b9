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
} as const satisfies Record<string, readonly Role[]>;
