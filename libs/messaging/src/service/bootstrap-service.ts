import { DynamicModule, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { Logger } from 'nestjs-pino';
import { MikroORM } from '@mikro-orm/core';
import { ServiceDescriptor } from '@bp/contracts';
import { releaseMemoryWhenIdle } from '@bp/observability';
import { refuseSuperuser } from '@bp/persistence';
import { commandServer } from '../commands/command-server-options';
import { ServiceSettings } from './service-settings';

/**
 * Starts a service: its command consumer on Kafka, and a small HTTP listener on loopback for
 * /health and /metrics, and whatever the service serves the gateway beside commands (the public
 * API is the gateway's alone). The settings are the ones its
 * main.ts loaded once from the environment and gave its module as well.
 */
export async function bootstrapService(
  module: DynamicModule | Type<unknown>,
  service: ServiceDescriptor,
  settings: ServiceSettings,
  /** What a service adds to its HTTP listener before it starts (e.g. a parser for raw bodies). */
  configure?: (app: NestFastifyApplication) => void,
): Promise<NestFastifyApplication> {
  const app = await NestFactory.create<NestFastifyApplication>(module, new FastifyAdapter(), {
    bufferLogs: true,
  });
  configure?.(app);
  app.useLogger(app.get(Logger));
  await refuseSuperuser(app.get(MikroORM));
  app.enableShutdownHooks();
  app.connectMicroservice(commandServer(service, settings.kafka), {
    inheritAppConfig: true,
  });
  await app.startAllMicroservices();
  const { port, host } = settings.http;
  await app.listen(port, host);
  const logger = app.get(Logger);
  logger.log(
    `${service.name} ready: commands on ${service.commandTopic}, metrics on :${port}/metrics`,
  );
  releaseMemoryWhenIdle((line) => logger.log(line));
  return app;
}
