import { HttpResult } from './http';

export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  /** AREA.REASON of a domain refusal, e.g. RFI.NOT_FOUND. */
  code?: string;
  errors?: { field: string; message: string }[];
}

// What an error body must never show: stack frames, file paths, framework or driver names, codes.
const INTERNALS =
  /\bat [\w.<>]+ \(|\.(?:js|ts):\d+|node_modules|\/work\/|\bdist\/|Error:|FST_|fastify|nestjs|mikro-?orm|kafkajs|knex|postgres|SQLSTATE|select |insert /i;

/**
 * The answer is an RFC 9457 problem of `status`: application/problem+json with type, title, the
 * same status and a detail, and nothing in it that tells of the internals.
 */
export function expectProblem(result: HttpResult, status: number): ProblemBody {
  const body = result.body as ProblemBody;
  const context = `${result.status} ${JSON.stringify(result.body)}`;
  expect({ status: result.status, context }).toEqual({ status, context });
  expect(result.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  expect(body).toMatchObject({
    type: expect.stringMatching(/^https:\/\/\S+$/),
    title: expect.stringMatching(/\S/),
    status,
    detail: expect.stringMatching(/\S/),
  });
  expect(JSON.stringify(body)).not.toMatch(INTERNALS);
  return body;
}
