/**
 * Where an app's own database lives: the server at DATABASE_URL, the name at DATABASE_NAME (read and
 * validated by the app's config, apps/<app>/src/config/).
 */
export interface DatabaseSettings {
  serverUrl: string;
  name: string;
  /** DATABASE_DEBUG: what MikroORM logs of each query; values only when asked for by name. */
  debug?: DatabaseDebug;
}

export const DATABASE_DEBUG_LEVELS = ['off', 'queries', 'queries-with-values'] as const;
export type DatabaseDebug = (typeof DATABASE_DEBUG_LEVELS)[number];

export const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

/** The server URL with its database swapped for `name`. */
export function databaseUrl(settings: DatabaseSettings, name = settings.name): string {
  const url = new URL(settings.serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

export function assertSafeDatabaseName(name: string): string {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) throw new Error(`Unsafe database name: ${name}`);
  return name;
}
