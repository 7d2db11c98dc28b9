import { Client } from 'pg';
import { as } from '../support/api';
import { EVERY_SERVICE, appsForFile } from '../support/apps-for-file';
import {
  TEST_DATABASES,
  connectAs,
  connectAsAdmin,
  ownerRoleOf,
  refusal,
  runtimeRoleOf,
} from '../support/database-roles';
import { fileRfi } from '../support/rfi-fixtures';
import { eventually } from '../support/test-env';

jest.setTimeout(180_000);

/*
 * Least-privilege databases (issue 12, item 3): every app runs as its database's runtime role,
 * which can reach no other database, cannot change its own schema or the append-only history,
 * and is no superuser. The apps are the real ones of the test profile, started by infra/scripts.
 */
const DATABASES = Object.values(TEST_DATABASES);
const INSUFFICIENT_PRIVILEGE = '42501';

describe('database roles', () => {
  appsForFile(...EVERY_SERVICE);

  describe('one database per app, and no way into another', () => {
    const pairs = DATABASES.flatMap((own) =>
      DATABASES.filter((other) => other !== own).map((other) => [own, other] as const),
    );

    it.each(pairs)('the roles of %s cannot connect to %s', async (own, other) => {
      for (const role of [runtimeRoleOf(own), ownerRoleOf(own)]) {
        const refused = await refusal(() => connectAs(role, other));
        expect(refused).toEqual({
          code: INSUFFICIENT_PRIVILEGE,
          message: expect.stringContaining(`permission denied for database "${other}"`),
        });
      }
    });

    it('the deployment-service runtime role is refused by bp_rfi_test but reaches its own database', async () => {
      const refused = await refusal(() =>
        connectAs(runtimeRoleOf(TEST_DATABASES['deployment-service']), 'bp_rfi_test'),
      );
      expect(refused.code).toBe(INSUFFICIENT_PRIVILEGE);
      const own = await connectAs(
        runtimeRoleOf(TEST_DATABASES['deployment-service']),
        'bp_deployment_test',
      );
      try {
        const { rows } = await own.query<{ me: string }>('select current_user as me');
        expect(rows).toEqual([{ me: 'bp_deployment_test_app' }]);
      } finally {
        await own.end();
      }
    });

    it('gives each role the attributes to log in and nothing more, and owns nothing to the runtime role', async () => {
      const admin = await connectAsAdmin();
      try {
        const { rows } = await admin.query<Record<string, unknown>>(
          `select rolname, rolsuper, rolcreatedb, rolcreaterole, rolreplication, rolbypassrls, rolcanlogin
           from pg_roles where rolname = any($1) order by rolname`,
          [DATABASES.flatMap((db) => [runtimeRoleOf(db), ownerRoleOf(db)])],
        );
        expect(rows).toHaveLength(DATABASES.length * 2);
        for (const row of rows)
          expect(row).toEqual({
            rolname: row.rolname,
            rolsuper: false,
            rolcreatedb: false,
            rolcreaterole: false,
            rolreplication: false,
            rolbypassrls: false,
            rolcanlogin: true,
          });
        const owners = await admin.query<{ datname: string; owner: string }>(
          `select datname, pg_get_userbyid(datdba) as owner from pg_database
           where datname = any($1) order by datname`,
          [DATABASES],
        );
        expect(owners.rows).toEqual(
          [...DATABASES].sort().map((datname) => ({ datname, owner: ownerRoleOf(datname) })),
        );
      } finally {
        await admin.end();
      }
      // Inside each database everything belongs to the owner role.
      for (const database of DATABASES) {
        const inside = await connectAsAdmin(database);
        try {
          const { rows } = await inside.query<{ name: string; owner: string }>(
            `select relname as name, pg_get_userbyid(relowner) as owner from pg_class
             where relnamespace = 'public'::regnamespace and relowner <> $1::regrole
             union all
             select proname, pg_get_userbyid(proowner) from pg_proc
             where pronamespace = 'public'::regnamespace and proowner <> $1::regrole`,
            [ownerRoleOf(database)],
          );
          expect({ database, notTheOwners: rows }).toEqual({ database, notTheOwners: [] });
        } finally {
          await inside.end();
        }
      }
    });
  });

  describe("the rfi-service's runtime role", () => {
    let app: Client;
    beforeAll(async () => {
      app = await connectAs(runtimeRoleOf('bp_rfi_test'), 'bp_rfi_test');
    });
    afterAll(() => app?.end());

    it.each([
      [
        'UPDATE',
        `update rfi_history set action = 'FORGED'`,
        'permission denied for table rfi_history',
      ],
      ['DELETE', 'delete from rfi_history', 'permission denied for table rfi_history'],
      ['TRUNCATE', 'truncate rfi_history', 'permission denied for table rfi_history'],
      [
        'disabling the append-only trigger',
        'alter table rfi_history disable trigger rfi_history_append_only',
        'must be owner of table rfi_history',
      ],
      [
        'disabling every trigger',
        'alter table rfi_history disable trigger all',
        'must be owner of table rfi_history',
      ],
      [
        'switching triggers off for the session',
        'set session_replication_role = replica',
        'permission denied to set parameter "session_replication_role"',
      ],
      [
        'moving the head of a chain',
        `update rfi_history_head set seq = seq - 1`,
        'permission denied for table rfi_history_head',
      ],
      [
        'writing a head of its own',
        `insert into rfi_history_head (rfi_id, seq, hash)
         values ('00000000-0000-0000-0000-000000000001', 1, '\\x00')`,
        'permission denied for table rfi_history_head',
      ],
      [
        'changing the chaining function',
        'alter function rfi_history_chain() security invoker',
        'must be owner of function rfi_history_chain',
      ],
      ['creating a table', 'create table mine (id int)', 'permission denied for schema public'],
      [
        'creating a function',
        `create function mine() returns int language sql as 'select 1'`,
        'permission denied for schema public',
      ],
      [
        'reading the migrations',
        'select * from schema_migration',
        'permission denied for table schema_migration',
      ],
      [
        'dropping a table',
        'drop table rfi_history_head',
        'must be owner of table rfi_history_head',
      ],
    ])('is refused %s (42501)', async (_, sql, message) => {
      const refused = await refusal(() => app.query(sql));
      expect(refused).toEqual({
        code: INSUFFICIENT_PRIVILEGE,
        message: expect.stringContaining(message),
      });
    });

    it('still files an RFI through the API, and its history is chained by the trigger it cannot write around', async () => {
      const rfi = await fileRfi('fp-pak');
      const { rows } = await app.query<{ seq: number; action: string }>(
        'select seq, action from rfi_history where rfi_id = $1 order by seq',
        [rfi.id],
      );
      expect(rows.length).toBeGreaterThanOrEqual(2);
      expect(rows.map((row) => row.seq)).toEqual(rows.map((_, i) => i + 1));
      const head = await app.query<{ seq: number }>(
        'select seq from rfi_history_head where rfi_id = $1',
        [rfi.id],
      );
      expect(head.rows).toEqual([{ seq: rows.length }]);
      const verified = await as<{ intact: boolean }>(
        'fp-pak',
        'GET',
        `/rfis/${rfi.id}/history/verify`,
      );
      expect(verified.status).toBe(200);
      expect(verified.body).toEqual({ intact: true, firstBroken: null });
    });

    it('may append a line itself, which the trigger numbers and links as the owner', async () => {
      const rfi = await fileRfi('fp-pak');
      await app.query('begin');
      try {
        const { rows } = await app.query<{ seq: number; linked: boolean }>(
          `insert into rfi_history (rfi_id, at, action, details) values ($1, now(), 'PROBE', '{}')
           returning seq, prev_hash is not null as linked`,
          [rfi.id],
        );
        const head = await app.query<{ seq: number }>(
          'select seq from rfi_history_head where rfi_id = $1',
          [rfi.id],
        );
        expect(head.rows).toEqual([{ seq: rows[0]!.seq }]);
        expect(rows[0]!.linked).toBe(true);
      } finally {
        await app.query('rollback');
      }
    });
  });

  it("the gateway's runtime role cannot change or delete the account audit log", async () => {
    const gateway = await connectAs(runtimeRoleOf('bp_gateway_test'), 'bp_gateway_test');
    try {
      for (const sql of [
        `update account_audit set action = 'FORGED'`,
        'delete from account_audit',
        'truncate account_audit',
      ]) {
        const refused = await refusal(() => gateway.query(sql));
        expect(refused).toEqual({
          code: INSUFFICIENT_PRIVILEGE,
          message: expect.stringContaining('permission denied for table account_audit'),
        });
      }
      const { rows } = await gateway.query<{ seen: boolean }>(
        'select count(*) > 0 as seen from account_audit',
      );
      expect(rows).toEqual([{ seen: true }]);
    } finally {
      await gateway.end();
    }
  });

  it('the running apps are connected as their runtime roles, and nothing connects to an app database as a superuser', async () => {
    // A request through every service's database: the gateway signs in, the rfi-service files.
    await fileRfi('fp-pak');
    const admin = await connectAsAdmin();
    try {
      const sessions = await eventually(
        'a connection to every app database',
        async () => {
          const { rows } = await admin.query<{
            datname: string;
            usename: string;
            rolsuper: boolean;
          }>(
            `select a.datname, a.usename, r.rolsuper from pg_stat_activity a
             join pg_roles r on r.oid = a.usesysid
             where a.datname = any($1) and a.pid <> pg_backend_pid()`,
            [DATABASES],
          );
          return DATABASES.every((db) => rows.some((row) => row.datname === db)) && rows;
        },
        30_000,
      );
      for (const session of sessions)
        expect(session).toEqual({
          datname: session.datname,
          usename: runtimeRoleOf(session.datname),
          rolsuper: false,
        });
    } finally {
      await admin.end();
    }
  });
});
