import 'reflect-metadata';
import { listenForScrapes, releaseMemoryWhenIdle, startTracing } from '@bp/observability';

// Before the imports below load `pg`, which its instrumentation patches as it is required.
startTracing('gateway');

import { MikroORM } from '@mikro-orm/core';
import { Logger } from 'nestjs-pino';
import { refuseSuperuser } from '@bp/persistence';
import { createGatewayApp } from './bootstrap';
import { loadGatewaySettings } from './config/gateway-settings';

const settings = loadGatewaySettings();

async function main(): Promise<void> {
  const app = await createGatewayApp(settings);
  await refuseSuperuser(app.get(MikroORM));
  const { port, host } = settings;
  await app.listen(port, host);
  await listenForScrapes({ service: 'gateway', ...settings.metrics });
  const base = `http://${host}:${port}`;
  const metrics = `http://${settings.metrics.host}:${settings.metrics.port}/metrics`;
  const logger = app.get(Logger);
  logger.log(
    `Gateway listening: API ${base}/api/v1, docs ${base}/api/docs, health ${base}/health/ready, metrics ${metrics}`,
  );
  releaseMemoryWhenIdle((line) => logger.log(line));
}

void main();
