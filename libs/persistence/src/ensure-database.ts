import { Client } from 'pg';
import { DatabaseSettings, assertSafeDatabaseName, databaseUrl } from './database-settings';

/** Creates the service's database on the server when it is missing; safe to run concurrently. */
export async function ensureDatabaseExists(settings: DatabaseSettings): Promise<boolean> {
  const name = assertSafeDatabaseName(settings.name);
  const client = new Client({ connectionString: databaseUrl(settings, 'postgres') });
  await client.connect();
  try {
    const { rowCount } = await client.query('select 1 from pg_database where datname = $1', [name]);
    if (rowCount) return false;
    try {
      await client.query(`create database "${name}"`);
      return true;
    } catch (error) {
      // 42P04 duplicate_database: another process created it first.
      if ((error as { code?: string }).code === '42P04') return false;
      throw error;
    }
  } finally {
    await client.end();
  }
}
