import fs from 'node:fs';
import path from 'node:path';

/** Every `npm run` the README names must start something: a script whose file is missing fails only when a user runs it. */
const ROOT = path.resolve(__dirname, '../..');
const scripts = (
  JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
    scripts: Record<string, string>;
  }
).scripts;

describe('npm scripts name files that exist (issue 13: `npm run infra:up` named a script that did not exist)', () => {
  it.each(Object.entries(scripts))('%s runs a file that exists', (_name, command) => {
    const missing = [...command.matchAll(/\bnode\s+([\w./-]+\.m?[jt]s)\b/g)]
      .map((match) => match[1]!)
      .filter((file) => !fs.existsSync(path.join(ROOT, file)));
    expect(missing).toEqual([]);
  });
});
