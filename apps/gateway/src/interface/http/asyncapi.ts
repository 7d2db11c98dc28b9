import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { asyncApiDocument } from '@bp/contracts';

/** Where national systems find the event topics described (AsyncAPI 3.0), beside /api/docs. */
export const ASYNCAPI_PATH = '/api/asyncapi.json';

/**
 * Serves the AsyncAPI document of the event topics, made once at boot from the event catalogue
 * (libs/contracts), so it says what the services send. Open like the OpenAPI document: it
 * describes shapes, never data.
 */
export function serveAsyncApi(app: NestFastifyApplication, brokers: readonly string[]): void {
  const document = asyncApiDocument({ version: '1.0.0', broker: brokers[0] ?? 'kafka:9092' });
  app
    .getHttpAdapter()
    .getInstance()
    .get(ASYNCAPI_PATH, (_request, reply) => {
      void reply.type('application/json').send(document);
    });
}
