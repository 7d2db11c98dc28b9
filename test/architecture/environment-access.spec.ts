import fs from 'node:fs';
import path from 'node:path';

/**
 * Settings are read in one place per app: apps/<app>/src/config/<app>-settings.ts validates the
 * environment, parses it and hands the frozen result to the app (README, Environment variables).
 * Anywhere else, a read of process.env would be a setting that is neither validated nor listed.
 */
const ROOT = path.resolve(__dirname, '../..');
const READS_ENVIRONMENT =
  /\bprocess\s*(?:\.\s*env\b|\[\s*['"`]env['"`]\s*\])|\{\s*env\s*\}\s*=\s*process\b/g;
const SOURCE = /\.(?:ts|js|mjs|cjs)$/;

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const relative = path.posix.join(dir, entry.name);
    if (entry.isDirectory())
      return ['node_modules', 'dist'].includes(entry.name) ? [] : sourceFiles(relative);
    return SOURCE.test(entry.name) ? [relative] : [];
  });
}

const configFileOf = (app: string) => `apps/${app}/src/config/${app}-settings.ts`;
/**
 * The standard OTEL_* variables: read (and validated) by the tracing set-up, which runs as the
 * first statement of every app, before its config can be loaded (that loads `pg`, which must be
 * instrumented before it is). Listed in docs/OBSERVABILITY.md.
 */
const TRACING_SETTINGS = 'libs/observability/src/tracing/tracing-settings.ts';
const apps = fs
  .readdirSync(path.join(ROOT, 'apps'), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);

/** Every line that reads the environment, as `file:line`. */
function environmentReads(file: string): string[] {
  const text = fs.readFileSync(path.join(ROOT, file), 'utf8');
  return [...text.matchAll(READS_ENVIRONMENT)].map(
    (match) => `${file}:${text.slice(0, match.index).split('\n').length}`,
  );
}

describe('where settings are read', () => {
  it('no file in apps/ or libs/ reads process.env but the config of its app', () => {
    const allowed = new Set([...apps.map(configFileOf), TRACING_SETTINGS]);
    const reads = [...sourceFiles('apps'), ...sourceFiles('libs')]
      .filter((file) => !allowed.has(file))
      .flatMap(environmentReads);
    expect(reads).toEqual([]);
  });

  it.each(apps)('%s reads it in exactly one function, its load…Settings', (app) => {
    const file = configFileOf(app);
    expect(fs.existsSync(path.join(ROOT, file))).toBe(true);
    expect(environmentReads(file)).toHaveLength(1);
    const text = fs.readFileSync(path.join(ROOT, file), 'utf8');
    expect(text).toMatch(/export function load\w+Settings\(\s*env[^)]*= process\.env,?\s*\)/);
  });
});
