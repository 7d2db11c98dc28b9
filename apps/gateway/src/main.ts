import 'reflect-metadata';
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
  const base = `http://${host}:${port}`;
  app
    .get(Logger)
    .log(
      `Gateway listening: API ${base}/api/v1, docs ${base}/api/docs, health ${base}/health/ready`,
    );
}

void main();
