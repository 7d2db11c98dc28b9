import { randomUUID } from 'node:crypto';
import { MikroORM } from '@mikro-orm/core';
import { EntityManager, PostgreSqlDriver } from '@mikro-orm/postgresql';
import { migrateDatabase, mikroOrmOptions } from '@bp/persistence';
import { DATABASE_URL } from '../../../test/support/test-env';
import { dropTestDatabase } from '../../../test/support/database-fixtures';
import { ormConfig } from '../src/infrastructure/persistence/orm-config';
import { WebhookDeliveries } from '../src/infrastructure/persistence/webhook-deliveries.store';

// Found in CI (webhooks.e2e-spec.ts): with two instances, one delivery was sent twice with the
// same webhook-id. The claim picked its rows from the statement's snapshot and locked them without
// checking them again, so a row another instance had just claimed (and committed) was taken again.

const WEBHOOKS = 40;
const PER_WEBHOOK = 5;
const CLAIMERS = 6;

describe('claiming webhook deliveries from several instances at once (real PostgreSQL)', () => {
  const config = ormConfig({ serverUrl: DATABASE_URL, name: 'bp_notification_claims_it' });
  let orm: MikroORM;

  beforeAll(async () => {
    await dropTestDatabase(config.database);
    await migrateDatabase(config);
    orm = await MikroORM.init<PostgreSqlDriver>({
      ...mikroOrmOptions(config),
      pool: { min: CLAIMERS, max: CLAIMERS + 2 },
    });
  });
  afterAll(() => orm.close(true));

  it('gives each due delivery to one claimer only, however the claims interleave', async () => {
    const now = new Date();
    const em = orm.em.fork() as EntityManager;
    const queued: string[] = [];
    for (let w = 0; w < WEBHOOKS; w += 1) {
      const webhookId = randomUUID();
      await em.execute(
        `insert into webhook (id, party, url, events, secret, created_at)
         values (?, 'SRB', 'https://example.org/hook', '{RFI_ROUTED}', 'sealed', ?)`,
        [webhookId, now],
      );
      for (let d = 0; d < PER_WEBHOOK; d += 1) {
        const id = randomUUID();
        queued.push(id);
        await em.execute(
          `insert into webhook_delivery
             (id, webhook_id, notification_id, kind, payload, status, next_attempt_at, queued_at, created_at)
           values (?, ?, ?, 'RFI_ROUTED', '{}', 'PENDING', ?, ?, ?)`,
          [id, webhookId, randomUUID(), new Date(now.getTime() - 1_000 + d), now, now],
        );
      }
    }

    const deliveries = new WebhookDeliveries();
    const lease = new Date(now.getTime() + 60_000);
    const claimed: string[] = [];
    // Each claimer passes again and again until a pass finds nothing; one delivery per webhook
    // per pass, so the claimers meet on the same rows pass after pass.
    await Promise.all(
      Array.from({ length: CLAIMERS }, async () => {
        for (;;) {
          const taken = await deliveries.claimDue(orm.em.fork() as EntityManager, now, lease, 20);
          if (!taken.length) {
            const left = await (orm.em.fork() as EntityManager).execute<{ n: string }[]>(
              `select count(*) as n from webhook_delivery where next_attempt_at <= ?`,
              [now],
            );
            if (Number(left[0]!.n) === 0) return;
            continue;
          }
          claimed.push(...taken.map((delivery) => delivery.id));
        }
      }),
    );
    const twice = claimed.filter((id, i) => claimed.indexOf(id) !== i);
    expect(twice).toEqual([]);
    expect(claimed.sort()).toEqual(queued.sort());
  });
});
