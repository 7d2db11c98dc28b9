// `npm run openapi:export`: writes the running gateway's OpenAPI document to docs/openapi.json,
// the API contract kept in the repository. The API9 inventory test fails when the two differ.
import fs from 'node:fs';
import path from 'node:path';
import { ROOT, loadSettings } from './lib/settings.mjs';

const settings = loadSettings(process.env.BP_PROFILE ?? 'dev');
const url = `http://127.0.0.1:${settings.gateway.port}/api/docs-json`;
const response = await fetch(url).catch((error) => {
  console.error(`No gateway at ${url} (${error.message}): start the system first (npm start).`);
  process.exit(1);
});
if (!response.ok) {
  console.error(`${url} answered ${response.status}`);
  process.exit(1);
}
const file = path.join(ROOT, 'docs', 'openapi.json');
fs.writeFileSync(file, `${JSON.stringify(await response.json(), null, 2)}\n`);
console.log(`Wrote ${path.relative(ROOT, file)} from ${url}`);
