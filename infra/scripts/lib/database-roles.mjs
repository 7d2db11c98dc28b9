// Least-privilege databases (issue 12, item 3): two roles per app database, provisioned by the
// admin (the superuser of settings.postgres.url) before any migration. `<db>_owner` owns the
// database and all in it and runs the migrations; `<db>_app` is what the app connects as, with
// plain DML on its own tables only. The SQL is in libs/persistence/src/database-roles.ts (built
// to dist/, unit-tested); this module keeps the passwords: generated at first use, one file per
// role in settings.postgres.credentialsDir (mode 0600, folder 0700), set on the role every run.
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT, databaseRoleNames } from './settings.mjs';
import { step } from './log.mjs';

async function persistence() {
  const module = await import(
    pathToFileURL(path.join(ROOT, 'dist/libs/persistence/src/database-roles.js')).href
  );
  return module.default ?? module;
}

/** The folder of the role files, 0700 (and its parent, which nothing else needs to read). */
function ensureCredentialsDir(dir) {
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  fs.chmodSync(dir, 0o700);
  if (path.basename(path.dirname(dir)) === 'credentials') fs.chmodSync(path.dirname(dir), 0o700);
}

/**
 * The role's password from its file, or a new one written there first. The file appears whole or
 * not at all (written aside, then linked), and a concurrent first start keeps whichever won.
 */
export function rolePassword(dir, role, generate) {
  const file = path.join(dir, role);
  try {
    return readPassword(file);
  } catch (error) {
    if (error.code !== 'ENOENT') throw error;
  }
  const aside = path.join(dir, `.${role}.${process.pid}.${Date.now()}`);
  fs.writeFileSync(aside, `${generate()}\n`, { mode: 0o600, flag: 'wx' });
  try {
    fs.linkSync(aside, file);
  } catch (error) {
    if (error.code !== 'EEXIST') throw error;
  } finally {
    fs.rmSync(aside, { force: true });
  }
  return readPassword(file);
}

function readPassword(file) {
  const stat = fs.statSync(file);
  if (stat.mode & 0o077) fs.chmodSync(file, 0o600);
  const password = fs.readFileSync(file, 'utf8').split(/\r?\n/)[0];
  if (!password) throw new Error(`${file} is empty: delete it to have a new password generated`);
  return password;
}

/**
 * Creates or updates the roles of every app database of the profile and the databases themselves
 * (owned by their owner role, no PUBLIC access), and hands databases made before this over to the
 * owner role. Safe to repeat and to run from two processes at once.
 */
export async function provisionDatabaseRoles(settings, apps = settings.apps) {
  const { databaseRoles, generateDatabasePassword, provisionDatabases } = await persistence();
  const dir = settings.postgres.credentialsDir;
  ensureCredentialsDir(dir);
  const databases = apps
    .filter((app) => app.database)
    .map((app) => {
      const roles = databaseRoles(app.database);
      const names = databaseRoleNames(app);
      if (roles.owner !== names.owner || roles.app !== names.app)
        throw new Error(`Role names of ${app.database} disagree between settings.mjs and dist/`);
      return {
        roles,
        passwords: {
          owner: rolePassword(dir, roles.owner, generateDatabasePassword),
          app: rolePassword(dir, roles.app, generateDatabasePassword),
        },
      };
    });
  await provisionDatabases(settings.postgres.url, databases);
  step(`Database roles provisioned (${databases.length} databases, owner and app role each)`);
}

/**
 * New passwords for the named roles (all of the profile's when none is named): their files are
 * deleted and provisioning runs again. Connections already open keep working; an app started
 * afterwards reads the new password, so restart the apps.
 */
export async function rotateDatabasePasswords(settings, roles) {
  const all = settings.apps
    .filter((app) => app.database)
    .flatMap((app) => Object.values(databaseRoleNames(app)));
  const chosen = roles.length ? roles : all;
  const unknown = chosen.filter((role) => !all.includes(role));
  if (unknown.length)
    throw new Error(`Unknown role(s) ${unknown.join(', ')}; the profile's: ${all.join(', ')}`);
  for (const role of chosen)
    fs.rmSync(path.join(settings.postgres.credentialsDir, role), { force: true });
  await provisionDatabaseRoles(settings);
  step(`New passwords for ${chosen.join(', ')}: restart the apps that use them`);
}
