import { randomUUID } from 'node:crypto';
import { enrol } from './account-fixtures';
import { Client } from 'pg';
import { DATABASE_URL, eventually } from './test-env';
import { as, tokenFor } from './api';

export const OFFICER_PASSWORD = 'officer passphrase 2026';

/** A liaison_officer account for `officerId`, signed in. */
export async function officerAccount(officerId: string): Promise<string> {
  const username = `lo-${randomUUID().slice(0, 8)}`;
  const initial = `initial ${OFFICER_PASSWORD}`;
  const created = await as('admin', 'POST', '/users', {
    json: { username, password: initial, role: 'liaison_officer', officerId },
  });
  if (created.status !== 201)
    throw new Error(`Officer account failed: ${created.status} ${JSON.stringify(created.body)}`);
  await enrol(username, initial, OFFICER_PASSWORD);
  await tokenFor(username, OFFICER_PASSWORD);
  return username;
}

export function rfiDatabase<T>(query: (client: Client) => Promise<T>): Promise<T> {
  return serviceDatabase('bp_rfi_test', query);
}

async function serviceDatabase<T>(
  database: string,
  query: (client: Client) => Promise<T>,
): Promise<T> {
  const client = new Client({ connectionString: DATABASE_URL.replace(/\/[^/]*$/, `/${database}`) });
  await client.connect();
  try {
    return await query(client);
  } finally {
    await client.end();
  }
}

/** Waits until the rfi-service's projection has seen the posting in `status`. */
export function postingSeen(deploymentId: string, status: string): Promise<true> {
  return eventually(`posting ${deploymentId} ${status} in the rfi-service`, () =>
    rfiDatabase(async (client) => {
      const { rows } = await client.query('select status from posting where deployment_id = $1', [
        deploymentId,
      ]);
      return rows[0]?.status === status ? (true as const) : undefined;
    }),
  );
}

/**
 * Waits until the deployment-service has published every event it wrote (its outbox is drained):
 * a consumer caught up with the topic may otherwise still have events to come.
 */
export function deploymentEventsPublished(): Promise<true> {
  return eventually('the deployment-service to publish what it wrote', () =>
    serviceDatabase('bp_deployment_test', async (client) => {
      const { rows } = await client.query<{ waiting: number }>(
        'select count(*)::int as waiting from outbox_message where published_at is null and parked_at is null',
      );
      return rows[0]?.waiting === 0 ? (true as const) : undefined;
    }),
  );
}
