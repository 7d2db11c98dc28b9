import { FastifyInstance, FastifyRequest } from 'fastify';
import { ATTACHMENT_MEDIA_TYPES } from '@bp/contracts';
import { API_PREFIX } from '../auth/auth.decorators';

/** What an upload may be sent as: an accepted type, or octet-stream when the client cannot tell. */
export const UPLOAD_MEDIA_TYPES = [...ATTACHMENT_MEDIA_TYPES, 'application/octet-stream'];

/** The routes whose body is a file, passed on as a stream (attachment-transfer.routes.ts). */
const UPLOAD_ROUTES = new Set([`/${API_PREFIX}/rfis/:id/attachments`]);

/**
 * Bodies other than JSON: on an upload route, the request stream itself, unread (no body limit
 * here: the rfi-service enforces the file's); anywhere else, 415 as before. JSON keeps its own
 * parser and limit everywhere.
 */
export function registerUploadBodies(fastify: FastifyInstance): void {
  fastify.addContentTypeParser('*', (request: FastifyRequest, payload, done) => {
    if (request.method === 'POST' && UPLOAD_ROUTES.has(request.routeOptions.url ?? ''))
      return done(null, payload);
    done(
      Object.assign(new Error('Unsupported Media Type'), {
        code: 'FST_ERR_CTP_INVALID_MEDIA_TYPE',
        statusCode: 415,
      }),
    );
  });
}
