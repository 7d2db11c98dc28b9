import { EntityManager } from '@mikro-orm/postgresql';

/** The tables the events make: the model. Alerts and signals are records, not rebuilt. */
export const MODEL_TABLES = [
  'report_request',
  'report_assignment',
  'report_posting',
  'report_exchange',
  'report_health_cell',
] as const;

/** Where a rebuild writes: the model's tables, alike, in a schema of their own. */
export const REBUILD_SCHEMA = 'report_rebuild';

export interface TableDifference {
  table: string;
  live: number;
  rebuilt: number;
  /** Rows of one that the other lacks (a changed row counts on both sides). */
  onlyLive: number;
  onlyRebuilt: number;
}

/** An empty copy of the model's tables, indexes and all, beside the live ones. */
export async function prepareRebuildSchema(em: EntityManager): Promise<void> {
  await em.execute(`drop schema if exists ${REBUILD_SCHEMA} cascade`);
  await em.execute(`create schema ${REBUILD_SCHEMA}`);
  for (const table of MODEL_TABLES)
    await em.execute(
      `create table ${REBUILD_SCHEMA}.${table} (like public.${table} including all)`,
    );
}

/**
 * The rebuild's monthly cells counted afresh from its rows (its copies have no triggers): compared
 * with the live cells, which triggers kept one change at a time, they show any drift too.
 */
export function countRebuiltCells(em: EntityManager): Promise<void> {
  return inRebuildSchema(em, async (tx) => {
    await tx.execute('select public.report_health_refill()');
  });
}

/**
 * Runs `work` in a transaction whose unqualified table names are the rebuild's: the model's own
 * code writes the rebuild as it writes the live model.
 */
export function inRebuildSchema<T>(em: EntityManager, work: (tx: EntityManager) => Promise<T>) {
  return em.transactional(async (tx) => {
    await tx.execute(`set local search_path to ${REBUILD_SCHEMA}`);
    return work(tx);
  });
}

/** Table by table, the rows the live model and the rebuild do not share. */
export async function compareWithLive(em: EntityManager): Promise<TableDifference[]> {
  const differences: TableDifference[] = [];
  for (const table of MODEL_TABLES) {
    // A cell whose rows have all gone stays live at zero; a refill does not make it.
    const rows = (name: string) =>
      table === 'report_health_cell'
        ? `(select * from ${name} where filed <> 0 or received <> 0)`
        : name;
    const [live, rebuilt] = [rows(`public.${table}`), rows(`${REBUILD_SCHEMA}.${table}`)];
    const [row] = await em.execute<Record<keyof TableDifference, string>[]>(
      `select (select count(*) from ${live} l) as live, (select count(*) from ${rebuilt} r) as rebuilt,
         (select count(*) from (select * from ${live} l except all select * from ${rebuilt} r) d) as "onlyLive",
         (select count(*) from (select * from ${rebuilt} r except all select * from ${live} l) d) as "onlyRebuilt"`,
    );
    differences.push({
      table,
      live: Number(row!.live),
      rebuilt: Number(row!.rebuilt),
      onlyLive: Number(row!.onlyLive),
      onlyRebuilt: Number(row!.onlyRebuilt),
    });
  }
  return differences;
}

/**
 * Puts the rebuild in the live model's place, in one transaction, and records the events it
 * replayed in the live consumer's inbox: the consumer, started again, finds them applied and
 * applies only what came after.
 */
export async function replaceLiveModel(
  em: EntityManager,
  consumer: string,
  replayed: readonly { id: string; type: string }[],
  beforeReplace: () => Promise<void> = async () => undefined,
): Promise<void> {
  await em.transactional(async (tx) => {
    await tx.execute(
      `lock table ${MODEL_TABLES.map((t) => `public.${t}`).join(', ')} in exclusive mode`,
    );
    // Under the lock: a consumer that started during the replay cannot write the model any more.
    await beforeReplace();
    // The cells are copied whole with the rest: the triggers must not count the copy again.
    await tx.execute(`select set_config('bp.health_cells', 'off', true)`);
    for (const table of MODEL_TABLES) {
      await tx.execute(`delete from public.${table}`);
      await tx.execute(`insert into public.${table} table ${REBUILD_SCHEMA}.${table}`);
    }
    for (let i = 0; i < replayed.length; i += 5_000) {
      const batch = replayed.slice(i, i + 5_000);
      await tx.execute(
        `insert into inbox_message (consumer, event_id, event_type)
         select ?, e.id::uuid, e.type from jsonb_to_recordset(?::jsonb) as e(id text, type text)
         on conflict do nothing`,
        [consumer, JSON.stringify(batch)],
      );
    }
    await tx.execute(`drop schema ${REBUILD_SCHEMA} cascade`);
  });
}
