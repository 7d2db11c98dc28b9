import { NestFastifyApplication } from '@nestjs/platform-fastify';

/**
 * The gateway sends an upload's bytes as application/octet-stream (the type the client declared
 * travels in the transfer header): they reach the handler as the request stream, unread and
 * unbuffered, with no body limit but the ones the upload itself enforces.
 */
export function streamUploads(app: NestFastifyApplication): void {
  app
    .getHttpAdapter()
    .getInstance()
    .addContentTypeParser('application/octet-stream', (_request, _payload, done) => done(null));
}
