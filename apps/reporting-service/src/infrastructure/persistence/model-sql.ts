import { RouteParties } from '../../application/route-parties';

/**
 * Overdue now, as domain/assignment-record.ts isOverdue says (open, its clock running, past its
 * due time), for a `report_assignment` row aliased `alias`; binds one value: now.
 */
export function overdueNow(alias: string): string {
  return `${alias}.responded_at is null and ${alias}.declined_at is null
    and ${alias}.closed_at is null and ${alias}.paused_since is null and ${alias}.due_at < ?`;
}

/** A timestamp column as read back (text or Date, by driver setting), or null. */
export function dateOrNull(value: string | Date | null): Date | null {
  return value === null ? null : new Date(value);
}

/** The routes' parties as an inline table `alias(route, party)`; binds every pair's two values. */
export function routePartiesTable(routes: RouteParties, alias: string): string {
  return `(values ${routes.map(() => '(?, ?)').join(', ')}) as ${alias}(route, party)`;
}
