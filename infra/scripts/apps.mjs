// `node infra/scripts/apps.mjs start|stop|release <app>[@instance] ... [--profile test] [--env NAME=value]`:
// start or stop single apps of a profile (already built and migrated), e.g. to restart one service,
// or to run a second gateway: `gateway@2` listens on the gateway port + 10 (metrics too) with its own instance id.
// `release` is what a test file says when it is done with apps: it stops the special instances
// (`gateway@2`, or one started with settings of its own) and leaves the shared ones running for the
// next file, which is most of what an integration run would otherwise spend starting apps.
import { loadSettings } from './lib/settings.mjs';
import { runsAsShared, startApp, stopApps, waitForHttp } from './lib/stack.mjs';

const args = process.argv.slice(2);
const profileAt = args.indexOf('--profile');
const profile = profileAt >= 0 ? args.splice(profileAt, 2)[1] : (process.env.BP_PROFILE ?? 'dev');
// `--env NAME=value` (repeatable): settings for the instances started, over the profile's own,
// e.g. a second gateway with a low rate limit.
const extraEnv = {};
for (let at = args.indexOf('--env'); at >= 0; at = args.indexOf('--env')) {
  const [name, ...value] = args.splice(at, 2)[1].split('=');
  extraEnv[name] = value.join('=');
}
const [command, ...targets] = args;
const settings = loadSettings(profile);

function resolve(target) {
  const [name, instance] = target.split('@');
  const app = settings.apps.find((candidate) => candidate.name === name);
  if (!app)
    throw new Error(`Unknown app ${name}; known: ${settings.apps.map((a) => a.name).join(', ')}`);
  if (!instance) return { app, name: app.name, env: {} };
  const offset = (Number(instance) - 1) * 10;
  const port = app.port + offset;
  const metricsPort = app.metricsPort === undefined ? undefined : app.metricsPort + offset;
  return {
    app: { ...app, port, metricsPort },
    name: `${app.name}-${instance}`,
    env: {
      GATEWAY_INSTANCE_ID: `${settings.profile}-${app.name}-${instance}`,
      PORT: String(port),
      HTTP_PORT: String(port),
      ...(metricsPort === undefined ? {} : { METRICS_PORT: String(metricsPort) }),
    },
  };
}

if (!['start', 'stop', 'release'].includes(command) || !targets.length) {
  console.error(
    'usage: node infra/scripts/apps.mjs start|stop|release <app>[@instance] ... [--profile dev|test] [--env NAME=value ...]',
  );
  process.exit(2);
}
const resolved = targets.map(resolve);
if (command === 'stop') {
  await stopApps(
    settings,
    resolved.map((r) => r.name),
  );
} else if (command === 'release') {
  await stopApps(
    settings,
    resolved.map((r) => r.name).filter((name) => !runsAsShared(settings, name)),
  );
} else {
  for (const r of resolved)
    await startApp(settings, r.app, { name: r.name, env: { ...r.env, ...extraEnv } });
  await Promise.all(
    resolved.map((r) => waitForHttp(`http://127.0.0.1:${r.app.port}/health`, r.name, settings)),
  );
}
