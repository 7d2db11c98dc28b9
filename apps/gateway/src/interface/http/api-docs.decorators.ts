import { applyDecorators } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiParam, ApiResponse } from '@nestjs/swagger';
import { longestMatch } from './pattern-length';
import { IDEMPOTENCY_KEY, IF_MATCH } from './service-call';
import { UUID_LENGTH } from './validator-limits';

/** A header's schema from the pattern the gateway checks it with. */
export const patterned = (pattern: RegExp) => ({
  type: 'string' as const,
  pattern: pattern.source,
  maxLength: longestMatch(pattern),
});

export const IdempotencyKeyHeader = (
  description = 'the same key from the same user replays the first answer',
) =>
  ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description,
    schema: patterned(IDEMPOTENCY_KEY),
  });

export const IfMatchHeader = (description = 'the ETag last seen; a stale one gets 412') =>
  ApiHeader({ name: 'If-Match', required: false, description, schema: patterned(IF_MATCH) });

/** A path id: a version 4 UUID, checked by ParseUUIDPipe before the route runs. */
export const UuidParam = (name: string) =>
  ApiParam({
    name,
    schema: { type: 'string', format: 'uuid', minLength: UUID_LENGTH, maxLength: UUID_LENGTH },
  });

const problem = (status: number, description: string) =>
  ApiResponse({ status, description: `${description} (application/problem+json)` });

export interface ApiExample {
  status: number;
  example: unknown;
}

const answer = ({ status, example }: ApiExample) =>
  ApiResponse({
    status,
    description: 'success; ETag header: the resource version',
    schema: { example },
  });

/** An action on an existing resource: accepts Idempotency-Key and If-Match. */
export function ApiAction(summary: string, description: string | undefined, success: ApiExample) {
  return applyDecorators(
    ApiBearerAuth(),
    ApiOperation({ summary, description }),
    answer(success),
    IdempotencyKeyHeader(),
    IfMatchHeader(),
    problem(400, 'invalid input, with field errors'),
    problem(403, 'your role may not do this'),
    problem(404, 'absent, or not yours to see'),
    problem(409, 'not allowed in the current state'),
    problem(412, 'If-Match is stale'),
    problem(504, 'the service did not answer in time; retry with the same Idempotency-Key'),
  );
}

/** A whole replacement (PUT): sending it again changes nothing, so no Idempotency-Key or If-Match. */
export function ApiReplace(summary: string, description: string, example: unknown) {
  return applyDecorators(
    ApiBearerAuth(),
    ApiOperation({ summary, description }),
    answer({ status: 200, example }),
    problem(400, 'invalid input, with field errors'),
    problem(403, 'your role or party may not do this'),
    problem(404, 'no such party'),
    problem(504, 'the service did not answer in time; send it again'),
  );
}

export function ApiRead(summary: string, description: string | undefined, example: unknown) {
  return applyDecorators(
    ApiBearerAuth(),
    ApiOperation({ summary, description }),
    answer({ status: 200, example }),
    problem(404, 'absent, or not yours to see'),
    problem(504, 'the service did not answer in time'),
  );
}
