import { EntityManager } from '@mikro-orm/postgresql';
import { ResponseHealthReport } from '@bp/contracts';
import { StandbyHeartbeat, StandbyReads } from '@bp/persistence';
import { eventually } from '../../../test/support/test-env';
import {
  onStandbyPair,
  readsFrom,
  replay,
  standbyTestDatabase,
} from '../../../test/support/standby-replay';
import { ormConfig } from '../src/infrastructure/persistence/orm-config';
import { ResponseHealthQueryRunner } from '../src/infrastructure/persistence/response-health.query';
import { HealthCellsQuery } from '../src/infrastructure/persistence/health-cells.query';
import { ResponseHealth } from '../src/application/response-health';
import { secretariat, seedHealth } from './health-seed';

const MAX_STALENESS_MS = 3_000;

describe('statistics from a streaming standby (real primary and standby)', () => {
  const config = ormConfig(onStandbyPair('bp_reporting_standby_it', MAX_STALENESS_MS));
  const db = standbyTestDatabase(config);

  const em = () => db.orm().em.fork() as EntityManager;
  const beat = () => new StandbyHeartbeat(db.orm()).pass();
  const health = (reads: StandbyReads) =>
    new ResponseHealth(new ResponseHealthQueryRunner(), new HealthCellsQuery(), reads, {
      statisticsExactLimit: 10_000_000,
    });
  const withStandby = health(
    new StandbyReads(
      config.database.standby,
      config.migrations.map((migration) => migration.name),
    ),
  );
  const primaryOnly = health(new StandbyReads(undefined));
  const ask = (service: ResponseHealth) =>
    service.report({ groupBy: 'party' }, {
      actor: secretariat,
      em: em(),
    } as never) as Promise<ResponseHealthReport>;
  const received = (report: ResponseHealthReport) =>
    report.rows.reduce((sum, row) => sum + row.received, 0);

  beforeAll(async () => {
    await seedHealth(em(), 300);
    await beat();
    await replay.caughtUp();
  }, 60_000);

  it('answers on the standby what the primary answers, and within the bound, only what the standby has replayed', async () => {
    const before = await readsFrom('standby');
    const answer = await ask(withStandby);
    expect(answer).toEqual(await ask(primaryOnly));
    expect(received(answer)).toBeGreaterThan(0);
    expect(await readsFrom('standby')).toBe(before + 1);

    await replay.pause();
    try {
      await em().execute('delete from report_assignment');
      await beat();
      // The standby has not replayed the deletion: within the bound it answers as before.
      expect(await ask(withStandby)).toEqual(answer);
      // Past the bound, the primary answers: nothing received any more.
      const fromPrimary = await eventually(
        'the standby to fall behind the bound',
        async () => {
          await beat();
          const now = await ask(withStandby);
          return received(now) === 0 ? now : undefined;
        },
        MAX_STALENESS_MS * 3,
        250,
      );
      expect(fromPrimary).toEqual(await ask(primaryOnly));
    } finally {
      await replay.resume();
    }
    await beat();
    await replay.caughtUp();
    const standbyBefore = await readsFrom('standby');
    expect(received(await ask(withStandby))).toBe(0);
    expect(await readsFrom('standby')).toBe(standbyBefore + 1);
  }, 30_000);
});
