/** Where a service's own database lives: the server at DATABASE_URL, the name at DATABASE_NAME. */
export interface DatabaseSettings {
  serverUrl: string;
  name: string;
  /** DATABASE_DEBUG: what MikroORM logs of each query; values only when asked for by name. */
  debug?: DatabaseDebug;
}

export const DATABASE_DEBUG_LEVELS = ['off', 'queries', 'queries-with-values'] as const;
export type DatabaseDebug = (typeof DATABASE_DEBUG_LEVELS)[number];

export const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

export function databaseSettingsFromEnv(defaultName: string, env = process.env): DatabaseSettings {
  return {
    serverUrl: env.DATABASE_URL ?? DEFAULT_DATABASE_URL,
    name: env.DATABASE_NAME ?? defaultName,
    debug: databaseDebugFromEnv(env),
  };
}

function databaseDebugFromEnv(env: NodeJS.ProcessEnv): DatabaseDebug {
  const value = env.DATABASE_DEBUG ?? 'off';
  if (!(DATABASE_DEBUG_LEVELS as readonly string[]).includes(value))
    throw new Error(`DATABASE_DEBUG is one of ${DATABASE_DEBUG_LEVELS.join(', ')}`);
  return value as DatabaseDebug;
}

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
