import 'reflect-metadata';
import { Logger } from 'nestjs-pino';
import { createGatewayApp } from './bootstrap';
import { gatewaySettingsFromEnv } from './config/gateway-environment';

async function main(): Promise<void> {
  const app = await createGatewayApp();
  const { port, host } = gatewaySettingsFromEnv();
  await app.listen(port, host);
  const base = `http://${host}:${port}`;
  app
    .get(Logger)
    .log(
      `Gateway listening: API ${base}/api/v1, docs ${base}/api/docs, health ${base}/health/ready`,
    );
}

void main();
