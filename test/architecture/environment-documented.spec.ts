import fs from 'node:fs';
import path from 'node:path';

// Issue 16: every environment variable an app or a script reads is in the README's table, so an
// operator never has to read the code to find a setting.
const ROOT = path.resolve(__dirname, '../..');

function filesUnder(folder: string, suffix: string): string[] {
  return fs
    .readdirSync(path.join(ROOT, folder), { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith(suffix))
    .map((file) => path.join(ROOT, folder, file));
}

/** The apps read theirs through one validated class each (environment-access.spec.ts). */
const ENVIRONMENT_CLASSES = [
  ...fs
    .readdirSync(path.join(ROOT, 'apps'))
    .flatMap((app) => filesUnder(`apps/${app}/src/config`, '-environment.ts')),
  path.join(ROOT, 'libs/messaging/src/service/service-environment.ts'),
];

function readVariables(): Map<string, string> {
  const found = new Map<string, string>();
  const add = (name: string, file: string) => found.set(name, path.relative(ROOT, file));
  for (const file of ENVIRONMENT_CLASSES)
    for (const match of fs.readFileSync(file, 'utf8').matchAll(/^\s+([A-Z][A-Z0-9_]+)[?!]?:/gm))
      add(match[1]!, file);
  // Tracing starts before an app's settings load, and reads the standard OTEL_* names itself.
  const tracing = path.join(ROOT, 'libs/observability/src/tracing/tracing-settings.ts');
  for (const match of fs.readFileSync(tracing, 'utf8').matchAll(/\b(OTEL_[A-Z0-9_]*[A-Z0-9])\b/g))
    add(match[1]!, tracing);
  for (const file of filesUnder('infra/scripts', '.mjs'))
    for (const match of fs
      .readFileSync(file, 'utf8')
      .matchAll(/\b(?:process\.)?env\.([A-Z][A-Z0-9_]+)\b/g))
      add(match[1]!, file);
  return found;
}

function documentedVariables(): Set<string> {
  const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const table = readme.split('## Environment variables')[1]!.split('\n## ')[0]!;
  const firstColumns = table
    .split('\n')
    .filter((line) => line.startsWith('| `'))
    .map((line) => line.split('|')[1]!);
  return new Set(
    firstColumns.flatMap((cell) => [...cell.matchAll(/`([A-Z][A-Z0-9_]+)`/g)].map((m) => m[1]!)),
  );
}

describe("the README's table of environment variables", () => {
  it('finds the variables it checks (the scan itself works)', () => {
    const read = readVariables();
    expect([...read.keys()]).toEqual(
      expect.arrayContaining(['KAFKA_BROKERS', 'RATE_LIMIT_REQUESTS', 'KAFKA_HEAP', 'BP_PROFILE']),
    );
  });

  it('names every variable an app or a script reads', () => {
    const documented = documentedVariables();
    const missing = [...readVariables()]
      .filter(([name]) => !documented.has(name))
      .map(([name, file]) => `${name} (read in ${file})`);
    expect(missing).toEqual([]);
  });
});
