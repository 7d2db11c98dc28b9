import { randomUUID } from 'node:crypto';
import { MikroORM } from '@mikro-orm/core';
import { EntityManager, PostgreSqlDriver } from '@mikro-orm/postgresql';
import { Actor } from '@bp/contracts';
import { migrateDatabase, mikroOrmOptions } from '@bp/persistence';
import { DATABASE_URL } from '../../../test/support/test-env';
import { ormConfig } from '../src/infrastructure/persistence/orm-config';
import { Deployment } from '../src/domain/deployment';
import { Officer } from '../src/domain/officer';
import { DeploymentUnitOfWork } from '../src/infrastructure/persistence/deployment.unit-of-work';
import { CalendarScheduler } from '../src/application/calendar-scheduler';
import { DeploymentSchema } from '../src/infrastructure/persistence/deployment.schema';
import { DeploymentRepository } from '../src/infrastructure/persistence/deployment.repository';

const sender: Actor = {
  userId: randomUUID(),
  username: 'fp-pak',
  role: 'focal_point',
  party: 'PAK',
  officerId: null,
};
const host: Actor = {
  userId: randomUUID(),
  username: 'fp-srb',
  role: 'focal_point',
  party: 'SRB',
  officerId: null,
};
const day = (iso: string) => new Date(`${iso}T06:00:00Z`);

describe('the deployment calendar with two schedulers (real PostgreSQL)', () => {
  let orm: MikroORM;
  const config = ormConfig({ serverUrl: DATABASE_URL, name: 'bp_deployment_calendar_it' });

  beforeAll(async () => {
    await migrateDatabase(config);
    orm = await MikroORM.init<PostgreSqlDriver>(mikroOrmOptions(config));
  });
  afterAll(() => orm.close(true));

  it('starts an approved posting on its start date and ends it after its end date, each once', async () => {
    const em = orm.em.fork() as EntityManager;
    const officer = Officer.register({
      id: randomUUID(),
      by: sender,
      now: new Date(),
      fullName: 'Ayesha Khan',
      sendingParty: 'PAK',
      agency: 'FIA',
      languages: [],
      expertise: [],
      email: 'a@example.org',
    });
    const deployment = Deployment.propose({
      id: randomUUID(),
      officer,
      by: sender,
      now: day('2030-01-01'),
      hostParty: 'SRB',
      postingCity: 'Belgrade',
      mandateTopics: [],
      startDate: '2030-03-01',
      endDate: '2030-06-30',
      otherPostingsOfOfficer: [],
    });
    deployment.approve(host, day('2030-01-02'));
    deployment.pullChanges();
    await em.persistAndFlush([officer, deployment]);

    const deployments = new DeploymentRepository();
    const unitOfWork = new DeploymentUnitOfWork(deployments);
    const [first, second] = [
      new CalendarScheduler(orm, deployments, unitOfWork, { calendarIntervalMs: 60_000 }),
      new CalendarScheduler(orm, deployments, unitOfWork, { calendarIntervalMs: 60_000 }),
    ];
    const statusOn = async () =>
      (
        await (orm.em.fork() as EntityManager).findOneOrFail(DeploymentSchema, {
          id: deployment.id,
        })
      ).status;

    await Promise.all([first.pass(day('2030-02-28')), second.pass(day('2030-02-28'))]);
    expect(await statusOn()).toBe('APPROVED');
    await Promise.all([first.pass(day('2030-03-01')), second.pass(day('2030-03-01'))]);
    expect(await statusOn()).toBe('ACTIVE');
    await Promise.all([first.pass(day('2030-06-30')), second.pass(day('2030-06-30'))]);
    expect(await statusOn()).toBe('ACTIVE');
    await Promise.all([first.pass(day('2030-07-01')), second.pass(day('2030-07-01'))]);
    expect(await statusOn()).toBe('ENDED');

    const events = await (orm.em.fork() as EntityManager).execute<{ event_type: string }[]>(
      'select event_type from outbox_message where message_key = ? order by position',
      [deployment.id],
    );
    expect(events.map((e) => e.event_type)).toEqual(['deployment.activated', 'deployment.ended']);
  });
});
