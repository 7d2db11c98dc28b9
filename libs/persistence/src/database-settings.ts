/** Where a service's own database lives: the server at DATABASE_URL, the name at DATABASE_NAME. */
export interface DatabaseSettings {
  serverUrl: string;
  name: string;
}

export const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

export function databaseSettingsFromEnv(defaultName: string, env = process.env): DatabaseSettings {
  return {
    serverUrl: env.DATABASE_URL ?? DEFAULT_DATABASE_URL,
    name: env.DATABASE_NAME ?? defaultName,
  };
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
