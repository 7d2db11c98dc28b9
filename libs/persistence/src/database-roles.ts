import { createHash, createHmac, pbkdf2Sync, randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { assertSafeDatabaseName } from './database-settings';

/**
 * Least-privilege databases (issue 12, item 3). Every app database has two roles of its own:
 * - `<db>_owner` owns the database and everything in it and runs the migrations;
 * - `<db>_app` is what the app process connects as: CONNECT on its own database only, plain DML
 *   on its tables (SELECT and INSERT only on append-only ones), no DDL, owner of nothing.
 * Neither may create databases or roles, and no other role (PUBLIC) may even connect.
 *
 * The admin (the superuser of DATABASE_URL in infra/scripts, or Docker Compose's init step)
 * provisions roles and databases with `provisionDatabase`; each migrate run then grants the runtime
 * role its rights with `grantRuntimeAccess` (migrate.ts), as the owner.
 */
export interface DatabaseRoles {
  database: string;
  owner: string;
  app: string;
}

const ROLE_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

export function assertSafeRoleName(name: string): string {
  if (!ROLE_NAME.test(name)) throw new Error(`Unsafe role name: ${name}`);
  return name;
}

/** The two roles of a database, e.g. bp_rfi_test → bp_rfi_test_owner and bp_rfi_test_app. */
export function databaseRoles(database: string): DatabaseRoles {
  assertSafeDatabaseName(database);
  return {
    database,
    owner: assertSafeRoleName(`${database}_owner`),
    app: assertSafeRoleName(`${database}_app`),
  };
}

/** A new password: 32 random bytes, URL-safe, so it can stand in a connection URL as it is. */
export function generateDatabasePassword(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * The SCRAM-SHA-256 verifier PostgreSQL stores for a password (RFC 5802, RFC 7677):
 * `SCRAM-SHA-256$<iterations>:<salt>$<StoredKey>:<ServerKey>`. Sent instead of the password, so the
 * password itself never reaches the server's statement log, and it works whatever
 * password_encryption the server has. Passwords are generated ASCII, which SASLprep leaves as is.
 */
export function scramSha256Verifier(
  password: string,
  { salt = randomBytes(16), iterations = 4096 }: { salt?: Buffer; iterations?: number } = {},
): string {
  if (!/^[\x21-\x7e]+$/.test(password))
    throw new Error('Database passwords are printable ASCII (SASLprep is not applied)');
  const salted = pbkdf2Sync(password, salt, iterations, 32, 'sha256');
  const clientKey = createHmac('sha256', salted).update('Client Key').digest();
  const storedKey = createHash('sha256').update(clientKey).digest();
  const serverKey = createHmac('sha256', salted).update('Server Key').digest();
  return `SCRAM-SHA-256$${iterations}:${salt.toString('base64')}$${storedKey.toString('base64')}:${serverKey.toString('base64')}`;
}

const ident = (name: string) => `"${assertSafeRoleName(name)}"`;
const literal = (text: string) => `'${text.replace(/'/g, "''")}'`;

/** Role attributes of both roles: they log in, and that is all they may do beyond their grants. */
const ROLE_ATTRIBUTES =
  'login nosuperuser nocreatedb nocreaterole noinherit noreplication nobypassrls';

/** Creates or updates one role; its password is set from the verifier each time (rotation). */
export function roleStatements(role: string, verifier: string): string[] {
  return [
    `do $$ begin
       create role ${ident(role)};
     exception when duplicate_object then null;
     end $$`,
    `alter role ${ident(role)} with ${ROLE_ATTRIBUTES} password ${literal(verifier)}`,
  ];
}

/** On the server (any database): who may connect to the app database, and who owns it. */
export function databaseStatements(roles: DatabaseRoles): string[] {
  const db = `"${assertSafeDatabaseName(roles.database)}"`;
  return [
    `alter database ${db} owner to ${ident(roles.owner)}`,
    // PUBLIC has CONNECT and TEMP on every new database: no other app's role may even connect.
    `revoke all on database ${db} from public`,
    `grant connect on database ${db} to ${ident(roles.app)}`,
  ];
}

/**
 * Inside the app database, as the admin: hands over to the owner what was created before the roles
 * existed (by the superuser): the public schema, and every table, view, sequence, function and type
 * in it that is not the owner's already. Sequences owned by a column follow their table; objects of
 * extensions stay with the extension.
 */
export function handOverStatements(roles: DatabaseRoles): string[] {
  const owner = ident(roles.owner);
  return [
    `alter schema public owner to ${owner}`,
    // PostgreSQL 15 no longer lets PUBLIC create in public; older servers and upgraded databases did.
    'revoke create on schema public from public',
    `do $$
     declare
       target oid := (select oid from pg_roles where rolname = ${literal(roles.owner)});
       item record;
     begin
       for item in
         select c.oid::regclass as name, c.relkind from pg_class c
         where c.relnamespace = 'public'::regnamespace and c.relowner <> target
           and c.relkind in ('r', 'p', 'v', 'm', 'f', 'S')
           and not exists (select 1 from pg_depend d where d.classid = 'pg_class'::regclass
             and d.objid = c.oid and d.deptype in ('a', 'i', 'e'))
       loop
         execute pg_catalog.format('alter %s %s owner to %I',
           case item.relkind when 'v' then 'view' when 'm' then 'materialized view'
             when 'f' then 'foreign table' when 'S' then 'sequence' else 'table' end,
           item.name, ${literal(roles.owner)});
       end loop;
       for item in
         select p.oid::regprocedure as name from pg_proc p
         where p.pronamespace = 'public'::regnamespace and p.proowner <> target
           and not exists (select 1 from pg_depend d where d.classid = 'pg_proc'::regclass
             and d.objid = p.oid and d.deptype = 'e')
       loop
         execute pg_catalog.format('alter routine %s owner to %I', item.name, ${literal(roles.owner)});
       end loop;
       for item in
         select t.oid::regtype as name, t.typtype from pg_type t
         where t.typnamespace = 'public'::regnamespace and t.typowner <> target
           and t.typtype in ('e', 'd', 'r', 'c')
           and (t.typrelid = 0 or (select relkind from pg_class where oid = t.typrelid) = 'c')
           and not exists (select 1 from pg_depend d where d.classid = 'pg_type'::regclass
             and d.objid = t.oid and d.deptype = 'e')
       loop
         execute pg_catalog.format('alter %s %s owner to %I',
           case item.typtype when 'd' then 'domain' else 'type' end,
           item.name, ${literal(roles.owner)});
       end loop;
     end $$`,
  ];
}

/** What the runtime role may do with the tables of its database; everything else is refused. */
export interface RuntimeAccess {
  /** The runtime role (DATABASE_APP_ROLE), e.g. bp_rfi_app. */
  role: string;
  /** Tables it may read and append to but never change: SELECT and INSERT only. */
  appendOnly?: readonly string[];
  /** Tables it may only read, e.g. ones that SECURITY DEFINER triggers keep. */
  readOnly?: readonly string[];
}

const TABLE_NAME = /^[a-z_][a-z0-9_]{0,62}$/;
const table = (name: string) => {
  if (!TABLE_NAME.test(name)) throw new Error(`Unsafe table name: ${name}`);
  return `"${name}"`;
};

/**
 * Run by the owner after the migrations, in one transaction: the runtime role's rights are set
 * afresh each time, so a table that became append-only loses its UPDATE and DELETE grant. The
 * migrations table is not the app's business.
 */
export function runtimeGrantStatements(access: RuntimeAccess, migrationsTable: string): string[] {
  const role = ident(access.role);
  return [
    `revoke all on all tables in schema public from ${role}`,
    `revoke all on all sequences in schema public from ${role}`,
    `grant usage on schema public to ${role}`,
    `grant select, insert, update, delete on all tables in schema public to ${role}`,
    `grant usage, select on all sequences in schema public to ${role}`,
    ...(access.appendOnly ?? []).map(
      (name) => `revoke update, delete, truncate on ${table(name)} from ${role}`,
    ),
    ...(access.readOnly ?? []).map(
      (name) => `revoke insert, update, delete, truncate on ${table(name)} from ${role}`,
    ),
    `revoke all on ${table(migrationsTable)} from ${role}`,
  ];
}

const PROVISIONING_LOCK = 0x62706462; // "bpdb"

/** The server URL with another database in its path. */
function urlOf(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

export interface RolePasswords {
  owner: string;
  app: string;
}

/**
 * The superuser's sessions here resolve names in pg_catalog only: the app databases' public schema
 * belongs to their owner roles, which could otherwise plant a function (format, pg_advisory_lock)
 * that a superuser session would call in place of the built-in one (CVE-2018-1058).
 */
const ADMIN_SEARCH_PATH = '-c search_path=pg_catalog,pg_temp';

/**
 * As the admin (a superuser, or a role with CREATEROLE and CREATEDB that may grant the owner role
 * to itself): creates or updates both roles of each database with their passwords, creates the
 * database owned by its owner role, and hands a database created before this over to it.
 * Idempotent, and serialized by an advisory lock, so that `npm start` and `npm test` may run it
 * at the same time.
 */
export async function provisionDatabases(
  adminUrl: string,
  databases: readonly { roles: DatabaseRoles; passwords: RolePasswords }[],
): Promise<void> {
  const admin = new Client({ connectionString: adminUrl, options: ADMIN_SEARCH_PATH });
  await admin.connect();
  try {
    await admin.query('select pg_advisory_lock($1)', [PROVISIONING_LOCK]);
    for (const { roles, passwords } of databases) {
      for (const statement of [
        ...roleStatements(roles.owner, scramSha256Verifier(passwords.owner)),
        ...roleStatements(roles.app, scramSha256Verifier(passwords.app)),
      ])
        await admin.query(statement);
      const { rowCount } = await admin.query('select 1 from pg_database where datname = $1', [
        roles.database,
      ]);
      if (!rowCount)
        await admin.query(
          `create database "${assertSafeDatabaseName(roles.database)}" owner ${ident(roles.owner)}`,
        );
      for (const statement of databaseStatements(roles)) await admin.query(statement);
      const inside = new Client({
        connectionString: urlOf(adminUrl, roles.database),
        options: ADMIN_SEARCH_PATH,
      });
      await inside.connect();
      try {
        await inside.query('begin');
        for (const statement of handOverStatements(roles)) await inside.query(statement);
        await inside.query('commit');
      } catch (error) {
        await inside.query('rollback').catch(() => undefined);
        throw error;
      } finally {
        await inside.end();
      }
    }
  } finally {
    await admin.end();
  }
}
