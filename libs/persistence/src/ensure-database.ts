import { Client } from 'pg';
import { DatabaseSettings, assertSafeDatabaseName, databaseUrl } from './database-settings';

/** SQLSTATEs: 3D000 invalid_catalog_name (no such database), 42501 insufficient_privilege. */
const NO_SUCH_DATABASE = '3D000';
const INSUFFICIENT_PRIVILEGE = '42501';

const codeOf = (error: unknown) => (error as { code?: string }).code;

/**
 * Creates the service's database on the server when it is missing; safe to run concurrently.
 * Where the roles were provisioned (infra/scripts/lib/database-roles.mjs) the database exists and
 * its owner role, which may not create databases, just connects to it. A role that can neither
 * connect nor create it gets an error that says provisioning did not run.
 */
export async function ensureDatabaseExists(settings: DatabaseSettings): Promise<boolean> {
  const name = assertSafeDatabaseName(settings.name);
  const user = decodeURIComponent(new URL(settings.serverUrl).username) || '(default user)';
  const own = new Client({ connectionString: databaseUrl(settings) });
  try {
    await own.connect();
    return false;
  } catch (error) {
    if (codeOf(error) === INSUFFICIENT_PRIVILEGE)
      throw new Error(
        `Role ${user} may not connect to database ${name}: its roles were not provisioned ` +
          '(infra/scripts/database.mjs provision, which npm start and npm test run)',
        { cause: error },
      );
    if (codeOf(error) !== NO_SUCH_DATABASE) throw error;
  } finally {
    await own.end().catch(() => undefined);
  }
  const client = new Client({ connectionString: databaseUrl(settings, 'postgres') });
  await client.connect();
  try {
    await client.query(`create database "${name}"`);
    return true;
  } catch (error) {
    // 42P04 duplicate_database: another process created it first.
    if (codeOf(error) === '42P04') return false;
    if (codeOf(error) === INSUFFICIENT_PRIVILEGE)
      throw new Error(
        `Database ${name} does not exist and role ${user} may not create it: provisioning did ` +
          'not run (infra/scripts/database.mjs provision, which npm start and npm test run)',
        { cause: error },
      );
    throw error;
  } finally {
    await client.end();
  }
}
