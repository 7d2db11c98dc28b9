// The project runs on Node.js 24 LTS (Node 20 reached its end of life in April 2026). Where the
// machine's Node is older, `npm ci` installs Node 24 from the npm registry (the pinned `node`
// package), and npm puts it first on the PATH of every `npm run`/`npm start`/`npm test`.
import { step } from './log.mjs';

export const PROJECT_NODE_MAJOR = 24;

/** Stops a script that runs on another Node than the project's, saying how to run it instead. */
export function requireProjectNode() {
  const major = Number(process.versions.node.split('.')[0]);
  if (major !== PROJECT_NODE_MAJOR) {
    console.error(
      `This runs on Node.js ${process.versions.node}; the project runs on Node.js ${PROJECT_NODE_MAJOR} LTS, ` +
        'which `npm ci` installs into node_modules/.bin. Use the npm scripts (npm start, npm test).',
    );
    process.exit(1);
  }
  step(`Node.js ${process.versions.node}`);
}
