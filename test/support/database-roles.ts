import fs from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';
import { DATABASE_URL, ROOT } from './test-env';

/**
 * The test profile's database roles (infra/scripts/lib/database-roles.mjs): two per app database,
 * `<db>_owner` and `<db>_app`, their passwords in .run/test/credentials/postgres/<role>. The test
 * harness itself is the admin (DATABASE_URL); these connect as the roles the apps use.
 */
export const TEST_DATABASES = {
  'rfi-service': 'bp_rfi_test',
  'deployment-service': 'bp_deployment_test',
  'knowledge-exchange-service': 'bp_knowledge_exchange_test',
  'notification-service': 'bp_notification_test',
  'reporting-service': 'bp_reporting_test',
  gateway: 'bp_gateway_test',
} as const;

export const TEST_CREDENTIALS_DIR = path.join(ROOT, '.run/test/credentials/postgres');

export const runtimeRoleOf = (database: string) => `${database}_app`;
export const ownerRoleOf = (database: string) => `${database}_owner`;

/** The password the provisioning generated for a role, from its file. */
export function rolePassword(role: string): string {
  return fs.readFileSync(path.join(TEST_CREDENTIALS_DIR, role), 'utf8').split('\n')[0]!;
}

/** The server of DATABASE_URL, as `role` with its password, on `database`. */
export function roleUrl(role: string, database: string): string {
  const url = new URL(DATABASE_URL);
  url.username = role;
  url.password = encodeURIComponent(rolePassword(role));
  url.pathname = `/${database}`;
  return url.toString();
}

/** A client connected as `role` to `database` (end it), or the error the server answered. */
export async function connectAs(role: string, database: string): Promise<Client> {
  const client = new Client({ connectionString: roleUrl(role, database) });
  try {
    await client.connect();
  } catch (error) {
    await client.end().catch(() => undefined);
    throw error;
  }
  return client;
}

/** A client of the admin (the harness's superuser URL) on `database`. */
export async function connectAsAdmin(database = 'postgres'): Promise<Client> {
  const url = new URL(DATABASE_URL);
  url.pathname = `/${database}`;
  const client = new Client({ connectionString: url.toString() });
  await client.connect();
  return client;
}

/** What the server refused with: SQLSTATE and message; throws if `attempt` succeeded. */
export async function refusal(
  attempt: () => Promise<unknown>,
): Promise<{ code: string; message: string }> {
  try {
    await attempt();
  } catch (error) {
    const { code, message } = error as { code?: string; message: string };
    return { code: code ?? 'none', message };
  }
  throw new Error('the server allowed it');
}

/**
 * DATABASE_URL and DATABASE_PASSWORD_FILE of an app's runtime role, for app processes a test
 * starts itself (as infra/scripts/lib/settings.mjs appEnv gives them).
 */
export function runtimeRoleEnv(database: string): Record<string, string> {
  const url = new URL(DATABASE_URL);
  const role = runtimeRoleOf(database);
  url.username = role;
  url.password = '';
  return {
    DATABASE_URL: url.toString(),
    DATABASE_PASSWORD_FILE: path.join(TEST_CREDENTIALS_DIR, role),
    DATABASE_NAME: database,
  };
}
