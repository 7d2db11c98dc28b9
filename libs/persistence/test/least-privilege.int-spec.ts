import { randomBytes } from 'node:crypto';
import { MikroORM } from '@mikro-orm/core';
import { PostgreSqlDriver } from '@mikro-orm/postgresql';
import { mikroOrmOptions, refuseSuperuser } from '@bp/persistence';
import {
  createMessagingTestDatabase,
  dropTestDatabase,
} from '../../../test/support/database-fixtures';

describe('an app refuses to run as a PostgreSQL superuser (real PostgreSQL)', () => {
  const role = `bp_it_plain_${randomBytes(4).toString('hex')}`;
  const password = randomBytes(16).toString('hex');
  let admin: MikroORM;
  let plain: MikroORM | undefined;
  let config: Awaited<ReturnType<typeof createMessagingTestDatabase>>['config'];

  beforeAll(async () => {
    ({ orm: admin, config } = await createMessagingTestDatabase('bp_least_privilege_it'));
    await admin.em.getConnection().execute(`create role ${role} login password '${password}'`);
  });
  afterAll(async () => {
    await plain?.close(true);
    await admin.em
      .getConnection()
      .execute(`drop role if exists ${role}`)
      .catch(() => undefined);
    await admin.close(true);
    await dropTestDatabase(config.database);
  });

  it('stops a process connected as a superuser, naming the role', async () => {
    await expect(refuseSuperuser(admin)).rejects.toThrow(
      /^Refusing to run as \w+, a PostgreSQL superuser/,
    );
  });

  it('lets a process connected as an ordinary role run', async () => {
    const url = new URL(config.database.serverUrl);
    url.username = role;
    plain = await MikroORM.init<PostgreSqlDriver>(
      mikroOrmOptions({
        ...config,
        database: { ...config.database, serverUrl: url.toString(), password },
      }),
    );
    await expect(refuseSuperuser(plain)).resolves.toBeUndefined();
  });
});
