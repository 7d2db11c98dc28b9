import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { PARTIES } from '@bp/reference';
import { databaseUrl } from '@bp/persistence';
import { loadGatewaySettings } from './config/gateway-settings';
import { PasswordHasher } from './infrastructure/password-hasher';
import { focalPointUsername } from './domain/user-account';

const settings = loadGatewaySettings();

/**
 * `--first-admin` (an installation's first account): only `admin`, with DEMO_PASSWORD as a
 * one-off password that must be changed at first use, as after an admin's reset.
 */
const firstAdminOnly = process.argv.includes('--first-admin');

/**
 * Demo accounts for `npm start` and the tests: admin, secretariat, and one focal point per party
 * (fp-<code>), all with DEMO_PASSWORD. Existing accounts are left as they are.
 */
async function seed(): Promise<void> {
  const password = settings.demoPassword;
  const admin = { username: 'admin', role: 'admin', party: null };
  const accounts = firstAdminOnly
    ? [admin]
    : [
        admin,
        { username: 'secretariat', role: 'secretariat', party: null },
        { username: 'chair', role: 'chair', party: null },
        ...PARTIES.map((party) => ({
          username: focalPointUsername(party.code),
          role: 'focal_point',
          party: party.code,
        })),
      ];
  const client = new Client({
    connectionString: databaseUrl(settings.database),
  });
  await client.connect();
  try {
    const { rows } = await client.query<{ username: string }>('select username from user_account');
    const existing = new Set(rows.map((row) => row.username));
    const missing = accounts.filter((account) => !existing.has(account.username));
    const hasher = new PasswordHasher();
    const hashes = await Promise.all(missing.map(() => hasher.hash(password)));
    for (const [i, account] of missing.entries()) {
      // No person created these: the audit line says so with no actor and the seed as its source.
      await client.query(
        `with created as (
           insert into user_account (id, username, password_hash, role, party, must_change_password)
           values ($1, $2, $3, $4, $5, $7)
           on conflict (username) do nothing returning id, username)
         insert into account_audit (action, target_user_id, target_username, details)
         select 'ACCOUNT_CREATED', id, username, $6::jsonb from created`,
        [
          randomUUID(),
          account.username,
          hashes[i],
          account.role,
          account.party,
          JSON.stringify({
            role: account.role,
            party: account.party,
            source: firstAdminOnly ? 'first admin' : 'demo seed',
          }),
          firstAdminOnly,
        ],
      );
    }
    process.stdout.write(
      firstAdminOnly
        ? `gateway: first admin ${missing.length ? 'created (the password must be changed at first sign-in)' : 'kept'}\n`
        : `gateway: ${missing.length} demo account(s) created, ${existing.size} kept\n`,
    );
  } finally {
    await client.end();
  }
}

seed().catch((error: unknown) => {
  process.stderr.write(`gateway: seeding demo accounts failed: ${String(error)}\n`);
  process.exitCode = 1;
});
