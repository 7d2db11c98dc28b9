import { ArgumentsHost, BadRequestException, ForbiddenException } from '@nestjs/common';
import { ServiceTimeoutError, ServiceUnavailableError } from '@bp/messaging';
import {
  ProblemDetailsFilter,
  problemFromFastifyError,
  problemFor,
} from './problem-details.filter';
import { ServiceProblem } from '../../infrastructure/service-problem';

function capture(exception: unknown) {
  const sent: { status?: number; headers: Record<string, string>; body?: Record<string, unknown> } =
    { headers: {} };
  const reply = {
    status(code: number) {
      sent.status = code;
      return reply;
    },
    header(name: string, value: string) {
      sent.headers[name] = value;
      return reply;
    },
    send(body: Record<string, unknown>) {
      sent.body = body;
      return reply;
    },
  };
  const host = {
    switchToHttp: () => ({ getResponse: () => reply, getRequest: () => ({ url: '/api/v1/x' }) }),
  } as unknown as ArgumentsHost;
  new ProblemDetailsFilter().catch(exception, host);
  return sent;
}

describe('ProblemDetailsFilter', () => {
  it('answers a silent service with 504 and an unreachable one with 503, as problem+json', () => {
    const timeout = capture(new ServiceTimeoutError('rfi-service', 5000));
    expect(timeout.status).toBe(504);
    expect(timeout.headers['content-type']).toBe('application/problem+json');
    expect(timeout.body).toMatchObject({
      status: 504,
      title: 'Gateway timeout',
      instance: '/api/v1/x',
    });
    const unreachable = capture(
      new ServiceUnavailableError('rfi-service', new Error('connect ETIMEDOUT 10.0.0.5:3101')),
    );
    expect(unreachable.status).toBe(503);
    expect(unreachable.body?.detail).toBe(
      'rfi-service cannot be reached now; retry (a change with the same Idempotency-Key)',
    );
  });

  it('answers 503 when the gateway cannot reach its own database (seen in the chaos run as 500s)', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), {
      code: 'ECONNREFUSED',
    });
    const starting = Object.assign(new Error('the database system is starting up'), {
      code: '57P03',
    });
    for (const error of [refused, starting])
      expect(capture(error)).toMatchObject({
        status: 503,
        body: { status: 503, title: 'Service unavailable' },
      });
    expect(capture(new Error('a bug')).status).toBe(500);
  });

  it('keeps field errors of invalid input', () => {
    const sent = capture(
      new BadRequestException({
        message: 'bad',
        errors: [{ field: 'title', message: 'required' }],
      }),
    );
    expect(sent.body).toMatchObject({
      status: 400,
      errors: [{ field: 'title', message: 'required' }],
    });
  });

  it('passes a service problem through unchanged', () => {
    const problem = problemFor(409, 'not in this state');
    expect(capture(new ServiceProblem(problem)).body).toMatchObject(problem);
  });

  it('never leaks internals of unexpected errors', () => {
    const sent = capture(new Error('password=secret at db.ts:12'));
    expect(sent.status).toBe(500);
    expect(JSON.stringify(sent.body)).not.toContain('secret');
  });

  it('gives every problem a detail and a title from the status when none is listed', () => {
    const sent = capture(new ServiceProblem({ type: 'x', title: 'Conflict', status: 409 }));
    expect(sent.body).toMatchObject({ detail: 'Conflict' });
    expect(problemFor(405)).toMatchObject({
      title: 'Method Not Allowed',
      type: expect.stringContaining('method-not-allowed'),
    });
  });

  it('maps HTTP exceptions by status', () => {
    expect(capture(new ForbiddenException('no')).body).toMatchObject({
      status: 403,
      title: 'Forbidden',
    });
  });
});

describe('problemFromFastifyError', () => {
  it('turns a body over the limit into 413 and bad JSON into 400', () => {
    expect(
      problemFromFastifyError({ statusCode: 413, code: 'FST_ERR_CTP_BODY_TOO_LARGE' }).status,
    ).toBe(413);
    expect(
      problemFromFastifyError({ statusCode: 400, code: 'FST_ERR_CTP_INVALID_JSON_BODY' }),
    ).toMatchObject({ status: 400, detail: 'The request body is not valid JSON' });
    expect(problemFromFastifyError({ code: 'SOMETHING' }).status).toBe(500);
  });

  it("answers a path parameter over the length limit with 400, not Fastify's 414", () => {
    expect(
      problemFromFastifyError({ statusCode: 414, code: 'FST_ERR_MAX_PARAM_LENGTH' }),
    ).toMatchObject({ status: 400, title: 'Invalid input' });
  });

  it('answers an unsupported content type with 415 problem details', () => {
    expect(
      problemFromFastifyError({ statusCode: 415, code: 'FST_ERR_CTP_INVALID_MEDIA_TYPE' }),
    ).toMatchObject({ status: 415, title: 'Unsupported media type' });
  });

  it('never repeats what Fastify quoted of the request', () => {
    const error = Object.assign(new Error("'/api/v1/<script>' is not valid"), {
      statusCode: 400,
      code: 'FST_ERR_SOMETHING_NEW',
    });
    const problem = problemFromFastifyError(error);
    expect(problem).toMatchObject({ status: 400, detail: 'The request was refused' });
    expect(JSON.stringify(problem)).not.toContain('script');
  });
});
