/**
 * Where an app's own database lives: the server at DATABASE_URL, the name at DATABASE_NAME (read and
 * validated by the app's config, apps/<app>/src/config/).
 */
export interface DatabaseSettings {
  serverUrl: string;
  name: string;
  /**
   * The password of DATABASE_URL's user, read from DATABASE_PASSWORD_FILE, never from the
   * environment; databaseUrl puts it into the URL.
   */
  password?: string;
  /**
   * DATABASE_APP_ROLE, given to the migrate step only: the runtime role that the owner grants its
   * rights to after the migrations (database-roles.ts).
   */
  appRole?: string;
  /** DATABASE_DEBUG: what MikroORM logs of each query; values only when asked for by name. */
  debug?: DatabaseDebug;
  /**
   * A streaming standby of the same server (DATABASE_READ_URL), which the read-heavy queries of a
   * service may read from while it is no further behind than `maxStalenessMs`
   * (DATABASE_READ_MAX_STALENESS_MS; standby-reads.ts). Same database name and role: a physical
   * replica has the primary's roles and passwords.
   */
  standby?: StandbySettings;
}

export interface StandbySettings {
  serverUrl: string;
  maxStalenessMs: number;
}

/** How far behind the primary a standby may be and still be read from, unless set. */
export const DEFAULT_STANDBY_MAX_STALENESS_MS = 5_000;

export const DATABASE_DEBUG_LEVELS = ['off', 'queries', 'queries-with-values'] as const;
export type DatabaseDebug = (typeof DATABASE_DEBUG_LEVELS)[number];

export const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

/** The server URL with its database swapped for `name`. */
export function databaseUrl(
  settings: DatabaseSettings,
  name = settings.name,
  serverUrl = settings.serverUrl,
): string {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  // Encoded whole (the URL setter would leave a `%` as it is); pg and MikroORM decode it.
  if (settings.password !== undefined) url.password = encodeURIComponent(settings.password);
  return url.toString();
}

export function assertSafeDatabaseName(name: string): string {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) throw new Error(`Unsafe database name: ${name}`);
  return name;
}
