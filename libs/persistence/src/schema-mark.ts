import { Client } from 'pg';
import { DatabaseSettings, databaseUrl } from './database-settings';

/**
 * The schema's mark: the name of the newest migration applied, kept as the comment of the
 * migrations table. The runtime role has no right on that table (database-roles.ts), but any role
 * reads comments through pg_catalog, so an app's replica can tell, as the role it runs as, whether
 * the migrations it ships were applied (Kubernetes: its init container waits for them).
 */
export function schemaMarkStatement(migrationsTable: string, migration: string): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(migrationsTable))
    throw new Error(`Unsafe table name: ${migrationsTable}`);
  return `comment on table "${migrationsTable}" is '${migration.replaceAll("'", "''")}'`;
}

export function schemaMarkQuery(migrationsTable: string): string {
  return `select obj_description(to_regclass('public.${migrationsTable}'), 'pg_class') as mark`;
}

/**
 * Whether a database marked `mark` has every migration of `shipped` (in their order): marked with
 * the last of them, or with one the app does not know, which a later release applied (its
 * migrations only add to what this release needs). Unmarked, or marked with an earlier one: not yet.
 */
export function schemaIsCurrent(
  mark: string | null | undefined,
  shipped: readonly string[],
): boolean {
  if (shipped.length === 0) return true;
  if (!mark) return false;
  return mark === shipped[shipped.length - 1] || !shipped.includes(mark);
}

export interface SchemaWait {
  intervalMs?: number;
  /** Told every so often while waiting, with why. */
  log?: (line: string) => void;
  /** For tests: asks the database for its mark. */
  readMark?: () => Promise<string | null>;
  sleep?: (ms: number) => Promise<void>;
}

/**
 * Resolves once the database of `settings`, as its user sees it, carries every migration of
 * `shipped`. A database not provisioned yet (no role, no database, no table) is waited for too.
 */
export async function waitForSchema(
  settings: DatabaseSettings,
  migrationsTable: string,
  shipped: readonly string[],
  {
    intervalMs = 2_000,
    log = () => undefined,
    readMark = () => readSchemaMark(settings, migrationsTable),
    sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  }: SchemaWait = {},
): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    let why: string;
    try {
      const mark = await readMark();
      if (schemaIsCurrent(mark, shipped)) return;
      why = mark ? `marked ${mark}` : 'not migrated';
    } catch (error) {
      why = error instanceof Error ? error.message : String(error);
    }
    if (attempt % 15 === 0)
      log(`waiting for ${shipped[shipped.length - 1]} in ${settings.name} (${why})`);
    await sleep(intervalMs);
  }
}

async function readSchemaMark(settings: DatabaseSettings, table: string): Promise<string | null> {
  const client = new Client({
    connectionString: databaseUrl(settings),
    connectionTimeoutMillis: 5_000,
  });
  try {
    await client.connect();
    const { rows } = await client.query<{ mark: string | null }>(schemaMarkQuery(table));
    return rows[0]?.mark ?? null;
  } finally {
    await client.end().catch(() => undefined);
  }
}
