import { EntityManager } from '@mikro-orm/postgresql';
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

/**
 * Writes a row whose every column the caller knows (a posting's or an exchange's whole state, as
 * its latest event tells it): inserted, or replacing the row with the same `key`. The table and
 * column names are the caller's constants; the values are bound.
 */
export async function upsertWhole(
  em: EntityManager,
  table: string,
  key: string,
  columns: Readonly<Record<string, unknown>>,
): Promise<void> {
  const names = Object.keys(columns);
  const updates = names.filter((name) => name !== key).map((name) => `${name} = excluded.${name}`);
  await em.execute(
    `insert into ${table} (${names.join(', ')}) values (${names.map(() => '?').join(', ')})
     on conflict (${key}) do update set ${updates.join(', ')}`,
    Object.values(columns),
  );
}
