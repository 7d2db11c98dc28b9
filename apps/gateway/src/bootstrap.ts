import { IncomingMessage } from 'node:http';
import { NestFactory } from '@nestjs/core';
import { RequestMethod } from '@nestjs/common';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { Logger } from 'nestjs-pino';
import { GatewayModule } from './gateway.module';
import { API_PREFIX } from './interface/auth/auth.decorators';
import { GatewaySettings } from './config/gateway-settings';
import { createValidationPipe } from './interface/http/validation.pipe';
import { problemFromFastifyError, sendProblem } from './interface/http/problem-details.filter';
import { setUpOpenApi } from './interface/http/openapi';
import { corsPolicy } from './interface/http/cors';
import { serveAsyncApi } from './interface/http/asyncapi';
import { answerClientError } from './interface/http/client-error';
import { correlationIdOf } from './interface/http/correlation-id.decorator';
import { registerSecurityHeaders, securityHeadersFor } from './interface/http/security-headers';
import { registerRequestMetrics } from './interface/http/request-metrics';
import { registerRequestTracing } from './interface/http/request-tracing';
import { registerUploadBodies } from './interface/http/upload-bodies';
import { ServedRoute, recordServedRoutes } from './interface/http/route-inventory';
import { CORRELATION_HEADER, sanitizeCorrelationId } from '@bp/observability';

const inventories = new WeakMap<NestFastifyApplication, readonly ServedRoute[]>();

/** The routes the app's router serves, complete once the app is initialised (list-routes.ts). */
export function servedRoutes(app: NestFastifyApplication): readonly ServedRoute[] {
  return inventories.get(app) ?? [];
}

/** Builds the gateway app with the settings its entry script loaded; main.ts listens with it. */
export async function createGatewayApp(settings: GatewaySettings): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    bodyLimit: settings.bodyLimitBytes,
    trustProxy: false,
    clientErrorHandler: answerClientError,
    // One request id for Fastify, the logs and the messages sent on: the caller's X-Correlation-Id when sane.
    requestIdHeader: false,
    genReqId: (request: IncomingMessage) =>
      sanitizeCorrelationId(request.headers[CORRELATION_HEADER]),
    // A bad URL or an over-long path parameter is refused before routing; without this Fastify
    // answers those with JSON of its own (and 414 for a long id).
    frameworkErrors: (error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
      // No hook runs for these: the headers every answer carries are set here.
      void reply.headers({
        ...securityHeadersFor(undefined),
        [CORRELATION_HEADER]: correlationIdOf(request),
      });
      sendProblem(reply, problemFromFastifyError(error), request);
    },
  });
  // First of the hooks: everything after runs in the request's span.
  registerRequestTracing(adapter.getInstance());
  const routes = recordServedRoutes(adapter.getInstance());
  const app = await NestFactory.create<NestFastifyApplication>(
    GatewayModule.forRoot(settings),
    adapter,
    {
      bufferLogs: true,
      // JSON only: Nest would also parse form bodies, and Fastify plain text (removed below).
      bodyParser: false,
    },
  );
  inventories.set(app, routes);
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
  const cors = corsPolicy(settings.corsAllowedOrigins);
  if (cors) app.enableCors(cors);
  const fastify = app.getHttpAdapter().getInstance();
  fastify.removeContentTypeParser('text/plain');
  registerUploadBodies(fastify);
  registerSecurityHeaders(fastify);
  registerRequestMetrics(fastify);
  fastify.addHook('onSend', async (request, reply) => {
    reply.header(CORRELATION_HEADER, correlationIdOf(request));
  });
  // Body parsing and size limits fail inside Fastify: Nest's own error handler (it replaces any set
  // here) turns those into HttpExceptions for ProblemDetailsFilter, so they answer problem+json too.
  setUpOpenApi(app);
  serveAsyncApi(app, settings.kafka.brokers);
  return app;
}
