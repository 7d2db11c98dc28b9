import { EntityManager } from '@mikro-orm/postgresql';
import { decodeCursor } from '@bp/persistence';

/**
 * One page of rows newest first by (created_at, id), after an opaque cursor (libs/persistence
 * keyset-cursor.ts): `limit + 1` rows, for pageOf to tell whether there is a next page.
 */
export function newestFirst<R>(
  em: EntityManager,
  select: string,
  filter: { where: string; params: readonly unknown[] },
  query: { limit: number; cursor?: string },
): Promise<R[]> {
  const where = [filter.where];
  const params = [...filter.params];
  if (query.cursor) {
    where.push('(created_at, id) < (?::timestamptz, ?::uuid)');
    params.push(...decodeCursor(query.cursor));
  }
  return em.execute<R[]>(
    `${select} where ${where.join(' and ')} order by created_at desc, id desc limit ?`,
    [...params, query.limit + 1],
  );
}
