import { EntityManager } from '@mikro-orm/postgresql';

/** The tables the events make: the model. Alerts and signals are records, not rebuilt. */
export const MODEL_TABLES = [
  'report_request',
  'report_assignment',
  'report_posting',
  'report_exchange',
  'report_health_cell',
] as const;

/** The triggers that keep the monthly cells in step with the rows (health-cells.migration.ts). */
const CELL_TRIGGERS = [
  { name: 'report_health_request', table: 'report_request', fn: 'report_health_request_changed' },
  {
    name: 'report_health_assignment',
    table: 'report_assignment',
    fn: 'report_health_assignment_changed',
  },
];

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
  // The same functions, writing to the cells of the search_path's schema: the rebuild's own.
  for (const trigger of CELL_TRIGGERS)
    await em.execute(`create trigger ${trigger.name} after insert or update or delete
      on ${REBUILD_SCHEMA}.${trigger.table} for each row execute function public.${trigger.fn}()`);
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
    const live = `public.${table}`;
    const rebuilt = `${REBUILD_SCHEMA}.${table}`;
    const [row] = await em.execute<Record<keyof TableDifference, string>[]>(
      `select (select count(*) from ${live}) as live, (select count(*) from ${rebuilt}) as rebuilt,
         (select count(*) from (table ${live} except all table ${rebuilt}) d) as "onlyLive",
         (select count(*) from (table ${rebuilt} except all table ${live}) d) as "onlyRebuilt"`,
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
