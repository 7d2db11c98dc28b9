import {
  databaseRoles,
  databaseStatements,
  generateDatabasePassword,
  roleStatements,
  runtimeGrantStatements,
  scramSha256Verifier,
} from './database-roles';

describe('databaseRoles', () => {
  it('names an owner and a runtime role after the database', () => {
    expect(databaseRoles('bp_rfi_test')).toEqual({
      database: 'bp_rfi_test',
      owner: 'bp_rfi_test_owner',
      app: 'bp_rfi_test_app',
    });
  });

  it.each([['bp-rfi'], ['BP_RFI'], ['bp_rfi"; drop role postgres; --'], ['a'.repeat(60)]])(
    'refuses %s, which could not be quoted safely or would be cut to 63 characters',
    (name) => {
      expect(() => databaseRoles(name)).toThrow(/Unsafe (database|role) name/);
    },
  );
});

describe('scramSha256Verifier', () => {
  it('gives what PostgreSQL 15 stores for the same password and salt', () => {
    // CREATE ROLE ... PASSWORD 'pencil-Correct_horse-42' with password_encryption=scram-sha-256.
    const stored =
      'SCRAM-SHA-256$4096:yaJMhs17xRMd97wd0McMTg==$icOw2eRvTFhL8VIyLakQZ1PpAEeA1NJJP3YD4mJqQTw=:UwCEr3T9CSuWhC0Mud/WvtSViWMEbjmtqkkkNSnGqWw=';
    const salt = Buffer.from('yaJMhs17xRMd97wd0McMTg==', 'base64');
    expect(scramSha256Verifier('pencil-Correct_horse-42', { salt })).toBe(stored);
  });

  it('salts each verifier afresh, so none reveals that two passwords are the same', () => {
    const first = scramSha256Verifier('same-password');
    expect(first).toMatch(
      /^SCRAM-SHA-256\$4096:[A-Za-z0-9+/=]{24}\$[A-Za-z0-9+/=]{44}:[A-Za-z0-9+/=]{44}$/,
    );
    expect(scramSha256Verifier('same-password')).not.toBe(first);
  });

  it('refuses passwords that SASLprep would change or that are empty', () => {
    expect(() => scramSha256Verifier('')).toThrow(/printable ASCII/);
    expect(() => scramSha256Verifier('pässword')).toThrow(/printable ASCII/);
    expect(() => scramSha256Verifier('with space')).toThrow(/printable ASCII/);
  });
});

describe('generateDatabasePassword', () => {
  it('gives 256 random bits that stand in a URL as they are', () => {
    const password = generateDatabasePassword();
    expect(password).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(encodeURIComponent(password)).toBe(password);
    expect(generateDatabasePassword()).not.toBe(password);
  });
});

describe('roleStatements', () => {
  it('lets the role log in and nothing more, and sets the password from the verifier', () => {
    const [create, alter] = roleStatements('bp_rfi_app', "SCRAM-SHA-256$4096:x$y:z'q");
    expect(create).toContain('create role "bp_rfi_app"');
    expect(create).toContain('when duplicate_object');
    expect(alter).toBe(
      `alter role "bp_rfi_app" with login nosuperuser nocreatedb nocreaterole noinherit ` +
        `noreplication nobypassrls password 'SCRAM-SHA-256$4096:x$y:z''q'`,
    );
  });
});

describe('databaseStatements', () => {
  it('gives the database to its owner and CONNECT to its runtime role alone', () => {
    expect(databaseStatements(databaseRoles('bp_rfi'))).toEqual([
      'alter database "bp_rfi" owner to "bp_rfi_owner"',
      'revoke all on database "bp_rfi" from public',
      'grant connect on database "bp_rfi" to "bp_rfi_app"',
    ]);
  });
});

describe('runtimeGrantStatements', () => {
  const statements = runtimeGrantStatements(
    { role: 'bp_rfi_app', appendOnly: ['rfi_history'], readOnly: ['rfi_history_head'] },
    'schema_migration',
  );

  it('starts from nothing, then grants DML on tables and use of sequences', () => {
    expect(statements.slice(0, 5)).toEqual([
      'revoke all on all tables in schema public from "bp_rfi_app"',
      'revoke all on all sequences in schema public from "bp_rfi_app"',
      'grant usage on schema public to "bp_rfi_app"',
      'grant select, insert, update, delete on all tables in schema public to "bp_rfi_app"',
      'grant usage, select on all sequences in schema public to "bp_rfi_app"',
    ]);
    expect(statements.join('\n')).not.toMatch(/grant[^\n]*(truncate|references|trigger|create)/i);
  });

  it('leaves append-only tables SELECT and INSERT, read-only ones SELECT, the migrations none', () => {
    expect(statements.slice(5)).toEqual([
      'revoke update, delete, truncate on "rfi_history" from "bp_rfi_app"',
      'revoke insert, update, delete, truncate on "rfi_history_head" from "bp_rfi_app"',
      'revoke all on "schema_migration" from "bp_rfi_app"',
    ]);
  });

  it('refuses names that could not be quoted safely', () => {
    expect(() =>
      runtimeGrantStatements({ role: 'bp_rfi_app', appendOnly: ['x"; drop table y; --'] }, 't'),
    ).toThrow(/Unsafe table name/);
    expect(() => runtimeGrantStatements({ role: 'Robert"); --' }, 't')).toThrow(/Unsafe role name/);
  });
});
