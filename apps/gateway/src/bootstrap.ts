import { IncomingMessage } from 'node:http';
import { NestFactory } from '@nestjs/core';
import { RequestMethod } from '@nestjs/common';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { Logger } from 'nestjs-pino';
import { GatewayModule } from './gateway.module';
import { API_PREFIX } from './interface/auth/auth.decorators';
import { gatewaySettingsFromEnv } from './config/gateway-environment';
import { createValidationPipe } from './interface/http/validation.pipe';
import { problemFromFastifyError, sendProblem } from './interface/http/problem-details.filter';
import { setUpOpenApi } from './interface/http/openapi';
import { answerClientError } from './interface/http/client-error';
import { correlationIdOf } from './interface/http/correlation-id.decorator';
import { CORRELATION_HEADER, sanitizeCorrelationId } from '@bp/observability';

/** Builds the gateway app; main.ts listens with it, tests too. */
export async function createGatewayApp(): Promise<NestFastifyApplication> {
  const settings = gatewaySettingsFromEnv();
  const adapter = new FastifyAdapter({
    bodyLimit: settings.bodyLimitBytes,
    trustProxy: false,
    clientErrorHandler: answerClientError,
    // One request id for Fastify, the logs and the messages sent on: the caller's X-Correlation-Id when sane.
    requestIdHeader: false,
    genReqId: (request: IncomingMessage) =>
      sanitizeCorrelationId(request.headers[CORRELATION_HEADER]),
  });
  const app = await NestFactory.create<NestFastifyApplication>(GatewayModule, adapter, {
    bufferLogs: true,
  });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  app.setGlobalPrefix(API_PREFIX, {
    exclude: [
      { path: 'health', method: RequestMethod.GET },
      { path: 'health/ready', method: RequestMethod.GET },
      { path: 'health/services/:name', method: RequestMethod.GET },
      { path: 'metrics', method: RequestMethod.GET },
    ],
  });
  app.useGlobalPipes(createValidationPipe());
  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('onSend', async (request, reply) => {
    reply.header(CORRELATION_HEADER, correlationIdOf(request));
  });
  // Body parsing and size limits fail inside Fastify, before Nest's filters: answer those as problems too.
  fastify.setErrorHandler((error, request, reply) =>
    sendProblem(
      reply,
      problemFromFastifyError(error as { statusCode?: number; code?: string }),
      request,
    ),
  );
  setUpOpenApi(app);
  return app;
}
