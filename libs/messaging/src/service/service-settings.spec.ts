import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { validateEnvironment } from '@bp/observability';
import { databaseUrl } from '@bp/persistence';
import { ServiceEnvironment } from './service-environment';
import { serviceSettings } from './service-settings';

const DEFAULTS = { databaseName: 'bp_rfi', httpPort: 3101 };
const settingsOf = (env: Record<string, string>) =>
  serviceSettings(validateEnvironment(ServiceEnvironment)(env), DEFAULTS);

function refusal(env: Record<string, string>): string {
  try {
    settingsOf(env);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('the environment was accepted');
}

describe('the database password and runtime role of an app', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bp-db-password-'));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('reads the password from DATABASE_PASSWORD_FILE into the connection URL, never from the environment', () => {
    const file = path.join(dir, 'bp_rfi_app');
    fs.writeFileSync(file, 'pW_0-secret\n', { mode: 0o600 });
    const settings = settingsOf({
      DATABASE_URL: 'postgres://bp_rfi_app@db.internal:5432/postgres',
      DATABASE_PASSWORD_FILE: file,
    });
    expect(settings.database).toEqual({
      serverUrl: 'postgres://bp_rfi_app@db.internal:5432/postgres',
      name: 'bp_rfi',
      debug: 'off',
      password: 'pW_0-secret',
    });
    expect(databaseUrl(settings.database)).toBe(
      'postgres://bp_rfi_app:pW_0-secret@db.internal:5432/bp_rfi',
    );
  });

  it('puts a password with URL characters into the URL encoded', () => {
    const url = new URL(
      databaseUrl({ serverUrl: 'postgres://u@h/postgres', name: 'db', password: 'a@b:c/d%' }),
    );
    expect(decodeURIComponent(url.password)).toBe('a@b:c/d%');
    expect(url.host).toBe('h');
  });

  it('stops the boot when the password file is missing or empty, naming the file', () => {
    expect(refusal({ DATABASE_PASSWORD_FILE: path.join(dir, 'none') })).toBe(
      `Invalid environment:\n  DATABASE_PASSWORD_FILE: ${path.join(dir, 'none')} cannot be read (ENOENT)`,
    );
    const empty = path.join(dir, 'empty');
    fs.writeFileSync(empty, '\n');
    expect(refusal({ DATABASE_PASSWORD_FILE: empty })).toBe(
      `Invalid environment:\n  DATABASE_PASSWORD_FILE: ${empty} is empty`,
    );
  });

  it('passes DATABASE_APP_ROLE on to the migrate step, and refuses one that is no role name', () => {
    expect(settingsOf({ DATABASE_APP_ROLE: 'bp_rfi_app' }).database.appRole).toBe('bp_rfi_app');
    expect(settingsOf({}).database).not.toHaveProperty('appRole');
    expect(refusal({ DATABASE_APP_ROLE: 'bp_rfi_app"; drop role x; --' })).toContain(
      'DATABASE_APP_ROLE is a role name',
    );
  });
});

describe('the standby a service may read from', () => {
  it('takes DATABASE_READ_URL with the primary password and database, and a staleness bound', () => {
    const settings = settingsOf({
      DATABASE_URL: 'postgres://bp_rfi_app@primary.internal:5432/postgres',
      DATABASE_READ_URL: 'postgres://bp_rfi_app@standby.internal:5432/postgres',
      DATABASE_READ_MAX_STALENESS_MS: '3000',
    });
    expect(settings.database.standby).toEqual({
      serverUrl: 'postgres://bp_rfi_app@standby.internal:5432/postgres',
      maxStalenessMs: 3000,
    });
    const withPassword = { ...settings.database, password: 'pW' };
    expect(databaseUrl(withPassword, withPassword.name, withPassword.standby!.serverUrl)).toBe(
      'postgres://bp_rfi_app:pW@standby.internal:5432/bp_rfi',
    );
  });

  it('bounds the staleness at 5 s unless told, and has no standby without a URL', () => {
    expect(
      settingsOf({ DATABASE_READ_URL: 'postgres://u@standby/postgres' }).database.standby,
    ).toEqual({ serverUrl: 'postgres://u@standby/postgres', maxStalenessMs: 5_000 });
    expect(settingsOf({}).database).not.toHaveProperty('standby');
  });

  it('refuses a bound shorter than two heartbeats, or a URL that is not PostgreSQL', () => {
    const message = refusal({
      DATABASE_READ_URL: 'mysql://standby/db',
      DATABASE_READ_MAX_STALENESS_MS: '500',
    });
    expect(message).toContain('DATABASE_READ_URL is a postgres:// URL');
    expect(message).toContain('  DATABASE_READ_MAX_STALENESS_MS: ');
  });
});
