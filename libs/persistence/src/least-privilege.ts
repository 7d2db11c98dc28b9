import { MikroORM } from '@mikro-orm/core';

/**
 * An app process refuses to run as a PostgreSQL superuser: the database roles (README, Database
 * roles) protect only what an app's own role cannot override, and a superuser can override all of
 * it. A wrong DATABASE_URL then stops the boot, saying so, instead of quietly running with every
 * right on every database.
 */
export async function refuseSuperuser(orm: MikroORM): Promise<void> {
  const [role] = await orm.em
    .getConnection()
    .execute<
      { name: string; superuser: boolean }[]
    >('select current_user as name, rolsuper as superuser from pg_roles where rolname = current_user');
  if (role?.superuser)
    throw new Error(
      `Refusing to run as ${role.name}, a PostgreSQL superuser: give this app its own runtime ` +
        `role in DATABASE_URL (README, Database roles)`,
    );
}
