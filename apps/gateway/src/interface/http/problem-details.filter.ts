import { STATUS_CODES } from 'node:http';
import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { FastifyReply, FastifyRequest } from 'fastify';
import {
  DomainError,
  FieldError,
  ProblemDetails,
  ProblemTypes,
  problem,
  problemOf,
} from '@bp/contracts';
import { ServiceTimeoutError, ServiceUnavailableError } from '@bp/messaging';
import { isTransientDatabaseError } from '@bp/persistence';
import { ServiceProblem } from '../../infrastructure/service-problem';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

const RETRY = 'retry (a change with the same Idempotency-Key)';

const TITLES: Record<number, [string, string]> = {
  400: [ProblemTypes.validation, 'Invalid input'],
  401: [ProblemTypes.unauthorized, 'Unauthorized'],
  403: [ProblemTypes.forbidden, 'Forbidden'],
  404: [ProblemTypes.notFound, 'Not found'],
  409: [ProblemTypes.conflict, 'Conflict'],
  412: [ProblemTypes.preconditionFailed, 'Precondition failed'],
  413: [ProblemTypes.payloadTooLarge, 'Payload too large'],
  415: [ProblemTypes.unsupportedMediaType, 'Unsupported media type'],
  429: [ProblemTypes.rateLimited, 'Too many requests'],
  503: [ProblemTypes.serviceUnavailable, 'Service unavailable'],
  504: [ProblemTypes.gatewayTimeout, 'Gateway timeout'],
};

/** Any status and message to RFC 9457 problem details, with field errors where there are some. */
export function problemFor(status: number, detail?: string, errors?: FieldError[]): ProblemDetails {
  const [type, title] = TITLES[status] ?? fallbackTitle(status);
  return problem(status, type, title, detail, errors);
}

function fallbackTitle(status: number): [string, string] {
  if (status >= 500) return [ProblemTypes.internal, 'Internal error'];
  const title = STATUS_CODES[status] ?? 'Error';
  return [title.toLowerCase().replace(/[^a-z]+/g, '-'), title];
}

// What Fastify refuses before any route runs, in words of our own: its messages may quote the
// request (the path of a bad URL), and its JSON answers are not problem details.
const FASTIFY_REFUSALS: Record<string, [number, string]> = {
  FST_ERR_CTP_BODY_TOO_LARGE: [413, 'The request body is larger than allowed'],
  FST_ERR_CTP_INVALID_MEDIA_TYPE: [415, 'Send the request body as application/json'],
  FST_ERR_CTP_INVALID_JSON_BODY: [400, 'The request body is not valid JSON'],
  FST_ERR_CTP_EMPTY_JSON_BODY: [400, 'The request body is empty but says it is JSON'],
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: [400, 'The request body does not match its Content-Length'],
  FST_ERR_MAX_PARAM_LENGTH: [400, 'A path parameter is longer than any valid value'],
  FST_ERR_BAD_URL: [400, 'The path is not a valid URL'],
};

/** Errors raised before Nest sees the request (URL, body parser and limits) carry these. */
export function problemFromFastifyError(error: {
  statusCode?: number;
  code?: string;
}): ProblemDetails {
  const known = error.code ? FASTIFY_REFUSALS[error.code] : undefined;
  if (known) return problemFor(...known);
  const status =
    error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
  return status >= 500
    ? problemFor(500, 'The request could not be completed')
    : problemFor(status, 'The request was refused');
}

export function sendProblem(
  reply: FastifyReply,
  body: ProblemDetails,
  request?: FastifyRequest,
): void {
  void reply
    .status(body.status)
    .header('content-type', PROBLEM_CONTENT_TYPE)
    .send({
      ...body,
      // Every problem says what went wrong, also one a service replied without a detail.
      detail: body.detail ?? body.title,
      ...(request ? { instance: request.url } : {}),
    });
}

/**
 * Every error leaves the gateway as problem+json: domain problems from services as they were
 * replied, HTTP exceptions with their status, a silent service as 504, anything else as a 500
 * that is logged and says nothing of the internals.
 */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger(ProblemDetailsFilter.name);

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    sendProblem(
      http.getResponse<FastifyReply>(),
      this.toProblem(exception),
      http.getRequest<FastifyRequest>(),
    );
  }

  private toProblem(exception: unknown): ProblemDetails {
    if (exception instanceof ServiceProblem) return exception.problem;
    if (exception instanceof DomainError) return problemOf(exception);
    // The log has the cause; the caller is told what to do, not the services' addresses.
    if (exception instanceof ServiceTimeoutError) {
      this.logger.warn(exception.message);
      return problemFor(504, `${exception.message}; ${RETRY}`);
    }
    if (exception instanceof ServiceUnavailableError) {
      this.logger.warn(exception.message);
      return problemFor(503, `${exception.service} cannot be reached now; ${RETRY}`);
    }
    if (isTransientDatabaseError(exception)) {
      // Its own database (accounts, tokens, audit) is away: a retry later succeeds.
      const { name, code } = exception as { name?: string; code?: string };
      this.logger.warn(`Gateway database unavailable: ${name ?? 'error'} ${code ?? ''}`.trim());
      return problemFor(503, 'The gateway cannot reach its database; retry shortly');
    }
    if (exception instanceof HttpException) {
      const response = exception.getResponse();
      const body = (typeof response === 'object' ? response : { message: response }) as {
        message?: unknown;
        errors?: FieldError[];
      };
      const detail = Array.isArray(body.message)
        ? body.message.join('; ')
        : String(body.message ?? exception.message);
      return problemFor(exception.getStatus(), detail, body.errors);
    }
    const fastifyError = exception as { statusCode?: number; code?: string };
    if (typeof fastifyError?.code === 'string' && fastifyError.code.startsWith('FST_')) {
      return problemFromFastifyError(fastifyError);
    }
    this.logger.error(exception instanceof Error ? exception.stack : String(exception));
    return problemFor(500, 'The request could not be completed');
  }
}
