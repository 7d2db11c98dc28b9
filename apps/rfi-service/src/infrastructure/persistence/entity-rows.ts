import { EntityManager } from '@mikro-orm/postgresql';
import { matchKeysOf } from '../../domain/entities/entity-match';
import { EntityValues, RfiEntity } from '../../domain/entities/rfi-entity';

/** Keeps entities added to an RFI, each with the keys it is matched by, in two statements. */
export async function keepEntities(
  em: EntityManager,
  entities: readonly RfiEntity[],
): Promise<void> {
  if (!entities.length) return;
  await em.execute(
    `insert into rfi_entity (id, rfi_id, message_id, type, "values", added_by_user_id, added_by_party, added_at)
     values ${entities.map(() => '(?, ?, ?, ?, ?::jsonb, ?, ?, ?)').join(', ')}`,
    entities.flatMap((entity) => {
      const { type, ...values } = entity.values;
      return [
        entity.id,
        entity.rfiId,
        entity.messageId,
        type,
        JSON.stringify(values),
        entity.addedByUserId,
        entity.addedByParty,
        entity.addedAt,
      ];
    }),
  );
  const keys = entities.flatMap((entity) =>
    matchKeysOf(entity.values).map(({ kind, key }) => [entity.id, entity.rfiId, kind, key]),
  );
  if (!keys.length) return;
  await em.execute(
    `insert into rfi_entity_key (entity_id, rfi_id, kind, key) values ${keys.map(() => '(?, ?, ?, ?)').join(', ')}`,
    keys.flat(),
  );
}

interface EntityRow {
  id: string;
  rfi_id: string;
  message_id: string | null;
  type: EntityValues['type'];
  values: Record<string, unknown>;
  added_by_user_id: string;
  added_by_party: string | null;
  added_at: Date;
}

export async function entitiesOf(em: EntityManager, rfiId: string): Promise<RfiEntity[]> {
  const rows = await em.execute<EntityRow[]>(
    `select id, rfi_id, message_id, type, "values", added_by_user_id, added_by_party, added_at
     from rfi_entity where rfi_id = ? order by seq`,
    [rfiId],
  );
  return rows.map((row) => ({
    id: row.id,
    rfiId: row.rfi_id,
    messageId: row.message_id,
    values: { type: row.type, ...row.values } as EntityValues,
    addedByUserId: row.added_by_user_id,
    addedByParty: row.added_by_party,
    addedAt: new Date(row.added_at),
  }));
}

/** How many entities one person has added to one RFI (the limit is per person: entity-rules.ts). */
export async function entitiesAddedBy(
  em: EntityManager,
  rfiId: string,
  userId: string,
): Promise<number> {
  const [row] = await em.execute<{ count: string }[]>(
    'select count(*) as count from rfi_entity where rfi_id = ? and added_by_user_id = ?',
    [rfiId, userId],
  );
  return Number(row!.count);
}
