import { Role } from '../actor';

/**
 * Which roles may call each reporting command at all; whose figures they see is the
 * reporting-service's rule (domain/statistics-scope.ts): the secretariat every party, a focal point
 * its own.
 */
export const ReportingAccess = {
  responseHealth: ['focal_point', 'secretariat'],
} as const satisfies Record<string, readonly Role[]>;
