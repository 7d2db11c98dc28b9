import { EntityManager } from '@mikro-orm/postgresql';
import { randomUUID } from 'node:crypto';
import { actor } from '../../../test/support/domain-fixtures';
import { serviceTestDatabase } from '../../../test/support/database-fixtures';
import { DATABASE_URL } from '../../../test/support/test-env';
import { Alert } from '../src/domain/alert';
import { AlertRepository } from '../src/infrastructure/persistence/alerts';
import { ormConfig } from '../src/infrastructure/persistence/orm-config';

const HOUR = 3_600_000;
const NOW = new Date('2026-11-29T12:00:00Z');

/** The count the daily limit of alerts is checked against, per sender, on a real PostgreSQL. */
describe('the alerts a sender raised lately (real PostgreSQL)', () => {
  const database = serviceTestDatabase(
    ormConfig({ serverUrl: DATABASE_URL, name: 'bp_reporting_alert_quota_test' }),
  );
  const alerts = new AlertRepository();
  const em = () => database.orm().em.fork() as EntityManager;

  const raised = (by: ReturnType<typeof actor>, hoursAgo: number) =>
    Alert.raise({
      id: randomUUID(),
      // The account's id is a UUID in the table.
      by: { ...by, userId: randomUUID() },
      title: 'Night crossings',
      summary: 'Groups cross at night.',
      severity: 'LOW',
      address: { routes: [], regions: [], parties: ['HUN'] },
      reached: ['HUN'],
      now: new Date(NOW.getTime() - hoursAgo * HOUR),
    });

  beforeAll(async () => {
    const srb = actor('fp-srb', 'focal_point', 'SRB');
    const secretariat = actor('secretariat', 'secretariat', null);
    await em().transactional(async (tx) => {
      for (const alert of [
        raised(srb, 1),
        raised(srb, 23),
        raised(srb, 25),
        raised(secretariat, 2),
        raised(actor('fp-aut', 'focal_point', 'AUT'), 1),
      ])
        await alerts.save(tx, alert);
    });
  });

  it('counts a sender’s own alerts of the window only, the secretariat’s apart', async () => {
    const since = new Date(NOW.getTime() - 24 * HOUR);
    const count = (sender: string | null) =>
      em().transactional((tx) => alerts.raisedSinceLocked(tx, sender, since));
    expect(await count('SRB')).toBe(2);
    expect(await count(null)).toBe(1);
    expect(await count('AUT')).toBe(1);
    expect(await count('HUN')).toBe(0);
  });

  it('makes a second raise of the same sender wait for the first one’s transaction', async () => {
    const since = new Date(NOW.getTime() - 24 * HOUR);
    const first = em();
    await first.begin();
    await alerts.raisedSinceLocked(first, 'SRB', since);
    let counted = false;
    const second = em()
      .transactional((tx) => alerts.raisedSinceLocked(tx, 'SRB', since))
      .then(() => (counted = true));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(counted).toBe(false);
    await first.commit();
    await second;
    expect(counted).toBe(true);
  });
});
