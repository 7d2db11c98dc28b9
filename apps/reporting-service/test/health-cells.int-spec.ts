import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { EntityManager } from '@mikro-orm/postgresql';
import { Actor } from '@bp/domain-kernel';
import { StandbyReads } from '@bp/persistence';
import { ResponseHealthQuery, ResponseHealthReport, ResponseHealthRow } from '@bp/contracts';
import { DATABASE_URL, sleep } from '../../../test/support/test-env';
import { serviceTestDatabase } from '../../../test/support/database-fixtures';
import { ormConfig } from '../src/infrastructure/persistence/orm-config';
import { ResponseHealthQueryRunner } from '../src/infrastructure/persistence/response-health.query';
import { HealthCellsQuery } from '../src/infrastructure/persistence/health-cells.query';
import { ResponseHealth } from '../src/application/response-health';
import { durationBucket } from '../src/domain/duration-histogram';
import { secretariat, seedHealth } from './health-seed';

jest.setTimeout(120_000);

const focalPoint: Actor = { ...secretariat, username: 'fp-srb', role: 'focal_point', party: 'SRB' };

describe('response health from monthly cells (real PostgreSQL)', () => {
  const config = ormConfig({ serverUrl: DATABASE_URL, name: 'bp_reporting_cells_test' });
  const database = serviceTestDatabase(config);
  const em = () => database.orm().em.fork() as EntityManager;
  const exactQuery = new ResponseHealthQueryRunner();
  const cellsQuery = new HealthCellsQuery();
  const primaryOnly = new StandbyReads(undefined);
  const exactly = new ResponseHealth(exactQuery, cellsQuery, primaryOnly, {
    statisticsExactLimit: 10_000_000,
  });
  const fromCells = new ResponseHealth(exactQuery, cellsQuery, primaryOnly, {
    statisticsExactLimit: 0,
  });

  // A cell whose rows have all gone stays at zero, as readers skip it; a refill does not make it.
  const cells = async () =>
    em().execute(
      `select * from report_health_cell where filed <> 0 or received <> 0 order by month, party, topic`,
    );

  beforeAll(async () => {
    await seedHealth(em(), 3_000);
  });

  it("buckets a duration in SQL as the domain's durationBucket does", async () => {
    const seconds = [0, 1, 35.99, 36, 37.8, 600, 3_600, 86_399, 86_400, 1_234_567, 4e8];
    const rows = await em().execute<{ bucket: number }[]>(
      `select report_health_bucket(make_interval(secs => s)) as bucket
       from unnest(?::float8[]) with ordinality as t(s, i) order by i`,
      [`{${seconds.join(',')}}`],
    );
    expect(rows.map((row) => row.bucket)).toEqual(seconds.map((s) => durationBucket(s / 3_600)));
    expect((await em().execute(`select report_health_bucket(null) as bucket`))[0]).toEqual({
      bucket: 0,
    });
  });

  it('keeps the cells the triggers write equal to the cells counted afresh from the rows, through every kind of change', async () => {
    const tx = em();
    // Answers arriving, an officer's work handed to the focal point, a pause taken off the clock,
    // a request and its assignments gone, and a change that does not touch the figures.
    await tx.execute(`update report_assignment set acknowledged_at = assigned_at + interval '5 minutes'
      where acknowledged_at is null and assignment_id::text like '1%'`);
    await tx.execute(`update report_assignment set responded_at = assigned_at + interval '3 days',
      responded_on_time = true where responded_at is null and declined_at is null
      and assignment_id::text like '2%'`);
    await tx.execute(`update report_assignment set via_officer = false where via_officer
      and assignment_id::text like '3%'`);
    await tx.execute(`update report_assignment set paused_ms = paused_ms + 7200000
      where responded_at is not null and assignment_id::text like '4%'`);
    await tx.execute(
      `update report_assignment set escalation_level = 2 where assignment_id::text like '5%'`,
    );
    await tx.execute(`delete from report_assignment where rfi_id in
      (select rfi_id from report_request where rfi_id::text like 'f%')`);
    await tx.execute(`delete from report_request where rfi_id::text like 'f%'`);

    const kept = await cells();
    expect(kept.length).toBeGreaterThan(100);
    await tx.execute('select report_health_refill()');
    expect(await cells()).toEqual(kept);
  });

  it('lets two writers of one month, each with two parties in the other order, both commit (no deadlock)', async () => {
    const url = new URL(DATABASE_URL);
    url.pathname = `/${config.database.name}`;
    const [first, second] = [new Client(url.toString()), new Client(url.toString())];
    await Promise.all([first.connect(), second.connect()]);
    const assign = (client: Client, party: string) =>
      client.query(
        `insert into report_assignment (assignment_id, rfi_id, requester_party, recipient_party,
           via_officer, priority, topics, assigned_at, due_at)
         values ($1, $2, 'PAK', $3, false, 'NORMAL', '{ASYLUM}', '2025-08-12T10:00:00Z', '2025-08-19T10:00:00Z')`,
        [randomUUID(), randomUUID(), party],
      );
    try {
      await first.query('begin');
      await second.query('begin');
      await assign(first, 'SRB');
      // Waits for the month's first cell, which the first writer holds, before locking any other.
      const secondsFirst = assign(second, 'HUN');
      await sleep(300);
      await assign(first, 'HUN');
      await first.query('commit');
      await secondsFirst;
      await assign(second, 'SRB');
      await second.query('commit');
    } finally {
      await Promise.all([first.end(), second.end()]);
    }
    const [cell] = await em().execute<{ received: number }[]>(
      `select received from report_health_cell where month = '2025-08-01' and party = '' and topic = 'ASYLUM'`,
    );
    const [rows] = await em().execute<{ n: string }[]>(
      `select count(*) as n from report_assignment where assigned_at >= '2025-08-01' and assigned_at < '2025-09-01'
         and not via_officer and 'ASYLUM' = any(topics)`,
    );
    expect(cell!.received).toBe(Number(rows!.n));
  });

  /** The same question answered exactly and from the cells. */
  async function bothWays(query: ResponseHealthQuery, actor = secretariat) {
    const ask = (health: ResponseHealth) =>
      health.report(query, { actor, em: em() } as never) as Promise<ResponseHealthReport>;
    return { exact: await ask(exactly), approximate: await ask(fromCells) };
  }

  const counts = (row: ResponseHealthRow) => ({
    ...row,
    hoursToAcknowledge: null,
    hoursToRespond: null,
  });

  /** Within 2.5 % of the exact figure, and the rounding to 0.01 h on top. */
  const near = (approximate: number | null, exact: number | null) =>
    approximate === exact ||
    (approximate !== null &&
      exact !== null &&
      Math.abs(approximate - exact) <= 0.025 * Math.abs(exact) + 0.011);

  // Every row names its caller: jest takes a parameter beyond a row's columns for `done`.
  it.each<[string, ResponseHealthQuery, Actor]>([
    [
      'a year with days around its whole months, by party',
      { from: '2025-03-15', to: '2026-02-20' },
      secretariat,
    ],
    [
      'calendar months by month',
      { from: '2025-04-01', to: '2026-01-31', groupBy: 'month' },
      secretariat,
    ],
    ['every month there is, by topic', { groupBy: 'topic' }, secretariat],
    ['one topic by party, open at the start', { to: '2025-12-10', topic: 'ASYLUM' }, secretariat],
    [
      'one party by topic, open at the end',
      { from: '2025-06-02', party: 'PAK', groupBy: 'topic' },
      secretariat,
    ],
    [
      'one topic of one party by month',
      { party: 'HUN', topic: 'DOCUMENT_FRAUD', groupBy: 'month' },
      secretariat,
    ],
    ['a window inside one month', { from: '2025-07-03', to: '2025-07-19' }, secretariat],
    ['a window ending in the future', { from: '2025-05-20', to: '2099-01-10' }, secretariat],
    [
      "a focal point's year by topic",
      { from: '2025-03-01', to: '2026-02-28', groupBy: 'topic' },
      focalPoint,
    ],
    [
      "a focal point asking for another party's rows",
      { party: 'PAK', groupBy: 'month' },
      focalPoint,
    ],
  ])(
    '%s: the same counts as the exact answer, each percentile within 2.5 %%',
    async (_, query, actor) => {
      const { exact, approximate } = await bothWays(query, actor);
      expect(exact.percentiles).toBe('exact');
      expect(approximate.percentiles).toBe('approximate');
      expect(exact.rows.length).toBeGreaterThan(0);
      expect(approximate.rows.map(counts)).toEqual(exact.rows.map(counts));
      exact.rows.forEach((row, i) => {
        const other = approximate.rows[i]!;
        for (const figure of ['hoursToAcknowledge', 'hoursToRespond'] as const)
          for (const p of ['median', 'p90'] as const)
            if (!near(other[figure][p], row[figure][p]))
              throw new Error(
                `${row.key} ${figure}.${p}: ${other[figure][p]} from the cells, ${row[figure][p]} exactly`,
              );
      });
    },
  );

  it('never shows a focal point the all-parties cells: its answer counts only what its party filed and received', async () => {
    const { approximate } = await bothWays({ groupBy: 'month' }, focalPoint);
    const [own] = await em().execute<{ filed: string; received: string }[]>(
      `select (select count(*) from report_request where requester_party = 'SRB') as filed,
         (select count(*) from report_assignment where recipient_party = 'SRB' and not via_officer) as received`,
    );
    expect(approximate.rows.reduce((sum, row) => sum + row.filed, 0)).toBe(Number(own!.filed));
    expect(approximate.rows.reduce((sum, row) => sum + row.received, 0)).toBe(
      Number(own!.received),
    );
  });
});
