import { Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { Logger } from 'nestjs-pino';
import { ServiceDescriptor } from '@bp/contracts';
import { commandServerOptions } from '../commands/command-server-options';

/**
 * Starts a service: its command consumer on Kafka, and a small HTTP listener on loopback for
 * /health and /metrics (the public API is the gateway's alone).
 */
export async function bootstrapService(
  module: Type<unknown>,
  service: ServiceDescriptor,
  defaultPort: number,
): Promise<NestFastifyApplication> {
  const app = await NestFactory.create<NestFastifyApplication>(module, new FastifyAdapter(), {
    bufferLogs: true,
  });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  app.connectMicroservice(commandServerOptions(service), { inheritAppConfig: true });
  await app.startAllMicroservices();
  const port = Number(process.env.HTTP_PORT ?? defaultPort);
  await app.listen(port, process.env.HTTP_HOST ?? '127.0.0.1');
  app
    .get(Logger)
    .log(`${service.name} ready: commands on ${service.commandTopic}, metrics on :${port}/metrics`);
  return app;
}
