import { EntitySchema, FilterQuery, FindOptions } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { decodeCursor, pageOf } from '@bp/persistence';

/**
 * One page of the rows that match every condition in `where`, newest first by `field` and then
 * id, after the cursor of the page before; one row more is read to know whether a next page exists.
 */
export async function keysetPage<T extends { id: string }>(
  em: EntityManager,
  schema: EntitySchema<T>,
  field: keyof T & string,
  where: Record<string, unknown>[],
  query: { cursor?: string; limit?: number },
) {
  const limit = query.limit ?? 20;
  const conditions = query.cursor
    ? [...where, keysetAfter(field, ...decodeCursor(query.cursor))]
    : where;
  const rows = (await em.find(
    schema,
    { $and: conditions } as FilterQuery<T>,
    {
      orderBy: { [field]: 'desc', id: 'desc' },
      limit: limit + 1,
    } as FindOptions<T>,
  )) as T[];
  return pageOf(
    rows,
    limit,
    (row) => [row[field] as Date, row.id],
    (row) => row,
  );
}

/** Rows after the cursor's (time, id), newest first. */
function keysetAfter(field: string, at: string, id: string): Record<string, unknown> {
  return { $or: [{ [field]: { $lt: new Date(at) } }, { [field]: new Date(at), id: { $lt: id } }] };
}
